package dev.memlens.cli;

import dev.memlens.features.TargetVersionFinder;
import dev.memlens.syntax.PythonVersion;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;

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
        java.util.Map<java.nio.file.Path, java.util.Optional<PythonVersion>> byDirectory =
                new java.util.concurrent.ConcurrentHashMap<>();
        return name -> forFile(option, name, byDirectory);
    }

    /** The version for one file: the option's, else its project's, else the newest. */
    static PythonVersion forFile(PythonVersion option, String name) {
        return forFile(option, name, null);
    }

    private static PythonVersion forFile(PythonVersion option, String name, /* nullable */
                                         java.util.Map<java.nio.file.Path, java.util.Optional<PythonVersion>> memo) {
        if (option != null) {
            return option;
        }
        PythonVersion project = TargetVersionFinder.forDocument(name, new ArrayList<>(), memo);
        return project != null ? project : PythonVersion.LATEST;
    }
}
