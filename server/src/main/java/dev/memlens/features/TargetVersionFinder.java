package dev.memlens.features;

import dev.memlens.rules.config.ConfigFinder;
import dev.memlens.syntax.PythonVersion;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python version a file targets, from the nearest pyproject.toml above it: {@code [tool.memlens]
 * target-version = "3.14"}, else the lowest version {@code [project] requires-python} allows; null when neither
 * says (the caller then uses its own default). Read afresh each time: the file is small and may change.
 */
public final class TargetVersionFinder {

    private TargetVersionFinder() {
    }

    /** For a file URI or path; null for anything that is not a local file, or names no version. */
    public static PythonVersion forDocument(String name, List<String> problems) {
        return forDocument(name, problems, null);
    }

    /**
     * {@link #forDocument(String, List)} remembering each directory's answer in {@code memo} (null: none), for a
     * run over many files that does not change their pyproject.toml files: each is then looked up and read once.
     */
    public static PythonVersion forDocument(String name, List<String> problems,
                                            /* nullable */ Map<Path, Optional<PythonVersion>> memo) {
        Path dir;
        try {
            dir = (name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name)).toAbsolutePath().getParent();
        } catch (RuntimeException e) {
            return null;
        }
        return dir == null ? null : inDirectory(dir, problems, memo).orElse(null);
    }

    /**
     * The version the nearest pyproject.toml at or above {@code dir} names. A loop, not recursion: a path may have
     * tens of thousands of segments (a URI from a client), and every directory passed is remembered with the answer.
     */
    private static Optional<PythonVersion> inDirectory(Path dir, List<String> problems,
                                                       /* nullable */ Map<Path, Optional<PythonVersion>> memo) {
        List<Path> passed = new ArrayList<>();
        Optional<PythonVersion> v = Optional.empty();
        for (Path d = dir; d != null; d = d.getParent()) {
            Optional<PythonVersion> known = memo == null ? null : memo.get(d);
            if (known != null) {
                v = known;
                break;
            }
            if (memo != null) {
                passed.add(d); // only then: a 20,000-segment path's ancestors are 400 MB of path strings
            }
            Path pyproject = d.resolve(ConfigFinder.FILE_NAME);
            if (Files.isRegularFile(pyproject)) {
                v = Optional.ofNullable(read(pyproject, problems));
                break;
            }
        }
        for (Path d : passed) {
            memo.put(d, v);
        }
        return v;
    }

    /** The version a pyproject.toml names; null when it names none (a bad value is added to problems). */
    public static PythonVersion read(Path pyproject, List<String> problems) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(pyproject);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Object explicit = toml.get("tool.memlens.target-version");
        if (explicit != null) {
            PythonVersion v = explicit instanceof String s ? PythonVersion.parse(s) : null;
            if (v != null) {
                return v;
            }
            problems.add(pyproject + ": [tool.memlens] target-version must be a version from "
                    + PythonVersion.OLDEST + " to " + PythonVersion.LATEST + ", like \"3.14\"; got " + explicit);
        }
        Object requires = toml.get("project.requires-python");
        return requires instanceof String s ? PythonVersion.fromRequiresPython(s) : null;
    }
}
