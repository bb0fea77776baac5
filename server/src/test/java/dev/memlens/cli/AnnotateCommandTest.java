package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code memlens annotate}: the README's picture, from the command line. */
class AnnotateCommandTest {

    /** The code of the README's picture. */
    static final String PICTURE = "import copy\n\nx = [1, [2, 3]]\ny = x\ns = copy.copy(x)\ns[1].append(4)\n";

    @Test
    void printsTheHintsAndTheDiagnosticOfTheReadmePicture(@TempDir Path dir) throws Exception {
        Path file = Cli.write(dir.resolve("picture.py"), PICTURE);
        Cli.Run run = Cli.run("annotate", file.toString());
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.outLines();
        assertEquals(" 1 │ import copy", lines.get(0), run.out());
        assertEquals(" 2 │", lines.get(1), run.out());
        assertEquals(" 4 │ y = x   ≡ x  refs: 2", lines.get(3), run.out());
        assertEquals(" 5 │ s = copy.copy(x)   shallow: shares 1 mutable item", lines.get(4), run.out());
        assertEquals(" 6 │ s[1].append(4)   also changes x[1], y[1]", lines.get(5), run.out());
        assertTrue(lines.get(6).startsWith("   │ ~~~~~~~~~~~~~~ ⚠ MEM101 `s[1]` is the list `[2, 3]` created at line 3"),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.equals("   │                💡 Make a deep copy: copy.deepcopy(x) "
                + "(unsafe)   → line 5 becomes s = copy.deepcopy(x)")), run.out());
        assertFalse(run.out().contains("\u001b"), "piped output has no escape codes");
    }

    @Test
    void colorsOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path file = Cli.write(dir.resolve("picture.py"), PICTURE);
        Cli.Run colored = Cli.run("annotate", "--color", "always", file.toString());
        assertTrue(colored.out().contains("\u001b[33m~~~~~~~~~~~~~~ ⚠ MEM101"), colored.out());
        assertTrue(colored.out().contains("\u001b[2;3m≡ x\u001b[0m"), colored.out());
        Cli.Run plain = Cli.run("show", "--color", "never", file.toString());
        assertEquals(Cli.run("annotate", file.toString()).out(), plain.out());
    }

    @Test
    void theTutorialShowsEveryHintKind() {
        Path seed = Cli.repoRoot().resolve("examples/seed_tour.py");
        Cli.Run run = Cli.run("annotate", seed.toString());
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.outLines();
        assertTrue(lines.contains(" 42 │ print(id(a) == id(b))  # True (same memory address)   True: small-int cache"),
                run.out());
        assertTrue(lines.contains(" 59 │ print(sys.getrefcount(x))  # 2 (One from 'x', one from 'getrefcount' "
                + "call)   prints 2"), run.out());
        assertTrue(lines.contains(" 67 │ shallow_copy = copy.copy(original)   shallow: shares 1 mutable item"),
                run.out());
        assertTrue(lines.contains(" 73 │ deep_copy = copy.deepcopy(original)   deep: shares nothing"), run.out());
        int mutation = lines.indexOf(" 69 │ shallow_copy[1][0] = 99  # Modifies original list too!   also changes "
                + "original[1]");
        assertTrue(mutation > 0, run.out());
        assertTrue(lines.get(mutation + 1).contains("~~~~~~~~~~~~~~~~~~~~~~~ ⚠ MEM101"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(" 11 │ y = x") && !l.contains("≡")),
                "ints get no alias hint: " + run.out());
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersStillPrint(@TempDir Path dir) throws Exception {
        Path ok = Cli.write(dir.resolve("ok.py"), "x = [1]\ny = x\n");
        Cli.Run run = Cli.run("annotate", dir.resolve("missing.py").toString(), ok.toString());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("missing.py: cannot read file"), run.err());
        assertTrue(run.out().contains("2 │ y = x   ≡ x"), run.out());
    }

    @Test
    void aBrokenFileStillShowsItsSyntaxError(@TempDir Path dir) throws Exception {
        Path file = Cli.write(dir.resolve("broken.py"), "x = [1]\ny = (\n");
        Cli.Run run = Cli.run("annotate", file.toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("✖ syntax-error"), run.out());
    }
}
