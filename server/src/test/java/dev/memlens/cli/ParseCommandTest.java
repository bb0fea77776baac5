package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code memlens parse} without syntax errors from the grammar: errors here come from decoding, binary content and
 * the file system, which need no parser. {@link ParseCommandSyntaxErrorTest} has the cases that need one.
 */
class ParseCommandTest {
    private static final String SUMMARY = "\\d+ files?, \\d+ lines?, \\d+ errors? in \\d+\\.\\d\\d s\\R";

    @TempDir
    Path dir;

    @Test
    void cleanFileExitsZeroWithOnlyTheSummary() throws IOException {
        Path file = Cli.write(dir.resolve("ok.py"), "x = [1, 2]\ny = x\n");
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().matches("1 file, 2 lines, 0 errors in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void summaryCountsLinesWithEveryKindOfLineEnd() throws IOException {
        Cli.write(dir.resolve("lf.py"), "a = 1\nb = 2\n");
        Cli.write(dir.resolve("crlf.py"), "a = 1\r\nb = 2\r\nc = 3");
        Cli.write(dir.resolve("cr.py"), "a = 1\rb = 2\r");
        Cli.write(dir.resolve("empty.py"), "");
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().matches("4 files, 7 lines, 0 errors in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void nonexistentPathIsAUsageErrorNamingThePath() throws IOException {
        Path good = Cli.write(dir.resolve("ok.py"), "x = 1\n");
        Path missing = dir.resolve("missing.py");
        Cli.Run run = Cli.run("parse", good.toString(), missing.toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("memlens parse: no such file or directory: " + missing), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    @Test
    void noPathIsAUsageError() {
        Cli.Run run = Cli.run("parse");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("PATH"), run::toString);
    }

    @Test
    void badThreadCountIsAUsageError() {
        Cli.Run run = Cli.run("parse", "--threads", "0", dir.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--threads"), run::toString);
    }

    @Test
    void benchOptionsWithoutBenchAreAUsageError() {
        Cli.Run run = Cli.run("parse", "--iterations", "3", dir.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("only apply with --bench"), run::toString);
    }

    @Test
    void decodingErrorIsReportedAsPathLineColMessage() throws IOException {
        Path file = Cli.write(dir.resolve("bad_coding.py"), "# -*- coding: klingon -*-\nx = 1\n");
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(List.of(file + ":1:1: unknown encoding: klingon"), run.outLines());
        assertTrue(run.err().matches("1 file, 2 lines, 1 error in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void invalidUtf8IsAnErrorNotReplacementCharacters() throws IOException {
        Path file = Cli.write(dir.resolve("latin.py"), "s = '\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.outLines().size(), run::toString);
        assertTrue(run.outLines().get(0).startsWith(file + ":1:1: (unicode error) 'utf-8' codec"), run::toString);
    }

    @Test
    void declaredLatin1FileIsFine() throws IOException {
        Path file = Cli.write(dir.resolve("latin.py"),
                "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\ns = '\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void binaryFileGivesOneClearLineAtItsFirstNulByte() throws IOException {
        // the column counts characters: 'é' is one, though two bytes
        Path file = Cli.write(dir.resolve("blob.py"), "abc\nd\u00e9\u0000\u0001\u0002".getBytes(StandardCharsets.UTF_8));
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(List.of(file + ":2:3: source code cannot contain null bytes (is this a binary file?)"),
                run.outLines());
    }

    @Test
    void realBinaryDataNeverGivesAStackTrace() throws IOException {
        byte[] png = new byte[4096];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31 + (i >> 3));
        }
        Path file = Cli.write(dir.resolve("image.py"), png);
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.outLines().size(), run::toString);
        assertTrue(run.outLines().get(0).matches("\\Q" + file + "\\E:\\d+:\\d+: .+"), run::toString);
        assertFalse((run.out() + run.err()).contains("Exception"), run::toString);
    }

    @Test
    void directoriesAreSearchedInNameOrderSkippingHiddenDirectories() throws IOException {
        // a coding error makes each file print one line, so the output shows which files were read, in which order
        String bad = "# coding: nope\n";
        Cli.write(dir.resolve("b.py"), bad);
        Cli.write(dir.resolve("a/z.py"), bad);
        Cli.write(dir.resolve("a/b/c.py"), bad);
        Cli.write(dir.resolve("a.py"), bad);
        Cli.write(dir.resolve(".venv/lib/hidden.py"), bad);
        Cli.write(dir.resolve("notes.txt"), bad);
        Cli.write(dir.resolve("script"), bad);
        Cli.write(dir.resolve("__pycache__/m.cpython-311.pyc"), bad);
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(1, run.exit(), run::toString);
        List<String> expected = new ArrayList<>();
        for (String f : List.of("a/b/c.py", "a/z.py", "a.py", "b.py")) {
            expected.add(dir.resolve(f) + ":1:1: unknown encoding: nope");
        }
        assertEquals(expected, run.outLines());
        assertTrue(run.err().startsWith("4 files, 4 lines, 4 errors in "), run::toString);
    }

    @Test
    void outputOrderDoesNotDependOnThreads() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = String.format("m%03d.py", i);
            // big and small files alternate, so threads finish out of order
            String body = "# coding: nope" + i + "\n" + "x = 1\n".repeat(i % 2 == 0 ? 20_000 : 1);
            Cli.write(dir.resolve(name), body);
            expected.add(dir.resolve(name) + ":1:1: unknown encoding: nope" + i);
        }
        for (String threads : List.of("1", "2", "7")) {
            Cli.Run run = Cli.run("parse", "--threads", threads, dir.toString());
            assertEquals(1, run.exit(), run::toString);
            assertEquals(expected, run.outLines(), "--threads " + threads);
        }
    }

    @Test
    void aHiddenDirectoryNamedOnTheCommandLineIsSearched() throws IOException {
        Cli.write(dir.resolve(".hidden/x.py"), "# coding: nope\n");
        Cli.Run run = Cli.run("parse", dir.resolve(".hidden").toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.outLines().size(), run::toString);
    }

    @Test
    void aFileNamedOnTheCommandLineIsParsedWhateverItsName() throws IOException {
        Path script = Cli.write(dir.resolve("tool"), "# coding: nope\n");
        Cli.Run run = Cli.run("parse", script.toString());
        assertEquals(List.of(script + ":1:1: unknown encoding: nope"), run.outLines());
    }

    @Test
    void aFileGivenTwiceIsParsedOnce() throws IOException {
        Path file = Cli.write(dir.resolve("x.py"), "# coding: nope\n");
        Cli.Run run = Cli.run("parse", file.toString(), dir.toString());
        assertEquals(1, run.outLines().size(), run::toString);
        assertTrue(run.err().startsWith("1 file, "), run::toString);
    }

    @Test
    void excludedNamesAreSkipped() throws IOException {
        Cli.write(dir.resolve("site-packages/pkg/x.py"), "# coding: nope\n");
        Cli.write(dir.resolve("gen.py"), "# coding: nope\n");
        Cli.write(dir.resolve("keep.py"), "x = 1\n");
        Cli.Run run = Cli.run("parse", "--exclude", "site-packages", "--exclude", "gen.py", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().startsWith("1 file, 1 line, 0 errors"), run::toString);
    }

    @Test
    void emptyDirectoryIsFine() {
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().matches("0 files, 0 lines, 0 errors in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void danglingSymlinkIsAnUnreadableFileNotACrash() throws IOException {
        Path link = dir.resolve("gone.py");
        try {
            Files.createSymbolicLink(link, dir.resolve("nowhere.py"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeFalse(true, "no symbolic links here");
        }
        Cli.write(dir.resolve("ok.py"), "x = 1\n");
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(List.of(link + ": cannot read file: no such file or directory"), run.outLines());
        assertTrue(run.err().startsWith("2 files, 1 line, 1 error in "), run::toString);
    }

    @Test
    void unreadableFileIsAnErrorLine() throws IOException {
        Path file = Cli.write(dir.resolve("secret.py"), "x = 1\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeFalse(true, "no POSIX permissions here");
        }
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        Cli.Run run = Cli.run("parse", file.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(List.of(file + ": cannot read file: permission denied"), run.outLines());
    }

    @Test
    void symlinkedDirectoriesAreNotFollowed() throws IOException {
        Path sub = dir.resolve("sub");
        Cli.write(sub.resolve("x.py"), "x = 1\n");
        try {
            Files.createSymbolicLink(sub.resolve("loop"), dir);
        } catch (UnsupportedOperationException | IOException e) {
            assumeFalse(true, "no symbolic links here");
        }
        Cli.Run run = Cli.run("parse", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().startsWith("1 file, "), run::toString);
    }

    @Test
    void theBundledExampleParses() {
        Path example = Cli.repoRoot().resolve("examples/seed_tour.py");
        Cli.Run run = Cli.run("parse", example.toString());
        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().matches("1 file, \\d+ lines, 0 errors in \\d+\\.\\d\\d s\\R"), run::toString);
    }

    @Test
    void summaryWordsAgreeWithTheirNumbers() {
        assertEquals("1 file, 1 line, 1 error in 0.50 s", ParseCommand.summary(1, 1, 1, 0.5));
        assertEquals("0 files, 0 lines, 0 errors in 0.00 s", ParseCommand.summary(0, 0, 0, 0));
        assertTrue(ParseCommand.summary(2, 30, 3, 1.234).matches(SUMMARY.replace("\\R", "")));
    }
}
