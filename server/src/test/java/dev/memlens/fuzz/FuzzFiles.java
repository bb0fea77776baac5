package dev.memlens.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the fuzzers find the repository. */
final class FuzzFiles {

    private FuzzFiles() {
    }

    /** The repository's root, found from wherever the tests run (Maven runs them in {@code server/}). */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/seed_tour.py")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

}
