package dev.memlens.testing;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How often, where and why the analysis is cut, over a directory of real code, one thread: the number of partial
 * body runs by cause and by kind of detail, the files with the most, the slowest files (CPU time of the analysis)
 * and the peak heap. Figures to read, not a test.
 * usage: PartialsBench DIR [DIR...]   (run with -Xmx1g to check the memory bound)
 */
public final class PartialsBench {
    private PartialsBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : args) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                // the stdlib holds site-packages: it is measured on its own, when asked for
                boolean packages = dir.contains("site-packages");
                files.addAll(s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)
                        && (packages || !p.toString().contains("site-packages"))).sorted().toList());
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Integer> byCause = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<Object[]> slow = new ArrayList<>();
        List<Object[]> mostCut = new ArrayList<>();
        int cutFiles = 0;
        int cuts = 0;
        int failures = 0;
        long lines = 0;
        long cpuAll = System.nanoTime();
        for (Path p : files) {
            byte[] bytes = Files.readAllBytes(p);
            for (byte b : bytes) {
                lines += b == '\n' ? 1 : 0;
            }
            try {
                ParseResult r = SourceParser.parse(p.toString(), bytes);
                SemanticModel model = SemanticModel.build(r);
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                AnalysisResult a = Interpreter.analyze(r.module(), model);
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                slow.add(new Object[] {cpu, System.nanoTime() - t0, p});
                List<PartialAnalysis> ps = a.partials();
                if (!ps.isEmpty()) {
                    cutFiles++;
                    cuts += ps.size();
                    mostCut.add(new Object[] {ps.size(), p});
                }
                for (PartialAnalysis x : ps) {
                    byCause.merge(x.cause().name(), 1, Integer::sum);
                    byKind.merge(x.detail().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                }
            } catch (Throwable t) {
                failures++;
                System.out.println("EXCEPTION " + p + ": " + t);
            }
        }
        System.out.printf("%d files, %d lines, %.1f s wall; %d exceptions; %d partial body runs in %d files%n",
                files.size(), lines, (System.nanoTime() - cpuAll) / 1e9, failures, cuts, cutFiles);
        System.out.println("by cause: " + byCause);
        byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        mostCut.sort(Comparator.comparingInt(o -> -(int) o[0]));
        for (int i = 0; i < 5 && i < mostCut.size(); i++) {
            System.out.printf("  most cut: %4d  %s%n", (int) mostCut.get(i)[0], mostCut.get(i)[1]);
        }
        slow.sort(Comparator.comparingLong(o -> -(long) o[0]));
        for (int i = 0; i < 10 && i < slow.size(); i++) {
            System.out.printf("  slowest: %7.0f ms CPU, %7.0f ms wall  %s%n", (long) slow.get(i)[0] / 1e6,
                    (long) slow.get(i)[1] / 1e6, slow.get(i)[2]);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap %.0f MB (max %.0f MB)%n", peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}
