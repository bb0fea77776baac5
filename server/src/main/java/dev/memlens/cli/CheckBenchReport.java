package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary {@code memlens bench-check} prints over the outcomes of every file. */
final class CheckBenchReport {
    /** Analysis time above which a file is listed on its own (the engine's per-file bound). */
    private static final double SLOW_MS = 2000;

    private final List<BenchCheckCommand.Outcome> outcomes;
    private final double timeLimit;
    private final String heap;
    private final int slowest;

    CheckBenchReport(List<BenchCheckCommand.Outcome> outcomes, double timeLimit, String heap, int slowest) {
        this.outcomes = outcomes;
        this.timeLimit = timeLimit;
        this.heap = heap;
        this.slowest = slowest;
    }

    void print(PrintWriter out, double wallSeconds, double loadBefore, double loadAfter) {
        List<BenchCheckCommand.Outcome> finished = new ArrayList<>();
        List<BenchCheckCommand.Outcome> failed = new ArrayList<>();
        long lines = 0;
        double cpuMs = 0;
        double analysisCpuMs = 0;
        int syntaxErrors = 0;
        for (BenchCheckCommand.Outcome o : outcomes) {
            if (o.failure() != null) {
                failed.add(o);
                continue;
            }
            finished.add(o);
            lines += (long) o.num("lines");
            cpuMs += o.num("totalCpuMs");
            analysisCpuMs += o.num("analysisCpuMs");
            if (o.num("syntaxErrors") > 0) {
                syntaxErrors++;
            }
        }
        out.println(BenchCheckCommand.format("bench-check: %,d files, %,d lines (of the files that finished), "
                        + "%.1f s wall, load average %.2f at start and %.2f at end", outcomes.size(), lines,
                wallSeconds, loadBefore, loadAfter));
        out.println(BenchCheckCommand.format("  thread CPU in the files: %.1f s, of which the analysis %.1f s; "
                + "%d files with syntax errors (analyzed, rules skipped)", cpuMs / 1000, analysisCpuMs / 1000, syntaxErrors));
        out.println(BenchCheckCommand.format("  files that did not finish: %d (time limit %.0f s, -Xmx%s)",
                failed.size(), timeLimit, heap));
        for (BenchCheckCommand.Outcome o : failed) {
            out.println("    " + o.path() + ": " + o.failure());
        }

        List<String> exceptions = new ArrayList<>();
        for (BenchCheckCommand.Outcome o : finished) {
            JsonElement ex = o.row().get("exceptions");
            if (ex != null) {
                for (JsonElement e : ex.getAsJsonArray()) {
                    exceptions.add(o.path() + ": " + e.getAsString());
                }
            }
        }
        out.println("  exceptions: " + exceptions.size());
        exceptions.stream().limit(30).forEach(e -> out.println("    " + e));
        if (exceptions.size() > 30) {
            out.println("    ... and " + (exceptions.size() - 30) + " more (--rows has them all)");
        }

        List<BenchCheckCommand.Outcome> byAnalysis = new ArrayList<>(finished);
        // thread CPU first: on a machine shared with other work, wall times grow with its load, CPU times do not
        byAnalysis.sort(Comparator.comparingDouble((BenchCheckCommand.Outcome o) -> o.num("analysisCpuMs"))
                .reversed());
        out.println("  slowest " + Math.min(slowest, byAnalysis.size())
                + " by analysis time (thread CPU; wall; whole file: CPU, wall; lines):");
        for (BenchCheckCommand.Outcome o : byAnalysis.subList(0, Math.min(slowest, byAnalysis.size()))) {
            out.println(line(o));
        }
        List<BenchCheckCommand.Outcome> over = finished.stream()
                .filter(o -> o.num("analysisCpuMs") > SLOW_MS || o.num("analysisMs") > SLOW_MS).toList();
        out.println(BenchCheckCommand.format("  files over 2 s of analysis (CPU or wall): %d, and %d did not finish",
                over.size(), failed.size()));
        over.forEach(o -> out.println(line(o)));

        double peak = finished.stream().mapToDouble(o -> o.num("peakHeap")).max().orElse(0);
        double live = finished.stream().mapToDouble(o -> o.num("liveHeap")).max().orElse(0);
        out.println(BenchCheckCommand.format("  heap (-Xmx%s): peak %.0f MB (sum of the heap pools' peaks), at most "
                + "%.0f MB live after a collection", heap, peak / (1 << 20), live / (1 << 20)));

        printPartials(out, finished);
    }

    private static String line(BenchCheckCommand.Outcome o) {
        return BenchCheckCommand.format("    cpu %9.1f ms  wall %9.1f ms  file cpu %9.1f ms, wall %9.1f ms  %,7d lines  %s",
                o.num("analysisCpuMs"), o.num("analysisMs"), o.num("totalCpuMs"), o.num("totalMs"),
                (long) o.num("lines"), o.path());
    }

    private static void printPartials(PrintWriter out, List<BenchCheckCommand.Outcome> finished) {
        int partials = 0;
        int files = 0;
        Map<String, Integer> byCause = new TreeMap<>();
        Map<String, Integer> byDetail = new LinkedHashMap<>();
        for (BenchCheckCommand.Outcome o : finished) {
            JsonElement list = o.row().get("partials");
            if (list == null || list.getAsJsonArray().isEmpty()) {
                continue;
            }
            files++;
            for (JsonElement e : (JsonArray) list) {
                JsonObject p = e.getAsJsonObject();
                partials++;
                byCause.merge(p.get("cause").getAsString(), 1, Integer::sum);
                // "step budget: loop at line 120" and "... line 7" are one cause
                byDetail.merge(p.get("detail").getAsString().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        out.println(BenchCheckCommand.format("  partial analyses: %d (functions or module bodies) in %d files; "
                + "by cause: %s", partials, files, byCause));
        byDetail.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> out.println(BenchCheckCommand.format("    %6d  %s", e.getValue(), e.getKey())));
    }
}
