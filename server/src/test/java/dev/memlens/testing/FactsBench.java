package dev.memlens.testing;

import dev.memlens.analysis.Interpreter;
import dev.memlens.semantics.SemanticModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Robustness, speed and memory of parse + scopes + CFG + interpretation over a directory (the stdlib, without
 * site-packages), one thread: exceptions, files over 2 s, the slowest files, lines/s per pass, heap.
 * usage: FactsBench DIR [warmPasses]   (run with -Xmx512m to check the memory bound)
 */
public final class FactsBench {
    private FactsBench() {
    }

    private record Source(Path path, byte[] bytes, int lines) {}

    public static void main(String[] args) throws Exception {
        List<Source> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("site-packages"))
                    .sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                int lines = 0;
                for (byte x : b) {
                    lines += x == '\n' ? 1 : 0;
                }
                files.add(new Source(p, b, lines));
            }
        }
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long totalLines = files.stream().mapToLong(Source::lines).sum();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass <= passes; pass++) {
            long parseNs = 0;
            long semNs = 0;
            long interpNs = 0;
            long parseCpu = 0;
            long semCpu = 0;
            long interpCpu = 0;
            int failures = 0;
            List<Object[]> times = new ArrayList<>();
            for (Source src : files) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long t1 = t0;
                long t2 = t0;
                long c1 = c0;
                long c2 = c0;
                try {
                    ParseResult r = SourceParser.parse(src.path().toString(), src.bytes());
                    t1 = System.nanoTime();
                    c1 = mx.getCurrentThreadCpuTime();
                    SemanticModel model = SemanticModel.build(r);
                    t2 = System.nanoTime();
                    c2 = mx.getCurrentThreadCpuTime();
                    Interpreter.analyze(r.module(), model);
                } catch (Throwable t) {
                    failures++;
                    System.out.println("EXCEPTION " + src.path() + ": " + t);
                }
                long t3 = System.nanoTime();
                long c3 = mx.getCurrentThreadCpuTime();
                parseCpu += c1 - c0;
                semCpu += c2 - c1;
                interpCpu += c3 - c2;
                parseNs += t1 - t0;
                semNs += t2 - t1;
                interpNs += t3 - t2;
                times.add(new Object[] {c3 - c0, c3 - c2, src.path(), src.lines(), t3 - t0});
            }
            long all = parseNs + semNs + interpNs;
            long allCpu = parseCpu + semCpu + interpCpu;
            System.out.printf("pass %d (%s) CPU: parse %.2f s, scopes+CFG %.2f s, interpretation %.2f s; overall %.0f "
                            + "lines/s (interpretation alone %.0f lines/s)%n", pass, pass == 0 ? "cold" : "warm",
                    parseCpu / 1e9, semCpu / 1e9, interpCpu / 1e9, totalLines / (allCpu / 1e9),
                    totalLines / (interpCpu / 1e9));
            System.out.printf("pass %d (%s) wall: %d files, %d lines, %d exceptions; parse %.1f s, scopes+CFG %.1f s, "
                            + "interpretation %.1f s; overall %.0f lines/s (interpretation alone %.0f lines/s)%n",
                    pass, pass == 0 ? "cold" : "warm", files.size(), totalLines, failures, parseNs / 1e9,
                    semNs / 1e9, interpNs / 1e9, totalLines / (all / 1e9), totalLines / (interpNs / 1e9));
            if (pass == passes) {
                times.sort(Comparator.comparingLong(o -> -(long) o[0]));
                for (int i = 0; i < 12 && i < times.size(); i++) {
                    System.out.printf("  slow: %7.1f ms CPU total, %7.1f ms CPU interpretation, %7.1f ms wall, %6d lines"
                                    + "  %s%n", (long) times.get(i)[0] / 1e6, (long) times.get(i)[1] / 1e6,
                            (long) times.get(i)[4] / 1e6, (int) times.get(i)[3], times.get(i)[2]);
                }
                System.out.println("  files over 2 s (wall): " + times.stream().filter(o -> (long) o[4] > 2e9).count());
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap: %.0f MB used, max %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.maxMemory() / 1e6);
    }
}
