package dev.memlens.cli;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

    private record Source(String name, byte[] bytes, int lines) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final int threads;
    private final int iterations;
    private final int slowest;

    ParseBenchmark(PrintWriter out, PrintWriter err, int threads, int iterations, int slowest) {
        this.out = out;
        this.err = err;
        this.threads = threads;
        this.iterations = iterations;
        this.slowest = slowest;
    }

    int run(List<Path> files) {
        long loadStart = System.nanoTime();
        List<Source> sources = load(files);
        long totalLines = sources.stream().mapToLong(Source::lines).sum();
        long totalBytes = sources.stream().mapToLong(s -> s.bytes().length).sum();
        out.printf(Locale.ROOT, "loaded %,d %s, %,d lines, %.1f MB in %.2f s; %d %s%n",
                sources.size(), sources.size() == 1 ? "file" : "files", totalLines, totalBytes / 1e6,
                seconds(loadStart), threads, threads == 1 ? "thread" : "threads");
        out.flush();
        if (sources.isEmpty()) {
            out.println("nothing to parse");
            return ExitCodes.OK;
        }

        HeapSampler heap = HeapSampler.start();
        ExecutorService pool = ParseWorkers.pool(threads);
        try {
            long[] nanos = new long[sources.size()];
            int[] errors = new int[sources.size()];
            double cold = pass(pool, sources, nanos, errors);
            int filesWithErrors = (int) Arrays.stream(errors).filter(e -> e > 0).count();
            out.printf(Locale.ROOT, "cold pass: %.2f s, %,.0f lines/s; %d %s with syntax errors%n",
                    cold, totalLines / cold, filesWithErrors, filesWithErrors == 1 ? "file" : "files");
            for (int i = 0; i < errors.length; i++) {
                if (errors[i] == CRASHED) {
                    err.println(sources.get(i).name() + ": internal error in the parser");
                }
            }
            err.flush();
            out.flush();

            long[] best = nanos.clone();
            double[] warm = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                warm[i] = pass(pool, sources, nanos, errors);
                for (int f = 0; f < best.length; f++) {
                    best[f] = Math.min(best[f], nanos[f]);
                }
                out.printf(Locale.ROOT, "warm pass %d: %.2f s, %,.0f lines/s%n", i + 1, warm[i], totalLines / warm[i]);
                out.flush();
            }

            double typical = iterations > 0 ? median(warm) : cold;
            double fastest = iterations > 0 ? Arrays.stream(warm).min().orElse(cold) : cold;
            double linesPerSecond = totalLines / typical;
            out.printf(Locale.ROOT, "%s: %,.0f lines/s total, %,.0f lines/s per thread (median pass %.2f s, best %.2f s)%n",
                    iterations > 0 ? "warm" : "cold (no warm passes)", linesPerSecond, linesPerSecond / threads,
                    typical, fastest);
            printSlowest(sources, best);
            heap.stop();
            out.printf(Locale.ROOT, "peak heap used: %,.0f MB of %,.0f MB max (sampled every %d ms)%n",
                    heap.peak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, HeapSampler.PERIOD_MS);
            out.printf(Locale.ROOT, "summary: memlens warm %.0f lines/s (%d %s), cold pass %.2f s, %d %s, %d lines%n",
                    linesPerSecond, threads, threads == 1 ? "thread" : "threads", cold, sources.size(),
                    sources.size() == 1 ? "file" : "files", totalLines);
        } finally {
            heap.stop();
            pool.shutdownNow();
        }
        out.flush();
        return ExitCodes.OK;
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

    /** One parse of every file, shared among the threads; fills in each file's time and error count. */
    private double pass(ExecutorService pool, List<Source> sources, long[] nanos, int[] errors) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong sink = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long keep = 0;
                for (int i = next.getAndIncrement(); i < sources.size(); i = next.getAndIncrement()) {
                    Source s = sources.get(i);
                    long t0 = System.nanoTime();
                    try {
                        ParseResult r = SourceParser.parse(s.name(), s.bytes());
                        errors[i] = r.errors().size();
                        keep += r.module().body().size();
                    } catch (RuntimeException | StackOverflowError e) {
                        // a parser bug must not end the benchmark: counted, named once, and timed like the rest
                        errors[i] = CRASHED;
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                sink.addAndGet(keep);
            }));
        }
        workers.forEach(ParseCommand::await);
        return seconds(start);
    }

    private void printSlowest(List<Source> sources, long[] best) {
        if (slowest == 0) {
            return;
        }
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byMicrosPerLine = Comparator.comparingDouble(i -> microsPerLine(best[i], sources.get(i)));
        List<Integer> ranked = Arrays.stream(order)
                .filter(i -> sources.get(i).lines() >= SLOWEST_MIN_LINES)
                .sorted(byMicrosPerLine.reversed())
                .limit(slowest)
                .toList();
        if (ranked.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "slowest files (µs per line, best pass, files of %d lines or more):%n",
                SLOWEST_MIN_LINES);
        for (int i : ranked) {
            Source s = sources.get(i);
            out.printf(Locale.ROOT, "  %8.2f µs/line %8.1f ms %,9d lines  %s%n",
                    microsPerLine(best[i], s), best[i] / 1e6, s.lines(), s.name());
        }
    }

    private static double microsPerLine(long nanos, Source s) {
        return nanos / 1e3 / Math.max(1, s.lines());
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
