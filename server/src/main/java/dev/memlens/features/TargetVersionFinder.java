package dev.memlens.features;

import dev.memlens.rules.config.ConfigFinder;
import dev.memlens.syntax.PythonVersion;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        Path file;
        try {
            file = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
        } catch (RuntimeException e) {
            return null;
        }
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path pyproject = dir.resolve(ConfigFinder.FILE_NAME);
            if (Files.isRegularFile(pyproject)) {
                return read(pyproject, problems);
            }
        }
        return null;
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
