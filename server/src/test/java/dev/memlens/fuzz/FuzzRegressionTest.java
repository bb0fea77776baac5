package dev.memlens.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reproducer a fuzzer found and that is fixed: {@code src/test/resources/fuzz/regressions/*.py}. */
class FuzzRegressionTest {

    @Test
    void everyFixedReproducerPassesEveryCommand() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fuzz/regressions"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                inputs.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertFalse(inputs.isEmpty(), "the regression directory lists its reproducers");
        MutationFuzzer.Report report = ExtremeRuns.run(inputs, Path.of("target", "fuzz", "regressions"));
        StringBuilder failures = new StringBuilder();
        for (MutationFuzzer.Failure f : report.failures()) {
            failures.append("\n  ").append(f.signature()).append(" (").append(f.input()).append(')');
        }
        assertTrue(report.failures().isEmpty(), report.failures().size() + " failures:" + failures);
    }
}
