package dev.memlens.testing;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How rule tests get ASTs: MemLens's own parser, the one `memlens check` and the language server use. */
public final class Parsing {
    private Parsing() {
    }

    public static Map<Path, ParseResult> parse(List<Path> files) throws IOException {
        Map<Path, ParseResult> out = new LinkedHashMap<>();
        for (Path f : files) {
            out.put(f, SourceParser.parse(f.toString(), Files.readAllBytes(f)));
        }
        return out;
    }

    public static ParseResult parseText(String name, String text) {
        return SourceParser.parse(new SourceText(name, text));
    }
}
