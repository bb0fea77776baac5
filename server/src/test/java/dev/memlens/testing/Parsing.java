package dev.memlens.testing;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How rule tests get ASTs: CPython's parser through {@link CPythonAst} when python3 is present (the reference the
 * fixtures are about), else MemLens's own parser. {@code -Dmemlens.test.parser=memlens} forces the latter.
 */
public final class Parsing {
    private Parsing() {
    }

    public static boolean useCPython() {
        return !"memlens".equals(System.getProperty("memlens.test.parser")) && CPythonAst.available();
    }

    public static Map<Path, ParseResult> parse(List<Path> files) throws IOException {
        if (useCPython()) {
            return CPythonAst.parse(files);
        }
        Map<Path, ParseResult> out = new LinkedHashMap<>();
        for (Path f : files) {
            out.put(f, SourceParser.parse(f.toString(), Files.readAllBytes(f)));
        }
        return out;
    }

    public static ParseResult parseText(String name, String text) throws IOException {
        if (useCPython()) {
            return CPythonAst.parseText(name, text);
        }
        return SourceParser.parse(new dev.memlens.syntax.SourceText(name, text));
    }
}
