package dev.memlens.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mutation fuzzer: generated extremes, then mutants of real Python files, each through {@link CliPipeline}.
 * A crash, an internal error or an input over the time limit is minimized and written out as a reproducer
 * ({@code NAME.py} with {@code NAME.txt} saying what happened and how it was found).
 */
final class MutationFuzzer {

    /** An input over this much CPU time is a failure (acceptance: none over 10 s). */
    static final Duration SLOW = Duration.ofSeconds(10);
    /** An input still running after this long is a hang: it is abandoned on its thread and reported. */
    private static final Duration HANG = Duration.ofSeconds(120);
    /** How long minimizing one failure may take: it runs the pipeline over and over. */
    private static final Duration MINIMIZE_BUDGET = Duration.ofSeconds(90);
    /** The stack {@code java -jar} gives the main thread on 64-bit Linux (not the test JVM's bigger -Xss). */
    static final long STACK = 1L << 20;

    record Failure(String signature, String input, String detail, Path reproducer) {
    }

    record Report(long inputs, long extremes, long mutants, List<Failure> failures, String slowestInput,
                  long slowestCpuNanos, long slowestWallNanos, long totalNanos, String corpus) {
        String summary() {
            return String.format(java.util.Locale.ROOT, "%d inputs (%d generated extremes, %d mutants of %s) in %.0f s: "
                    + "%d failures; slowest input %s: %.2f s CPU, %.2f s wall", inputs, extremes, mutants, corpus,
                    totalNanos / 1e9, failures.size(), slowestInput, slowestCpuNanos / 1e9, slowestWallNanos / 1e9);
        }
    }

    private final FuzzOptions options;
    private final Path work;
    private final Path reproducers;
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private ExecutorService worker = newWorker();
    private CliPipeline pipeline;

    MutationFuzzer(FuzzOptions options, Path work, Path reproducers) {
        this.options = options;
        this.work = work;
        this.reproducers = reproducers;
    }

    Report run(PythonCorpus.Listing corpus, Map<String, byte[]> extremeInputs) throws IOException {
        Files.createDirectories(work);
        Files.createDirectories(reproducers);
        pipeline = new CliPipeline(work);
        warmUp();
        Random random = new Random(options.seed());
        Mutator mutator = new Mutator(random);
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        long inputs = 0;
        long extremes = 0;
        String slowest = "-";
        long slowestCpu = -1;
        long slowestWall = 0;
        List<Map.Entry<String, byte[]>> queue = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : extremeInputs.entrySet()) {
            queue.add(Map.entry("extreme " + e.getKey(), e.getValue()));
        }
        int next = 0;
        while (inputs < options.count() && System.nanoTime() < deadline) {
            String name;
            byte[] input;
            if (next < queue.size()) {
                name = queue.get(next).getKey();
                input = queue.get(next).getValue();
                next++;
                extremes++;
            } else {
                if (corpus.files().isEmpty()) {
                    break;
                }
                Path a = corpus.files().get(random.nextInt(corpus.files().size()));
                Path b = corpus.files().get(random.nextInt(corpus.files().size()));
                name = "mutant " + inputs + " of " + a;
                input = mutator.mutate(read(a), read(b));
            }
            inputs++;
            CliPipeline.Outcome outcome = runGuarded(input);
            if (outcome.cpuNanos() > slowestCpu) {
                slowestCpu = outcome.cpuNanos();
                slowestWall = outcome.wallNanos();
                slowest = name;
            }
            String failure = outcome.failure();
            if (failure == null && outcome.cpuNanos() > SLOW.toNanos()) {
                failure = "slow: over " + SLOW.toSeconds() + " s of CPU";
            }
            if (next <= queue.size() && name.startsWith("extreme ")) {
                System.out.printf(java.util.Locale.ROOT, "[extremes] %s: %s, %.2f s CPU, %.2f s wall%n", name,
                        failure == null ? "ok" : failure, outcome.cpuNanos() / 1e9, outcome.wallNanos() / 1e9);
            }
            if (failure != null && !failures.containsKey(failure)) {
                System.out.printf(java.util.Locale.ROOT, "[mutation fuzz] input %d (%s): %s after %.1f s CPU%n",
                        inputs, name, failure, outcome.cpuNanos() / 1e9);
                failures.put(failure, record(failure, name, input, outcome));
            }
            if (inputs % 1000 == 0) {
                // the slowest so far too: a long run stopped by hand still says what it found
                System.out.printf(java.util.Locale.ROOT, "[mutation fuzz] %d inputs, %d failures, %.0f s; slowest "
                        + "so far %s: %.2f s CPU%n", inputs, failures.size(), (System.nanoTime() - start) / 1e9,
                        slowest, slowestCpu / 1e9);
            }
        }
        worker.shutdownNow();
        return new Report(inputs, extremes, inputs - extremes, List.copyOf(failures.values()), slowest,
                Math.max(0, slowestCpu), slowestWall, System.nanoTime() - start, corpus.origin());
    }

    /** Runs on a worker thread with the CLI's stack; a hang is reported and its thread left behind. */
    /**
     * Runs the pipeline untimed over a few mid-sized inputs first, so that the JIT's compilation of the lexer, the
     * parser and the analysis (process CPU time, on the compiler's threads) is not charged to whichever input happens
     * to come first: the first extreme measured 1-3 s more CPU than the same input run later in the JVM.
     */
    private void warmUp() {
        StringBuilder code = new StringBuilder("import copy\nrows = [[1, 2], [3, 4]]\nalias = rows\n");
        for (int i = 0; i < 300; i++) {
            code.append("def f").append(i).append("(xs, seen=[]):\n    ys = copy.copy(xs)\n")
                    .append("    for x in xs:\n        if x is not None:\n            seen.append(x)\n")
                    .append("    return {'k': ys, 'n': ").append(i).append("}\n");
        }
        String[] inputs = {
            code.toString(),
            "x = [" + "1, ".repeat(50_000) + "]\ny = x\n",
            "d = {" + "7: [], ".repeat(20_000) + "}\nd[0].append(1)\n",
        };
        long cpu = 0;
        for (int round = 0; round < 3; round++) {
            for (String in : inputs) {
                cpu += runGuarded(in.getBytes(java.nio.charset.StandardCharsets.UTF_8)).cpuNanos();
            }
        }
        System.out.printf(java.util.Locale.ROOT, "[fuzz] JIT warm-up (untimed): %.1f s CPU%n", cpu / 1e9);
    }

    private CliPipeline.Outcome runGuarded(byte[] input) {
        Future<CliPipeline.Outcome> f = worker.submit(() -> pipeline.run(input));
        try {
            return f.get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new CliPipeline.Outcome("hang: still running after " + HANG.toSeconds() + " s", "", HANG.toNanos(),
                    HANG.toNanos());
        } catch (ExecutionException e) {
            return new CliPipeline.Outcome("fuzzer: " + e.getCause(), String.valueOf(e.getCause()), 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Failure record(String failure, String name, byte[] input, CliPipeline.Outcome outcome) {
        byte[] small = input;
        int tries = 0;
        // a slow input is minimized only when one run is short enough to repeat; a hang never
        if (!failure.startsWith("hang") && outcome.wallNanos() < MINIMIZE_BUDGET.toNanos() / 4) {
            boolean slow = failure.startsWith("slow");
            long until = System.nanoTime() + MINIMIZE_BUDGET.toNanos();
            Minimizer m = new Minimizer(candidate -> {
                if (System.nanoTime() > until) {
                    return false;
                }
                CliPipeline.Outcome o = runGuarded(candidate);
                return slow ? o.cpuNanos() > SLOW.toNanos() / 2 : failure.equals(o.failure());
            }, 400);
            small = m.minimize(input);
            tries = m.tries();
        }
        String id = Integer.toHexString(failure.hashCode());
        Path py = reproducers.resolve("fuzz-" + id + ".py");
        try {
            Files.write(py, small);
            Files.writeString(reproducers.resolve("fuzz-" + id + ".txt"), failure + "\nfound by: " + name
                    + "\nseed: " + options.seed() + "\nminimized from " + input.length + " to " + small.length
                    + " bytes in " + tries + " tries\n\n" + outcome.detail() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Failure(failure, name, outcome.detail(), py);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-input", STACK);
            t.setDaemon(true);
            return t;
        });
    }
}
