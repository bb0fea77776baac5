package dev.memlens.cli;

import dev.memlens.features.TargetVersionFinder;
import dev.memlens.syntax.PythonVersion;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --target-version 3.X}: the Python version files are checked for. Without it each file gets its
 * pyproject.toml's ({@code [tool.memlens] target-version}, else {@code [project] requires-python}), else the newest.
 */
final class TargetVersionOption {
    // a constant for the picocli annotation (PythonVersion.OLDEST to LATEST)
    static final String DESCRIPTION = "Python version to check for, 3.8 to 3.15 (default: the pyproject.toml's "
            + "target-version or requires-python, else 3.15); newer syntax is an error.";

    private TargetVersionOption() {
    }

    /** The version the option names, or null when it was not given; a bad value is a usage error. */
    static PythonVersion parse(String value, CommandSpec spec) {
        if (value == null) {
            return null;
        }
        PythonVersion v = PythonVersion.parse(value);
        if (v == null) {
            throw new ParameterException(spec.commandLine(), "--target-version " + value + ": expected a version from "
                    + PythonVersion.OLDEST + " to " + PythonVersion.LATEST + ", like 3.14");
        }
        return v;
    }

    /**
     * {@link #forFile} for a run over many files that the run does not change: each directory's nearest
     * pyproject.toml is looked up and read once (a stdlib check asked ~8 directories per file, twice per file).
     */
    static java.util.function.Function<String, PythonVersion> memoized(PythonVersion option) {
        if (option != null) {
            return name -> option;
        }
        java.util.Map<java.nio.file.Path, Optional<PythonVersion>> byDirectory =
                new java.util.concurrent.ConcurrentHashMap<>();
        return name -> {
            java.nio.file.Path dir;
            try {
                dir = java.nio.file.Path.of(name).toAbsolutePath().getParent();
            } catch (RuntimeException e) {
                return forFile(null, name);
            }
            return dir == null ? forFile(null, name) : inDirectory(dir, byDirectory).orElse(PythonVersion.LATEST);
        };
    }

    private static Optional<PythonVersion> inDirectory(java.nio.file.Path dir,
                                                       java.util.Map<java.nio.file.Path, Optional<PythonVersion>> memo) {
        Optional<PythonVersion> known = memo.get(dir);
        if (known != null) {
            return known;
        }
        java.nio.file.Path pyproject = dir.resolve(dev.memlens.rules.config.ConfigFinder.FILE_NAME);
        Optional<PythonVersion> v;
        if (java.nio.file.Files.isRegularFile(pyproject)) {
            v = Optional.ofNullable(TargetVersionFinder.read(pyproject, new ArrayList<>()));
        } else {
            java.nio.file.Path up = dir.getParent();
            v = up == null ? Optional.empty() : inDirectory(up, memo);
        }
        memo.put(dir, v);
        return v;
    }

    /** The version for one file: the option's, else its project's, else the newest. */
    static PythonVersion forFile(PythonVersion option, String name) {
        if (option != null) {
            return option;
        }
        List<String> ignored = new ArrayList<>();
        PythonVersion project = TargetVersionFinder.forDocument(name, ignored);
        return project != null ? project : PythonVersion.LATEST;
    }
}
