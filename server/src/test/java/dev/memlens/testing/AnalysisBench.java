package dev.memlens.testing;

import dev.memlens.analysis.Interpreter;
import dev.memlens.syntax.ast.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Robustness and speed of the interpreter over a corpus (the stdlib), before the parser lands: reads the ASTs
 * CPython dumped ({@code index.txt} lines: json path, line count, source path), analyzes every file on one thread,
 * reports exceptions, the slowest files, interpretation lines/s (cold and warm passes) and the peak heap.
 * usage: AnalysisBench INDEX [warmPasses]
 */
public final class AnalysisBench {
    private AnalysisBench() {
    }

    private record Entry(Path json, int lines, String source) {}

    public static void main(String[] args) throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]))) {
            String[] p = l.split("\t");
            entries.add(new Entry(Path.of(p[0]), Integer.parseInt(p[1]), p[2]));
        }
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long totalLines = entries.stream().mapToLong(Entry::lines).sum();
        for (int pass = 0; pass <= passes; pass++) {
            long analysisNanos = 0;
            int failures = 0;
            List<Object[]> times = new ArrayList<>();
            for (Entry e : entries) {
                Module m = PyAstBridge.fromJson(Files.readString(e.json()));
                long t0 = System.nanoTime();
                try {
                    Interpreter.analyze(m);
                } catch (Throwable t) {
                    failures++;
                    System.out.println("EXCEPTION " + e.source() + ": " + t);
                }
                long dt = System.nanoTime() - t0;
                analysisNanos += dt;
                times.add(new Object[] {dt, e.source(), e.lines()});
            }
            times.sort(Comparator.comparingLong(o -> -(long) o[0]));
            System.out.printf("pass %d (%s): %d files, %d lines, %d exceptions, interpretation %.2f s = %.0f lines/s%n",
                    pass, pass == 0 ? "cold" : "warm", entries.size(), totalLines, failures, analysisNanos / 1e9,
                    totalLines / (analysisNanos / 1e9));
            if (pass == passes) {
                for (int i = 0; i < 10 && i < times.size(); i++) {
                    System.out.printf("  slow: %7.1f ms  %6d lines  %s%n", (long) times.get(i)[0] / 1e6,
                            (int) times.get(i)[2], times.get(i)[1]);
                }
                long over = times.stream().filter(o -> (long) o[0] > 2_000_000_000L).count();
                System.out.println("  files over 2 s: " + over);
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap after: %.0f MB used of max %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.maxMemory() / 1e6);
    }
}
