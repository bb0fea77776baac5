package dev.memlens.rules.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the configuration for each file: the nearest pyproject.toml with a {@code [tool.memlens]} table, walking
 * up from the file's directory. Results are cached per directory; thread-safe.
 */
public final class ConfigFinder {

    /** The project file whose {@code [tool.memlens]} table applies to the files below its directory. */
    public static final String FILE_NAME = "pyproject.toml";
    private final ConcurrentHashMap<Path, ProjectConfig> byDir = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    public ProjectConfig forFile(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        return dir == null ? ProjectConfig.NONE : forDir(dir);
    }

    private ProjectConfig forDir(Path dir) {
        ProjectConfig cached = byDir.get(dir);
        if (cached != null) {
            return cached;
        }
        ProjectConfig found = null;
        Path candidate = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(candidate)) {
            List<String> errs = new ArrayList<>();
            try {
                found = ProjectConfig.read(candidate, errs);
            } catch (IOException | RuntimeException e) {
                errs.add(candidate + ": cannot read: " + e.getMessage());
            }
            errors.addAll(errs);
        }
        if (found == null) {
            Path parent = dir.getParent();
            found = parent == null ? ProjectConfig.NONE : forDir(parent);
        }
        byDir.putIfAbsent(dir, found);
        return byDir.get(dir);
    }

    /** Problems met in configuration files so far (each once per file). */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(new java.util.LinkedHashSet<>(errors));
        }
    }
}
