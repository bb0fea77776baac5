package dev.memlens.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code memlens bench-check PATH...}: the whole pipeline of {@code memlens check} (parse, scopes, control flow,
 * the abstract interpreter, every rule) over a corpus, one file at a time on one thread, in a child JVM with a
 * bounded heap. A file that overruns its time limit, or kills the child (OutOfMemoryError), is recorded and the run
 * goes on with the next file in a new child. Reports the slowest files, the files over 2 s of analysis, the peak
 * heap, every exception and the functions whose analysis was partial, with their causes. Asserts nothing.
 */
@Command(name = "bench-check", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Measure the check pipeline over a corpus: slowest files, heap, exceptions, partial analyses.")
public final class BenchCheckCommand implements Callable<Integer> {
    private static final String END = "\u0000end";
    private static final long STARTUP_LIMIT_MS = 120_000;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Python files, or directories to search.")
    List<Path> paths;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "30",
            description = "Wall time one file may take before it is recorded as over the limit (default: 30).")
    double timeLimit;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Maximum heap of the checking JVM (-Xmx; default: 1g).")
    String heap;

    @Option(names = "--slowest", paramLabel = "N", defaultValue = "10", description = "Slowest files listed.")
    int slowest;

    @Option(names = "--exclude", paramLabel = "NAME", description = "Skip files and directories with this name.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--rows", paramLabel = "FILE", description = "Also write every file's figures, one JSON line each.")
    Path rows;

    /** What became of one file. */
    record Outcome(Path path, JsonObject row, String failure) {
        double num(String key) {
            JsonElement e = row == null ? null : row.get(key);
            return e == null || e.isJsonNull() ? 0 : e.getAsDouble();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("memlens bench-check: " + p + ": no such file or directory");
                return ExitCodes.USAGE;
            }
        }
        SourceFiles.Listing listing = SourceFiles.collect(paths, new HashSet<>(exclude));
        List<Path> files = listing.files();
        Path list = Files.createTempFile("memlens-bench-check", ".txt");
        Path stderr = Files.createTempFile("memlens-bench-check", ".err");
        try {
            Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long started = System.nanoTime();
            List<Outcome> outcomes = runAll(files, list, stderr, err);
            double wall = (System.nanoTime() - started) / 1e9;
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (rows != null) {
                List<String> lines = new ArrayList<>();
                for (Outcome o : outcomes) {
                    JsonObject r = o.row == null ? new JsonObject() : o.row.deepCopy();
                    r.addProperty("path", o.path.toString());
                    if (o.failure != null) {
                        r.addProperty("failure", o.failure);
                    }
                    lines.add(r.toString());
                }
                Files.write(rows, lines, StandardCharsets.UTF_8);
            }
            new CheckBenchReport(outcomes, timeLimit, heap, slowest).print(out, wall, loadBefore, loadAfter);
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(stderr);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<Outcome> runAll(List<Path> files, Path list, Path stderr, PrintWriter err)
            throws IOException, InterruptedException {
        Map<Integer, Outcome> done = new LinkedHashMap<>();
        int next = 0;
        long limitMs = Math.round(timeLimit * 1000);
        while (next < files.size()) {
            Process child = new ProcessBuilder(javaCommand(), "-Xmx" + heap, "-cp",
                    System.getProperty("java.class.path"), CheckBenchWorker.class.getName(), list.toString(),
                    Integer.toString(next))
                    .redirectError(stderr.toFile())
                    .start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child was killed: the END below tells the loop
                }
                lines.add(END);
            }, "memlens-bench-check-reader");
            reader.setDaemon(true);
            reader.start();
            int current = -1;
            long deadline = System.currentTimeMillis() + STARTUP_LIMIT_MS;
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    child.destroyForcibly().waitFor();
                    if (current < 0) {
                        throw new IOException("the checking JVM did not start within "
                                + STARTUP_LIMIT_MS / 1000 + " s");
                    }
                    done.put(current, new Outcome(files.get(current), null,
                            "over the time limit of " + timeLimit + " s"));
                    next = current + 1;
                    break;
                }
                if (line.equals(END)) {
                    int code = child.waitFor();
                    if (current >= 0) {
                        done.put(current, new Outcome(files.get(current), null,
                                "the checking JVM died (exit " + code + "): " + lastLine(stderr)));
                        next = current + 1;
                    } else if (next < files.size()) {
                        // died between two files: charge the next one, so the run always moves on
                        done.put(next, new Outcome(files.get(next), null,
                                "the checking JVM died (exit " + code + ") before it: " + lastLine(stderr)));
                        next++;
                    }
                    break;
                }
                if (line.startsWith("S ")) {
                    current = Integer.parseInt(line.substring(2).trim());
                    deadline = System.currentTimeMillis() + limitMs;
                } else if (line.startsWith("D ")) {
                    JsonObject row = JsonParser.parseString(line.substring(2)).getAsJsonObject();
                    int i = row.get("i").getAsInt();
                    done.put(i, new Outcome(files.get(i), row, null));
                    current = -1;
                    next = i + 1;
                    deadline = Long.MAX_VALUE;
                    if (next % 500 == 0) {
                        err.println("bench-check: " + next + "/" + files.size() + " files");
                        err.flush();
                    }
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(done.get(i));
        }
        return out;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String lastLine(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (!all.get(i).isBlank() && !all.get(i).startsWith("\tat ")) {
                    return all.get(i).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the reason stays unknown
        }
        return "no message";
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
