package dev.memlens.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code memlens-check} hook of {@code .pre-commit-hooks.yaml}, in a fresh git repository: through
 * {@code pre-commit try-repo} where pre-commit is installed (Debian's package; .ci/run installs it), else by
 * running the hook's entry on the staged Python files as pre-commit would. Runs the built jar (an IT).
 */
class PreCommitHookIT {
    static final Path JAR = Path.of("target", "memlens.jar").toAbsolutePath();

    @TempDir
    Path repo;
    @TempDir
    Path home;

    private record Result(int exit, String output) {
    }

    @BeforeEach
    void gitRepository() throws Exception {
        assumeTrue(exists("git"), "no git on this machine: the pre-commit hook test is skipped");
        git("init", "-q");
        git("config", "user.email", "test@example.org");
        git("config", "user.name", "test");
        Cli.write(repo.resolve("bad.py"), "def f(x, items=[]):\n    items.append(x)\n    return items\n");
        Cli.write(repo.resolve("good.py"), "x = [1]\nprint(x)\n");
        Cli.write(repo.resolve("notes.txt"), "items=[] is not Python here\n");
        git("add", "-A");
    }

    @Test
    void theHookFailsOnAFindingAndPassesOnceFixed() throws Exception {
        Result bad = runHook();
        assertEquals(1, bad.exit(), bad.output());
        assertTrue(bad.output().contains("bad.py:1:16: MEM201 "), bad.output());
        assertFalse(bad.output().contains("good.py:"), bad.output());
        assertFalse(bad.output().contains("notes.txt"), "only Python files go to the hook: " + bad.output());

        Files.writeString(repo.resolve("bad.py"), "def f(x, items=None):\n    items = [] if items is None else items\n"
                + "    items.append(x)\n    return items\n");
        git("add", "-A");
        Result fixed = runHook();
        assertEquals(0, fixed.exit(), fixed.output());
    }

    private Result runHook() throws Exception {
        if (exists("pre-commit")) {
            return run(List.of("pre-commit", "try-repo", Cli.repoRoot().toString(), "memlens-check", "--all-files"));
        }
        // as pre-commit would: the entry (its first word relative to the hook repository), then the staged files
        // its `types: [python]` selects
        Hook hook = Hook.read(Cli.repoRoot().resolve(".pre-commit-hooks.yaml"));
        assertEquals("script", hook.language());
        assertEquals("[python]", hook.types());
        List<String> command = new ArrayList<>(List.of(hook.entry().split(" ")));
        command.set(0, Cli.repoRoot().resolve(command.get(0)).toString());
        for (String f : run(List.of("git", "diff", "--cached", "--name-only")).output().split("\\R")) {
            if (f.endsWith(".py")) {
                command.add(f);
            }
        }
        return run(command);
    }

    /** The fields of the one hook in the file that this test reads. */
    record Hook(String entry, String language, String types) {
        static Hook read(Path file) throws IOException {
            String yaml = Files.readString(file);
            assertTrue(yaml.contains("- id: memlens-check"), yaml);
            return new Hook(field(yaml, "entry"), field(yaml, "language"), field(yaml, "types"));
        }

        private static String field(String yaml, String name) {
            Matcher m = Pattern.compile("(?m)^  " + name + ": (.+)$").matcher(yaml);
            assertTrue(m.find(), name + " missing in .pre-commit-hooks.yaml");
            return m.group(1).strip();
        }
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Result r = run(command);
        assertEquals(0, r.exit(), r.output());
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("MEMLENS_JAR", JAR.toString());
        env.put("PRE_COMMIT_HOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + command);
        return new Result(p.exitValue(), out);
    }

    private static boolean exists(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
