package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The C1-only directive itself is not applied here: it would slow down every test after it in this JVM. */
class OneShotJitTest {

    @TempDir
    Path dir;

    @Test
    void onlyLargeInputsAskForC1() throws IOException {
        Path small = Files.writeString(dir.resolve("small.py"), "x = 1\n");
        assertFalse(OneShotJit.largeInput(List.of(small)));
        Path big = dir.resolve("big.py");
        Files.write(big, new byte[(int) OneShotJit.LARGE_INPUT_BYTES]);
        assertTrue(OneShotJit.largeInput(List.of(small, big)));
        assertTrue(OneShotJit.largeInput(List.of(big, dir.resolve("missing.py"))));
    }

    @Test
    void withoutBeingAskedTheJitIsLeftAlone() {
        assumeTrue(System.getenv("MEMLENS_JIT") == null, "MEMLENS_JIT is set");
        assertEquals("tiered C1+C2", OneShotJit.apply(false));
    }

    @Test
    void inProcessRunsDoNotTouchTheJit() throws IOException {
        Cli.write(dir.resolve("a.py"), "x = 1\n".repeat(60));
        Cli.Run run = Cli.run("parse", "--bench", "--iterations", "0", dir.toString());
        assertTrue(run.out().contains("JIT: tiered C1+C2"), run::toString);
    }
}
