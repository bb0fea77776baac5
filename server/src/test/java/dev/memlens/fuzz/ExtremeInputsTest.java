package dev.memlens.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each generated extreme ({@link Extremes}) and each fixed reproducer a fuzzer found
 * ({@code src/test/resources/fuzz/regressions/*.py}) through parse, facts and check: no crash, no internal error, no
 * input over ten seconds. The extremes whose fix belongs to the parser and the analysis of deep input (another piece of
 * work than this test's) are in {@link Extremes#PENDING} and run by {@link PendingReproducersTest}.
 */
class ExtremeInputsTest {

    @Test
    void extremesPassThroughEveryCommand() throws Exception {
        String only = System.getProperty("memlens.fuzz.extremes");
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Extremes.all().entrySet()) {
            boolean chosen = only == null ? !Extremes.PENDING.contains(e.getKey())
                    : java.util.Set.of(only.split(",")).contains(e.getKey());
            if (chosen) {
                inputs.put(e.getKey(), e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Path regressions = Path.of("src/test/resources/fuzz/regressions");
        if (only == null && java.nio.file.Files.isDirectory(regressions)) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(regressions)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                    inputs.put("regression " + p.getFileName(), java.nio.file.Files.readAllBytes(p));
                }
            }
        }
        MutationFuzzer.Report report = ExtremeRuns.run(inputs, Path.of("target", "fuzz", "extremes"));
        StringBuilder failures = new StringBuilder();
        for (MutationFuzzer.Failure f : report.failures()) {
            failures.append("\n  ").append(f.signature()).append(" (").append(f.input()).append(") -> ")
                    .append(f.reproducer().toAbsolutePath());
        }
        assertTrue(report.failures().isEmpty(), report.failures().size() + " failures:" + failures);
    }
}
