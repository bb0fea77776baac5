package dev.memlens.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Python the mutation fuzzer starts from: the machine python3's standard library and site-packages when
 * python3 is there, else the repository's own fixtures and examples. Files are listed in path order, so a seed picks
 * the same files on the same machine.
 */
final class PythonCorpus {

    /** Bigger files are slow to run thousands of times; the generated extremes cover size. */
    private static final long MAX_BYTES = 48 * 1024;

    private PythonCorpus() {
    }

    record Listing(List<Path> files, String origin) {
    }

    static Listing find(Path repoRoot) {
        List<Path> roots = pythonRoots();
        String origin = "python3 stdlib and site-packages";
        if (roots.isEmpty()) {
            roots = List.of(repoRoot.resolve("server/src/test/resources/fixtures"), repoRoot.resolve("examples"));
            origin = "the repository's fixtures and examples (no python3)";
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).filter(p -> {
                    try {
                        return Files.size(p) <= MAX_BYTES;
                    } catch (IOException e) {
                        return false;
                    }
                }).sorted().forEach(files::add);
            } catch (IOException | RuntimeException e) {
                // an unreadable corner of site-packages: use what was listed
            }
        }
        return new Listing(files, origin + ", " + files.size() + " files");
    }

    private static List<Path> pythonRoots() {
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import site, sysconfig; print(sysconfig.get_paths()['stdlib']); "
                            + "print('\\n'.join(site.getsitepackages()))").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            List<Path> roots = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank() && Files.isDirectory(Path.of(line.trim()))) {
                    roots.add(Path.of(line.trim()));
                }
            }
            // site-packages usually sits inside the stdlib directory: walk each file once
            if (roots.size() > 1 && roots.get(1).startsWith(roots.get(0))) {
                return List.of(roots.get(0));
            }
            return roots;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
