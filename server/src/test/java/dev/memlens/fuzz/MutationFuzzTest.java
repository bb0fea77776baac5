package dev.memlens.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mutation fuzzer over mutants of real Python (the generated extremes have their own test, {@link ExtremeInputsTest}) for a bounded time with a fixed seed (CI); longer with {@code -Dmemlens.fuzz.duration=30m}
 * and another {@code -Dmemlens.fuzz.seed=N} (see the README's development section). Reproducers land in
 * {@code server/target/fuzz/mutation/}; each one found becomes a file in {@code src/test/resources/fuzz/regressions/}.
 */
class MutationFuzzTest {

    @Test
    void noInputCrashesHangsOrTakesOverTenSeconds() throws Exception {
        FuzzOptions options = FuzzOptions.fromSystem(20261207L, Duration.ofSeconds(60), Long.MAX_VALUE);
        Path target = Path.of("target", "fuzz");
        MutationFuzzer fuzzer = new MutationFuzzer(options, target.resolve("mutation-work"),
                target.resolve("mutation"));
        MutationFuzzer.Report report = fuzzer.run(PythonCorpus.find(FuzzFiles.repoRoot()), java.util.Map.of());
        System.out.println("[mutation fuzz] " + options + ": " + report.summary() + "; load " + FuzzLoad.average());
        StringBuilder failures = new StringBuilder();
        for (MutationFuzzer.Failure f : report.failures()) {
            failures.append("\n  ").append(f.signature()).append(" (").append(f.input()).append(") -> ")
                    .append(f.reproducer().toAbsolutePath());
        }
        assertTrue(report.failures().isEmpty(), report.failures().size() + " failures:" + failures);
    }
}
