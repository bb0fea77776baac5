package dev.memlens.lsp;

import dev.memlens.fuzz.FuzzOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LspDifferentialFuzzer} on 20 documents (the fixtures), for a bounded number of edits with a fixed seed (CI);
 * longer with {@code -Dmemlens.fuzz.count=2000 -Dmemlens.fuzz.duration=30m -Dmemlens.fuzz.seed=N}.
 */
class LspDifferentialFuzzTest {

    static List<String> fixtureTexts(int n, long seed) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/fixtures"))) {
            files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".py")).sorted().toList());
        }
        files.add(Path.of("src/test/resources/lsp/seed_tour.py"));
        Collections.shuffle(files, new Random(seed));
        List<String> texts = new ArrayList<>();
        for (Path p : files.subList(0, Math.min(n, files.size()))) {
            texts.add(Files.readString(p));
        }
        return texts;
    }

    @Test
    void editsRacingRequestsKeepTextsAndDiagnosticsExact() throws IOException {
        FuzzOptions options = FuzzOptions.fromSystem(20261207L, Duration.ofMinutes(3), 300);
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.configuration = LspDifferentialFuzzer.settings(10);
            c.initialize("vscode-initialize.json");
            LspDifferentialFuzzer fuzzer = new LspDifferentialFuzzer(c, options.seed());
            LspDifferentialFuzzer.Report r = fuzzer.run(options, fixtureTexts(20, options.seed()),
                    Duration.ofSeconds(60));
            System.out.println("[lsp differential fuzz] " + options + ": " + r.summary() + "; load "
                    + dev.memlens.fuzz.FuzzLoad.average());
            assertEquals(List.of(), r.divergences());
            assertEquals(List.of(), r.unanswered());
            assertEquals(List.of(), r.wrongAnswers());
            assertTrue(r.alive());
        }
    }
}
