package dev.memlens.testing;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.ast.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses test inputs with the project's parser; tells whether python3 (the oracle) is available. */
public final class TestSources {
    private TestSources() {
    }

    public record Parsed(String text, Module module) {}

    public static Parsed parse(Path file) throws IOException {
        ParseResult r = SourceParser.parse(file.toString(), Files.readAllBytes(file));
        return new Parsed(r.source().text(), r.module());
    }

    public static boolean pythonAvailable() {
        return pythonSucceeds("pass");
    }

    /** Whether a python3 of at least this version is on the PATH (oracles that read newer ast/symtable output). */
    public static boolean pythonAtLeast(int major, int minor) {
        return pythonSucceeds("import sys; sys.exit(0 if sys.version_info >= (" + major + ", " + minor + ") else 1)");
    }

    private static boolean pythonSucceeds(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
