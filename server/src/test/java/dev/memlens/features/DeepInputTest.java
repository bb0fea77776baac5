package dev.memlens.features;

import dev.memlens.syntax.DeepStack;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import dev.memlens.testing.DeepInputs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Input nested or long far beyond real code goes through the whole pipeline the language server runs (parse,
 * scopes and control flow, the interpreter, every rule, then diagnostics, inlay hints, hovers and code actions) on
 * the server's threads, and comes out with facts (the alias on its last line is hinted) or a syntax error: never a
 * StackOverflowError, never a layer that failed and left nothing.
 */
class DeepInputTest {

    @TestFactory
    Stream<DynamicTest> everyShapeGivesFactsOrASyntaxError() {
        return DeepInputs.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> check(e.getKey(), e.getValue())));
    }

    private static void check(String name, String text) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<String> outcome = new AtomicReference<>();
        // the threads the server analyzes and answers on
        Thread server = DeepStack.newThread(() -> {
            try {
                outcome.set(run(text, problems));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "deep-input-test");
        long started = System.nanoTime();
        server.start();
        server.join();
        System.out.printf("%-40s %6.0f ms  %s%n", name, (System.nanoTime() - started) / 1e6, outcome.get());
        if (thrown.get() != null) {
            throw new AssertionError(name + ": " + thrown.get(), thrown.get());
        }
        // the analyzer's own report of a cut ("analyzed partially") is not a failure: the outcome above shows it
        assertEquals(List.of(), problems.stream().filter(p -> !p.contains(": analyzed partially (")).toList(),
                name + ": a layer failed");
    }

    /** What the file came out with: its first syntax error, or its facts (then its last line must be hinted). */
    private static String run(String text, List<String> problems) {
        StandardAnalyzer analyzer = new StandardAnalyzer(new ProjectRules(problems::add), problems::add);
        DocumentAnalysis analysis = analyzer.analyze(new SourceText("deep.py", text), 1, Cancellation.NEVER);
        Features features = new Features(FeatureRegistry.standard(), m -> problems.add("feature " + m));
        Span all = new Span(0, text.length());
        List<Finding> diagnostics = features.diagnostics(analysis, Settings.DEFAULTS, Cancellation.NEVER);
        List<InlayHintItem> hints = features.inlayHints(analysis, all, Settings.DEFAULTS, Cancellation.NEVER);
        for (int offset = 0; offset < text.length(); offset += Math.max(1, text.length() / 20)) {
            features.hover(analysis, offset, Settings.DEFAULTS, Cancellation.NEVER);
        }
        features.codeActions(analysis, all, diagnostics, Settings.DEFAULTS, Cancellation.NEVER);
        if (analysis.parse().hasErrors()) {
            return "syntax error: " + analysis.parse().errors().get(0).message();
        }
        assertTrue(analysis.facts() != null, "no facts and no syntax error");
        if (!analysis.facts().partials().isEmpty()) {
            // cut by the interpreter's budget, and said so: what the cut part leaves unknown is the engine's business
            return "facts, partial: " + analysis.facts().partials();
        }
        int lastLine = text.length() - "z = y\n".length();
        boolean hinted = hints.stream().anyMatch(h -> h.offset() >= lastLine && h.labelText().contains("≡ y"));
        if (!hinted) {
            fail("the last line z = y has no alias hint; hints there: "
                    + hints.stream().filter(h -> h.offset() >= lastLine).map(InlayHintItem::labelText).toList());
        }
        return "facts, " + diagnostics.size() + " diagnostics, " + hints.size() + " hints";
    }
}
