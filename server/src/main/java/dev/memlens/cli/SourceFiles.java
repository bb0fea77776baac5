package dev.memlens.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Python files that command-line paths stand for. A file named on the command line is taken whatever its
 * name; a directory stands for every {@code *.py} file below it, visited in name order so that output is the same
 * on every machine. Below a given directory, hidden directories ({@code .git}, {@code .venv}) and excluded names
 * are skipped, and symbolic links to directories are not followed (no cycles, no escaping the tree).
 */
final class SourceFiles {

    /** The files found, in order and without duplicates, and one message per directory that could not be read. */
    record Listing(List<Path> files, List<String> problems) {
    }

    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

    private SourceFiles() {
    }

    /** Paths must exist; the caller reports those that do not as usage errors before calling this. */
    static Listing collect(List<Path> roots, Set<String> excludedNames) {
        Set<Path> seen = new HashSet<>();
        Set<Path> files = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                walk(root, excludedNames, seen, files, problems);
            } else {
                add(root, seen, files);
            }
        }
        return new Listing(List.copyOf(files), List.copyOf(problems));
    }

    private static void walk(Path dir, Set<String> excluded, Set<Path> seen, Set<Path> files, List<String> problems) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": cannot read directory: " + reason(e));
            return;
        }
        children.sort(BY_NAME);
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (excluded.contains(name)) {
                continue;
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (!name.startsWith(".")) {
                    walk(child, excluded, seen, files, problems);
                }
            } else if (name.endsWith(".py") && !Files.isDirectory(child)) {
                add(child, seen, files);
            }
        }
    }

    private static void add(Path file, Set<Path> seen, Set<Path> files) {
        if (seen.add(file.toAbsolutePath().normalize())) {
            files.add(file);
        }
    }

    /** A short human reason for an I/O failure, without the path (the caller prints that first). */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
