package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParseBenchTest {

    @TempDir
    Path dir;

    @Test
    void reportsColdAndWarmPassesSlowestFilesAndHeap() throws IOException {
        for (int i = 0; i < 5; i++) {
            Cli.write(dir.resolve("pkg/m" + i + ".py"), "x = [1, [2, 3]]\ny = x\n".repeat(40 * (i + 1)));
        }
        Cli.write(dir.resolve("tiny.py"), "x = 1\n");
        Cli.Run run = Cli.run("parse", "--bench", "--iterations", "2", "--threads", "2", "--slowest", "3",
                dir.toString());
        assertEquals(0, run.exit(), run::toString);
        String out = run.out();
        assertTrue(out.contains("loaded 6 files, 1,201 lines"), out);
        assertTrue(out.contains("2 threads"), out);
        assertTrue(out.matches("(?s).*cold pass: \\d+\\.\\d\\d s, [\\d,]+ lines/s; 0 files with syntax errors.*"), out);
        assertTrue(out.contains("warm pass 1: "), out);
        assertTrue(out.contains("warm pass 2: "), out);
        assertTrue(out.matches("(?s).*warm: [\\d,]+ lines/s total, [\\d,]+ lines/s per thread.*"), out);
        assertTrue(out.contains("slowest files (µs per line"), out);
        assertEquals(3, out.lines().filter(l -> l.contains("µs/line")).count(), out);
        assertTrue(!out.contains("tiny.py"), "files under 50 lines are not ranked:\n" + out);
        assertTrue(out.matches("(?s).*peak heap used: [\\d,]+ MB of [\\d,]+ MB max.*"), out);
        assertTrue(out.matches("(?s).*\\Rsummary: memlens warm \\d+ lines/s \\(2 threads\\), cold pass "
                + "\\d+\\.\\d\\d s, 6 files, 1201 lines\\R"), out);
    }

    @Test
    void zeroIterationsReportsTheColdPassOnly() throws IOException {
        Cli.write(dir.resolve("a.py"), "x = 1\n".repeat(60));
        Cli.Run run = Cli.run("parse", "--bench", "--iterations", "0", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("cold (no warm passes): "), run::toString);
        assertTrue(!run.out().contains("warm pass 1"), run::toString);
    }

    @Test
    void nothingToParse() {
        Cli.Run run = Cli.run("parse", "--bench", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("nothing to parse"), run::toString);
    }
}
