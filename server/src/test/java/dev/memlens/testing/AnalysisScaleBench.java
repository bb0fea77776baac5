package dev.memlens.testing;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.FactsReport;
import dev.memlens.analysis.Interpreter;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Time (warm, one thread) and retained heap of the interpretation of generated modules ({@link SyntheticModule})
 * or of given files: parse and scopes are done once, the interpreter runs until warm, then the AnalysisResult of
 * one run is held while the heap is measured after a full GC.
 * usage: AnalysisScaleBench [--no-json] [LINES|FILE.py]...  |  AnalysisScaleBench --emit LINES (prints the module)   (default 1000 10000; run with -Xmx512m for the memory bound)
 */
public final class AnalysisScaleBench {
    private AnalysisScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--emit")) {
            System.out.print(SyntheticModule.python(Integer.parseInt(args[1])));
            return;
        }
        boolean json = !java.util.Arrays.asList(args).contains("--no-json");
        String[] inputs = java.util.Arrays.stream(args).filter(a -> !a.equals("--no-json")).toArray(String[]::new);
        if (inputs.length == 0) {
            inputs = new String[] {"1000", "10000"};
        }
        for (String in : inputs) {
            String text = in.endsWith(".py") ? Files.readString(Path.of(in)) : SyntheticModule.python(
                    Integer.parseInt(in));
            ParseResult r = SourceParser.parse(in, text.getBytes(StandardCharsets.UTF_8));
            SemanticModel model = SemanticModel.build(r);
            int lines = text.split("\n", -1).length;
            long deadline = System.nanoTime() + 4_000_000_000L;
            int runs = 0;
            while (runs < 3 || System.nanoTime() < deadline && runs < 200) {
                Interpreter.analyze(r.module(), model);
                runs++;
            }
            long best = Long.MAX_VALUE;
            long total = 0;
            long bestCpu = Long.MAX_VALUE;
            var threads = ManagementFactory.getThreadMXBean();
            int timed = Math.max(3, Math.min(20, runs / 4));
            for (int i = 0; i < timed; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Interpreter.analyze(r.module(), model);
                long t = System.nanoTime() - t0;
                bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
                best = Math.min(best, t);
                total += t;
            }
            long before = usedAfterGc();
            AnalysisResult held = Interpreter.analyze(r.module(), model);
            long after = usedAfterGc();
            long t0 = System.nanoTime();
            int chars = json ? FactsReport.toJson(in, text, held).toString().length() : 0;
            long reportNs = System.nanoTime() - t0;
            long afterReport = usedAfterGc();
            System.out.printf("%s: %d lines, interpretation warm best %.1f ms (CPU %.1f ms), mean %.1f ms (%d runs);"
                            + " retained %.2f MB (%.2f MB after facts JSON of %d chars in %.1f ms); complete=%s%n",
                    in, lines, best / 1e6, bestCpu / 1e6, total / 1e6 / timed, timed, (after - before) / 1e6,
                    (afterReport - before) / 1e6, chars, reportNs / 1e6, held.complete());
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
