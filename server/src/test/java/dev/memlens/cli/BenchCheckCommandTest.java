package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code memlens bench-check} checks every file in its child JVM and reports them all; it asserts nothing itself. */
class BenchCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsEveryFileItsPartialsAndItsRows() throws Exception {
        Cli.write(dir.resolve("a.py"), "x = [1]\ny = x\ny.append(2)\n");
        Cli.write(dir.resolve("b.py"), "def f(d=[]):\n    d.append(1)\n    return d\n");
        Cli.write(dir.resolve("broken.py"), "def (:\n");
        Path rows = dir.resolve("rows.jsonl");
        Cli.Run run = Cli.run("bench-check", "--time-limit", "120", "--rows", rows.toString(), dir.toString());
        assertEquals(ExitCodes.OK, run.exit(), run::toString);
        assertTrue(run.out().startsWith("bench-check: 3 files, "), run::toString);
        assertTrue(run.out().contains("1 files with syntax errors"), run::toString);
        assertTrue(run.out().contains("files that did not finish: 0"), run::toString);
        assertTrue(run.out().contains("exceptions: 0"), run::toString);
        assertTrue(run.out().contains("partial analyses: 0"), run::toString);
        List<String> lines = Files.readAllLines(rows);
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(1).contains("\"findings\":1") && lines.get(1).contains("b.py"), lines::toString);
        assertTrue(run.out().startsWith("bench-check: 3 files, 7 lines"), run::toString);
        System.out.print(run.out());
    }

    @Test
    void aFileOverItsTimeLimitIsReportedAndTheRunGoesOn() throws Exception {
        Cli.write(dir.resolve("a.py"), "x = [1]\n");
        Cli.write(dir.resolve("b.py"), "y = [2]\n");
        // a limit no file can meet: each is stopped, and a new checking JVM starts after it
        Cli.Run run = Cli.run("bench-check", "--time-limit", "0.000001", dir.toString());
        assertEquals(ExitCodes.OK, run.exit(), run::toString);
        assertTrue(run.out().startsWith("bench-check: 2 files, "), run::toString);
        assertTrue(run.out().contains("files that did not finish: 2"), run::toString);
        assertTrue(run.out().contains("a.py: over the time limit") && run.out().contains("b.py: over the time limit"),
                run::toString);
    }
}
