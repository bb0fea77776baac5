package dev.memlens.features;

import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
import dev.memlens.rules.config.ProjectConfig;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;

/**
 * The {@code [tool.memlens]} settings for a document, read with the rules' own loader ({@link ConfigFinder}, as
 * {@code memlens check} does). The finder caches per directory; when the pyproject.toml it found changes on disk,
 * or {@link #reset()} is called (the client reported a changed pyproject.toml), it starts afresh.
 */
public final class ProjectRules {

    private final Consumer<String> problems;
    private ConfigFinder finder = new ConfigFinder();
    private int reportedErrors;

    public ProjectRules() {
        this(problem -> System.err.println("[memlens] " + problem));
    }

    public ProjectRules(Consumer<String> problems) {
        this.problems = problems;
    }

    public synchronized void reset() {
        finder = new ConfigFinder();
        reportedErrors = 0;
    }

    /** The settings for {@code name} (a file URI or a path); the defaults for anything that is not a local file. */
    public RuleSettings forDocument(String name) {
        Path path = path(name);
        if (path == null) {
            return RuleSettings.DEFAULT;
        }
        try {
            ProjectConfig config;
            synchronized (this) {
                config = finder.forFile(path);
                if (config.file() != null && changed(config)) {
                    finder = new ConfigFinder();
                    reportedErrors = 0;
                    config = finder.forFile(path);
                }
                var errors = finder.errors();
                for (int i = reportedErrors; i < errors.size(); i++) {
                    problems.accept(errors.get(i));
                }
                reportedErrors = errors.size();
            }
            return config.settingsFor(path);
        } catch (RuntimeException e) {
            problems.accept("pyproject.toml for " + name + ": " + e);
            return RuleSettings.DEFAULT;
        }
    }

    private final java.util.Map<Path, FileTime> seen = new java.util.HashMap<>();

    private boolean changed(ProjectConfig config) {
        try {
            FileTime now = Files.getLastModifiedTime(config.file());
            FileTime before = seen.put(config.file(), now);
            return before != null && !before.equals(now);
        } catch (java.io.IOException e) {
            return true;
        }
    }

    static Path path(String name) {
        try {
            if (name.startsWith("file:")) {
                return Path.of(URI.create(name));
            }
            if (name.contains("://") || name.startsWith("untitled:")) {
                return null;
            }
            return Path.of(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
