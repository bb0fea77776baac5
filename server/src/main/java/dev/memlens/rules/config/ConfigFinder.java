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
    /** The longest path Linux accepts (macOS: 1,024, Windows: 260 unless long paths are on). */
    private static final int PATH_MAX = 4096;
    private final ConcurrentHashMap<Path, ProjectConfig> byDir = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    public ProjectConfig forFile(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        return dir == null ? ProjectConfig.NONE : forDir(withinPathMax(dir));
    }

    /**
     * The longest ancestor of {@code dir} a file can exist in: no system accepts a path longer than
     * {@link #PATH_MAX} characters, so below it there is no pyproject.toml to find. An editor may still send a URI
     * of 20,000 segments; walking up from it would create a path per level, each as long as the URI.
     */
    private static Path withinPathMax(Path dir) {
        String s = dir.toString();
        if (s.length() <= PATH_MAX) {
            return dir;
        }
        String separator = dir.getFileSystem().getSeparator();
        int cut = s.lastIndexOf(separator, PATH_MAX);
        Path root = dir.getRoot();
        return cut <= 0 || root == null || cut < root.toString().length() ? root : dir.getFileSystem().getPath(s.substring(0, cut));
    }

    /** Walks up from {@code dir} (a loop: a path can have thousands of levels) and caches every level's answer. */
    private ProjectConfig forDir(Path dir) {
        if (dir == null) {
            return ProjectConfig.NONE;
        }
        List<Path> walked = new ArrayList<>();
        ProjectConfig found = null;
        for (Path d = dir; d != null && found == null; d = d.getParent()) {
            found = byDir.get(d);
            if (found == null) {
                walked.add(d);
                found = read(d.resolve(FILE_NAME));
            }
        }
        if (found == null) {
            found = ProjectConfig.NONE;
        }
        for (Path d : walked) {
            byDir.putIfAbsent(d, found);
        }
        return byDir.get(dir);
    }

    /** The configuration in this file, or null when it is no such file or has no {@code [tool.memlens]} table. */
    private ProjectConfig read(Path candidate) {
        if (!Files.isRegularFile(candidate)) {
            return null;
        }
        List<String> errs = new ArrayList<>();
        ProjectConfig found = null;
        try {
            found = ProjectConfig.read(candidate, errs);
        } catch (IOException | RuntimeException e) {
            errs.add(candidate + ": cannot read: " + e.getMessage());
        }
        errors.addAll(errs);
        return found;
    }

    /** Problems met in configuration files so far (each once per file). */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(new java.util.LinkedHashSet<>(errors));
        }
    }
}
