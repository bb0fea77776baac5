package dev.memlens.judges;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPython interpreters that judge MemLens' answers: the machine's {@code python3}, CPython 3.8-3.13 under pyenv
 * when present, and CPython 3.14.2 / 3.15.0rc1 compiled to WebAssembly (npm {@code pyodide@314.0.8} /
 * {@code pyodide@315.0.0-alpha.2}), which the server's build installs into {@code server/judges/node_modules} and
 * {@code judges/run.mjs} runs under Node. Each judge is a command that runs a script as {@code python3 SCRIPT} would;
 * tests skip, saying why, when theirs is missing.
 */
public final class Judges {

    private static final Path DIR = Path.of(System.getProperty("memlens.judges", "judges")).toAbsolutePath();

    private Judges() {
    }

    /** Why the Pyodide judge for {@code version} ("3.14" or "3.15") cannot run here, or empty when it can. */
    public static Optional<String> pyodideMissing(String version) {
        if (!commandWorks("node", "--version")) {
            return Optional.of("node is not on PATH: the CPython " + version + " judge (Pyodide) needs it");
        }
        Path pkg = pyodidePackage(version);
        if (!Files.isRegularFile(pkg.resolve("pyodide.asm.wasm"))) {
            return Optional.of("Pyodide for CPython " + version + " is not installed at " + pkg
                    + " (the build runs npm ci in server/judges; -Djudges.skip=true skips that)");
        }
        return Optional.empty();
    }

    /** The command that runs a Python script under the Pyodide judge {@code version}. */
    public static List<String> pyodide(String version) {
        return List.of("node", DIR.resolve("run.mjs").toString(), version);
    }

    /** The unpacked npm package of the Pyodide judge (its {@code python_stdlib.zip} holds the stdlib sources). */
    public static Path pyodidePackage(String version) {
        return DIR.resolve("node_modules").resolve("pyodide-" + version.replace(".", ""));
    }

    /**
     * A native CPython 3.{@code minor}: {@code python3.X} on PATH, else pyenv's newest 3.X.* under
     * {@code $PYENV_ROOT} (default {@code ~/.pyenv}); empty when there is none.
     */
    public static Optional<List<String>> cpython(int minor) {
        String exe = "python3." + minor;
        if (commandWorks(exe, "-c", "pass")) {
            return Optional.of(List.of(exe));
        }
        String root = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
        Path versions = Path.of(root, "versions");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(versions)) {
            List<Path> found = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("3\\." + minor
                    + "\\.\\d+")).map(p -> p.resolve("bin").resolve(exe)).filter(Files::isExecutable).toList());
            found.sort(null);
            return found.isEmpty() ? Optional.empty() : Optional.of(List.of(found.get(found.size() - 1).toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean commandWorks(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
