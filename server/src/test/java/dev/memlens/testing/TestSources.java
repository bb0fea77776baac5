package dev.memlens.testing;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.ast.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses test inputs with the project's parser; while that is still the placeholder (an empty module for a
 * non-empty file) it falls back to {@link PyAstBridge}, which needs python3.
 */
public final class TestSources {
    private TestSources() {
    }

    public record Parsed(String text, Module module) {}

    public static Parsed parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ParseResult r = SourceParser.parse(file.toString(), bytes);
        String text = r.source().text();
        if (r.module().body().isEmpty() && !text.isBlank() && !onlyComments(text)) {
            try {
                return new Parsed(text, PyAstBridge.parse(file));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return new Parsed(text, r.module());
    }

    public static boolean parserAvailable() {
        return !SourceParser.parse("t.py", "x = 1\n".getBytes()).module().body().isEmpty();
    }

    public static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean onlyComments(String text) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return false;
            }
        }
        return true;
    }
}
