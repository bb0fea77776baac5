package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Python files of the repository: they need a python3, and skip themselves where there is none. */
class ScriptsTest {

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    @Test
    void theExampleRunsUnderPython() throws Exception {
        Result r = python(Cli.repoRoot().resolve("examples/seed_tour.py").toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("[1, [99, 3], 4]"), r.output());
        assertTrue(r.output().contains("Outside: 10"), r.output());
    }

    @Test
    void pythonBenchmarkCountsWhatMemLensCounts() throws Exception {
        Cli.write(dir.resolve("a.py"), "x = 1\r\ny = 2\rz = 3");
        Cli.write(dir.resolve("b/c.py"), "def f(:\n");
        Cli.write(dir.resolve(".git/d.py"), "x = 1\n");
        Cli.write(dir.resolve("skip/e.py"), "x = 1\n");
        Result r = python(Cli.repoRoot().resolve("scripts/bench-python-ast.py").toString(),
                "--iterations", "1", "--exclude", "skip", dir.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("loaded 2 files, 4 lines"), r.output());
        assertTrue(r.output().contains("1 file with syntax errors"), r.output());
        assertTrue(r.output().matches("(?s).*\\Rsummary: cpython-ast warm \\d+ lines/s \\(1 thread\\).*"), r.output());

        Cli.Run memlens = Cli.run("parse", "--bench", "--iterations", "1", "--exclude", "skip", dir.toString());
        assertTrue(memlens.out().contains("loaded 2 files, 4 lines"), memlens::toString);
    }

    private static Result python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no python3 on this machine");
            throw e;
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        return new Result(p.exitValue(), output);
    }
}
