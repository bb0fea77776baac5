package dev.memlens.semantics;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the whole semantics layer over the standard library with our own parser: nothing may throw, and scope
 * building plus CFG construction must be fast. Speed is the thread's CPU time (the machines are shared, wall time
 * says little), per file the best of three runs, counted once the JIT has warmed up on the first 200 files; the
 * floor asserted is far below the measured figure, which is printed.
 */
class SemanticsCorpusTest {

    @Test
    void standardLibraryIsAnalysedQuicklyAndWithoutErrors() throws Exception {
        assumeTrue(CPythonAst.pythonAvailable(), "python3 is needed to locate the standard library");
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                .redirectErrorStream(true).start();
        String stdlib = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(stdlib))) {
            files = s.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("site-packages"))
                    .sorted().collect(Collectors.toList());
        }
        assumeTrue(files.size() > 100);
        long lines = 0;
        long bestNanos = 0;
        long diagnosticsNanos = 0;
        int analysed = 0;
        int definitelyUnbound = 0;
        int maybeUnbound = 0;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                continue;
            }
            ParseResult r = SourceParser.parse(new SourceText(f.toString(), text));
            if (r.hasErrors()) {
                continue;
            }
            long best = Long.MAX_VALUE;
            SemanticModel model = null;
            for (int round = 0; round < 3; round++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                model = SemanticModel.build(r.module(), text, LanguageLevel.PY313);
                best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (UnboundLocal u : model.unboundLocals()) {
                if (u.certainty() == UnboundLocal.Certainty.DEFINITELY) {
                    definitelyUnbound++;
                } else {
                    maybeUnbound++;
                }
            }
            model.shadowedGlobals();
            diagnosticsNanos += cpu.getCurrentThreadCpuTime() - t1;
            analysed++;
            if (analysed > 200) { // the first files warm the JIT up
                bestNanos += best;
                lines += text.chars().filter(c -> c == '\n').count() + 1;
            }
        }
        double linesPerSecond = lines / (bestNanos / 1e9);
        System.out.printf("semantics corpus: %d files analysed; scopes+CFG %.0f lines/s over %d lines; "
                        + "diagnostics %.1f s CPU in all; unbound locals: %d definite, %d maybe%n",
                analysed, linesPerSecond, lines, diagnosticsNanos / 1e9, definitelyUnbound, maybeUnbound);
        assertTrue(analysed > files.size() * 9 / 10, "most files must parse");
        assertTrue(linesPerSecond > 300_000, "scope tree + CFGs must stay far faster than parsing");
    }
}
