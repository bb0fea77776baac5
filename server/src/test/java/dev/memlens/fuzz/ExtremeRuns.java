package dev.memlens.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a fixed set of inputs through the fuzzer's pipeline (no mutants) and prints what each cost. */
final class ExtremeRuns {

    private ExtremeRuns() {
    }

    static MutationFuzzer.Report run(Map<String, byte[]> inputs, Path out) throws IOException {
        MutationFuzzer fuzzer = new MutationFuzzer(new FuzzOptions(0, Duration.ofHours(2), inputs.size()),
                out.resolve("work"), out);
        MutationFuzzer.Report report = fuzzer.run(new PythonCorpus.Listing(List.of(), "none"), inputs);
        System.out.println("[extremes] " + report.summary() + "; load " + FuzzLoad.average());
        return report;
    }
}
