package dev.memlens.cli;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code memlens parse --bench}: how fast the parser is, measured the way {@code scripts/bench-python-ast.py}
 * measures CPython so the two figures can be set side by side. Files are read into memory first, so the timings are
 * parsing (decoding included) and nothing else. The first pass is reported on its own: in a fresh JVM it pays for
 * class loading, JIT compilation and ANTLR's prediction cache, which is what a one-shot CLI run or the first file an
 * editor opens costs.
 */
final class ParseBenchmark {
    /** Files shorter than this are left out of the slowest list: their time is mostly fixed per-file cost. */
    static final int SLOWEST_MIN_LINES = 50;
    /** The error count of a file whose parse threw: counted among the files with errors. */
    private static final int CRASHED = Integer.MAX_VALUE;
    /** The parser's per-token budget (warm): files over it are counted. */
    static final double PER_TOKEN_LIMIT_MICROS = 2.0;

    private record Source(String name, byte[] bytes, int lines) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final int threads;
    private final int coldThreads;
    private final String jit;
    private final int iterations;
    private final int slowest;

    /**
     * @param threads     threads of the warm passes
     * @param coldThreads threads of the cold pass: by default those of a plain {@code memlens parse} run, since the
     *                    cold pass is what such a run costs
     */
    ParseBenchmark(PrintWriter out, PrintWriter err, int threads, int coldThreads, int iterations, int slowest,
                   String jit) {
        this.jit = jit;
        this.out = out;
        this.err = err;
        this.threads = threads;
        this.coldThreads = coldThreads;
        this.iterations = iterations;
        this.slowest = slowest;
    }

    int run(List<Path> files) {
        long loadStart = System.nanoTime();
        List<Source> sources = load(files);
        long totalLines = sources.stream().mapToLong(Source::lines).sum();
        long totalBytes = sources.stream().mapToLong(s -> s.bytes().length).sum();
        out.printf(Locale.ROOT, "loaded %,d %s, %,d lines, %.1f MB in %.2f s; cold pass on %s, warm passes on %s; JIT: %s%n",
                sources.size(), sources.size() == 1 ? "file" : "files", totalLines, totalBytes / 1e6,
                seconds(loadStart), threads(coldThreads), threads(threads), jit);
        out.flush();
        if (sources.isEmpty()) {
            out.println("nothing to parse");
            return ExitCodes.OK;
        }

        HeapSampler heap = HeapSampler.start();
        ExecutorService pool = ParseWorkers.pool(Math.max(threads, coldThreads));
        try {
            Timings timings = new Timings(sources.size());
            long fallbacks = SourceParser.llFallbacks();
            long fallbacksValid = SourceParser.llFallbacksOnValidCode();
            long cpuStart = processCpuNanos();
            double cold = pass(pool, coldThreads, sources, timings);
            long coldCpu = processCpuNanos() - cpuStart;
            int filesWithErrors = (int) Arrays.stream(timings.errors).filter(e -> e > 0).count();
            out.printf(Locale.ROOT, "cold pass: %.2f s, %,.0f lines/s on %s%s; %d %s with syntax errors%n",
                    cold, totalLines / cold, threads(coldThreads),
                    coldCpu < 0 ? "" : String.format(Locale.ROOT, " (process CPU %.2f s)", coldCpu / 1e9),
                    filesWithErrors, filesWithErrors == 1 ? "file" : "files");
            long llFiles = SourceParser.llFallbacks() - fallbacks;
            long llValid = SourceParser.llFallbacksOnValidCode() - fallbacksValid;
            out.printf(Locale.ROOT, "LL fallback: %d %s reparsed with full LL prediction, %d of them valid%n",
                    llFiles, llFiles == 1 ? "file" : "files", llValid);
            for (int i = 0; i < timings.errors.length; i++) {
                if (timings.errors[i] == CRASHED) {
                    err.println(sources.get(i).name() + ": internal error in the parser");
                }
            }
            err.flush();
            out.flush();

            long[] bestWall = timings.wall.clone();
            long[] bestCpu = timings.cpu.clone();
            double[] warm = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                warm[i] = pass(pool, threads, sources, timings);
                for (int f = 0; f < bestWall.length; f++) {
                    bestWall[f] = Math.min(bestWall[f], timings.wall[f]);
                    bestCpu[f] = Math.min(bestCpu[f], timings.cpu[f]);
                }
                out.printf(Locale.ROOT, "warm pass %d: %.2f s, %,.0f lines/s%n", i + 1, warm[i], totalLines / warm[i]);
                out.flush();
            }

            double typical = iterations > 0 ? median(warm) : cold;
            double fastest = iterations > 0 ? Arrays.stream(warm).min().orElse(cold) : cold;
            int typicalThreads = iterations > 0 ? threads : coldThreads;
            double linesPerSecond = totalLines / typical;
            out.printf(Locale.ROOT, "%s: %,.0f lines/s total, %,.0f lines/s per thread (median pass %.2f s, best %.2f s)%n",
                    iterations > 0 ? "warm" : "cold (no warm passes)", linesPerSecond, linesPerSecond / typicalThreads,
                    typical, fastest);
            printSlowest(sources, timings.tokens, bestWall, timings.cpuMeasured ? bestCpu : null);
            heap.stop();
            out.printf(Locale.ROOT, "peak heap used: %,.0f MB of %,.0f MB max (sampled every %d ms)%n",
                    heap.peak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, HeapSampler.PERIOD_MS);
            out.printf(Locale.ROOT, "summary: memlens warm %.0f lines/s (%s), cold pass %.2f s (%s), %d %s, %d lines%n",
                    linesPerSecond, threads(typicalThreads), cold, threads(coldThreads), sources.size(),
                    sources.size() == 1 ? "file" : "files", totalLines);
        } finally {
            heap.stop();
            pool.shutdownNow();
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    /** CPU time of the whole JVM (every thread, JIT and GC included), or -1 where the platform does not tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Per file, the figures of the latest pass. */
    private static final class Timings {
        final long[] wall;
        final long[] cpu;
        final int[] errors;
        final int[] tokens;
        final boolean cpuMeasured;

        Timings(int files) {
            wall = new long[files];
            cpu = new long[files];
            errors = new int[files];
            tokens = new int[files];
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            cpuMeasured = bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
        }
    }

    private List<Source> load(List<Path> files) {
        List<Source> sources = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                sources.add(new Source(file.toString(), bytes, SourceLines.count(bytes)));
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read file: " + SourceFiles.reason(e) + " (left out)");
            }
        }
        err.flush();
        return sources;
    }

    /** One parse of every file, shared among the threads; fills in each file's times, tokens and error count. */
    private double pass(ExecutorService pool, int threads, List<Source> sources, Timings timings) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong sink = new AtomicLong();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long keep = 0;
                for (int i = next.getAndIncrement(); i < sources.size(); i = next.getAndIncrement()) {
                    Source s = sources.get(i);
                    long c0 = timings.cpuMeasured ? bean.getCurrentThreadCpuTime() : 0;
                    long t0 = System.nanoTime();
                    try {
                        ParseResult r = SourceParser.parse(s.name(), s.bytes());
                        timings.errors[i] = r.errors().size();
                        timings.tokens[i] = r.tokenCount();
                        keep += r.module().body().size();
                    } catch (RuntimeException | StackOverflowError e) {
                        // a parser bug must not end the benchmark: counted, named once, and timed like the rest
                        timings.errors[i] = CRASHED;
                    }
                    timings.wall[i] = System.nanoTime() - t0;
                    timings.cpu[i] = timings.cpuMeasured ? bean.getCurrentThreadCpuTime() - c0 : 0;
                }
                sink.addAndGet(keep);
            }));
        }
        workers.forEach(ParseCommand::await);
        return seconds(start);
    }

    /**
     * The files with the most time per token, best warm pass. Ranked by the parsing thread's CPU time where the JVM
     * measures it, so a loaded machine does not rank the files that were merely descheduled; wall time is shown
     * beside it.
     */
    private void printSlowest(List<Source> sources, int[] tokens, long[] bestWall, long[] bestCpu) {
        if (slowest == 0) {
            return;
        }
        long[] rank = bestCpu != null ? bestCpu : bestWall;
        Comparator<Integer> byMicrosPerToken = Comparator.comparingDouble(i -> micros(rank[i], tokens[i]));
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).lines() >= SLOWEST_MIN_LINES) {
                eligible.add(i);
            }
        }
        List<Integer> ranked = eligible.stream().sorted(byMicrosPerToken.reversed()).limit(slowest).toList();
        if (ranked.isEmpty()) {
            return;
        }
        String clock = bestCpu != null ? "thread CPU time" : "wall time";
        out.printf(Locale.ROOT, "slowest files (µs per token of %s, best pass, files of %d lines or more):%n",
                clock, SLOWEST_MIN_LINES);
        for (int i : ranked) {
            Source s = sources.get(i);
            out.printf(Locale.ROOT, "  %6.3f µs/token %7.2f µs/line  wall %6.3f µs/token %7.1f ms %,8d tokens %,7d lines  %s%n",
                    micros(rank[i], tokens[i]), micros(rank[i], s.lines()), micros(bestWall[i], tokens[i]),
                    bestWall[i] / 1e6, tokens[i], s.lines(), s.name());
        }
        int worst = ranked.get(0);
        long over = eligible.stream().filter(i -> micros(rank[i], tokens[i]) > PER_TOKEN_LIMIT_MICROS).count();
        out.printf(Locale.ROOT, "slowest file: %.3f µs/token (%s); %s, wall %.3f µs/token; %d %s over %.0f µs/token%n",
                micros(rank[worst], tokens[worst]), sources.get(worst).name(), clock,
                micros(bestWall[worst], tokens[worst]), over, over == 1 ? "file" : "files", PER_TOKEN_LIMIT_MICROS);
    }

    private static double micros(long nanos, long count) {
        return nanos / 1e3 / Math.max(1, count);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The most heap seen in use, read by a background thread: MemoryMXBean has no peak of its own for the heap. */
    private static final class HeapSampler implements Runnable {
        static final int PERIOD_MS = 5;

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        private HeapSampler() {
            thread = new Thread(this, "memlens-heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.sample();
            s.thread.start();
            return s;
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used > peak) {
                peak = used;
            }
        }

        void stop() {
            if (running) {
                running = false;
                sample();
                thread.interrupt();
            }
        }

        long peak() {
            return peak;
        }
    }
}
