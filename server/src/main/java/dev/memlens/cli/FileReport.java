package dev.memlens.cli;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.SourceParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code memlens parse} has to say about one file: the error lines to print, in the form editors and
 * terminals turn into links ({@code path:line:column: message}, both 1-based, the column counted in characters,
 * i.e. code points), and the counts for the summary.
 */
record FileReport(List<String> errorLines, int sourceLines) {

    int errors() {
        return errorLines.size();
    }

    /** Reads and parses one file for the newest Python. Never throws: every failure becomes an error line. */
    static FileReport of(Path path) {
        return of(path, PythonVersion.LATEST);
    }

    /** The same for a target version: syntax newer than it is an error. */
    static FileReport of(Path path, PythonVersion target) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return new FileReport(List.of(name + ": cannot read file: " + SourceFiles.reason(e)), 0);
        } catch (OutOfMemoryError e) {
            return new FileReport(List.of(name + ": cannot read file: too large"), 0);
        }
        int lines = SourceLines.count(bytes);
        int nul = indexOfNul(bytes);
        if (nul >= 0) {
            // CPython refuses these before tokenizing; here it is nearly always a binary file named *.py
            LineMap map = new LineMap(new String(bytes, 0, nul, StandardCharsets.UTF_8));
            LineMap.Position at = map.position(Integer.MAX_VALUE, LineMap.Encoding.UTF32);
            return new FileReport(List.of(format(name, at,
                    "source code cannot contain null bytes (is this a binary file?)")), lines);
        }
        ParseResult result;
        try {
            result = SourceParser.parse(name, bytes, target);
        } catch (RuntimeException | StackOverflowError e) {
            return new FileReport(List.of(name + ":1:1: internal error in the parser: " + e), lines);
        }
        if (!result.hasErrors()) {
            return new FileReport(List.of(), lines);
        }
        LineMap map = new LineMap(result.source().text());
        List<String> out = new ArrayList<>(result.errors().size());
        for (ParseError error : result.errors()) {
            out.add(format(name, map.position(error.span().start(), LineMap.Encoding.UTF32), error.message()));
        }
        return new FileReport(List.copyOf(out), lines);
    }

    static String format(String name, LineMap.Position at, String message) {
        return name + ":" + (at.line() + 1) + ":" + (at.column() + 1) + ": " + message;
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
