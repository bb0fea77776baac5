package dev.memlens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code check --watch}: looks at the paths twice a second and hands the files that are new or whose size or
 * modification time changed to {@code recheck}. Polling, not a file-system watch service: it sees every
 * directory below the paths without registering each one, works the same on every OS and file system, and costs
 * one stat per file per round. Runs until the thread is interrupted (Ctrl-C ends the process).
 */
final class CheckWatcher {

    static final long POLL_MILLIS = 500;

    private final List<Path> roots;
    private final Set<String> excludes;
    private final PrintWriter err;
    private Map<Path, String> stamps;

    CheckWatcher(List<Path> roots, Set<String> excludes, List<Path> checked, PrintWriter err) {
        this.roots = List.copyOf(roots);
        this.excludes = excludes;
        this.err = err;
        this.stamps = stamps(checked);
    }

    void watch(Consumer<List<Path>> recheck) {
        err.println("watching " + stamps.size() + " files for changes (Ctrl-C to stop)");
        err.flush();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Path> changed = poll();
            if (!changed.isEmpty()) {
                err.println("changed: " + changed.size() + (changed.size() == 1 ? " file" : " files"));
                err.flush();
                recheck.accept(changed);
            }
        }
    }

    /** Files new or changed since the last round, in file order. */
    List<Path> poll() {
        Map<Path, String> now = stamps(SourceFiles.collect(existing(), excludes).files());
        List<Path> changed = new ArrayList<>();
        now.forEach((file, stamp) -> {
            if (!Objects.equals(stamps.get(file), stamp)) {
                changed.add(file);
            }
        });
        stamps = now;
        return changed;
    }

    private List<Path> existing() {
        List<Path> out = new ArrayList<>();
        for (Path p : roots) {
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Map<Path, String> stamps(List<Path> files) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                out.put(f, Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                out.put(f, "unreadable");
            }
        }
        return out;
    }
}
