package dev.memlens.syntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parse-speed harness (no JMH): parses every .py file under a directory from bytes, one thread, several passes,
 * and prints lines/s per pass plus the files with errors. Run with
 * {@code java -cp server/target/classes:server/target/test-classes:<antlr jar> dev.memlens.syntax.ParseBench DIR [passes] [--errors]}.
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/root/.pyenv/versions/3.11.7/lib/python3.11");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean showErrors = args.length > 2 && args[2].equals("--errors");
        List<Path> files = pythonFiles(root);
        List<byte[]> contents = new ArrayList<>();
        long lines = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            contents.add(b);
            for (byte x : b) {
                if (x == '\n') {
                    lines++;
                }
            }
        }
        System.out.printf("%d files, %d lines%n", files.size(), lines);
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            long c0 = bean.getCurrentThreadCpuTime();
            int rejected = 0;
            for (int i = 0; i < files.size(); i++) {
                ParseResult r = SourceParser.parse(files.get(i).toString(), contents.get(i));
                if (r.hasErrors()) {
                    rejected++;
                    if (pass == 0 && showErrors) {
                        ParseError e = r.errors().get(0);
                        LineMap lm = new LineMap(r.source().text());
                        System.out.printf("REJECT %s:%d: %s%n", files.get(i), lm.line(e.span().start()) + 1,
                                e.message());
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("pass %d: %.2f s wall (%.0f lines/s), %.2f s thread cpu (%.0f lines/s), %d rejected%n",
                    pass + 1, s, lines / s, cpu, lines / cpu, rejected);
        }
    }

    static List<Path> pythonFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p))
                    .filter(p -> !root.relativize(p).toString().startsWith("site-packages"))
                    .sorted().toList();
        }
    }
}
