package dev.memlens.features;

import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning hint kinds beyond the tutorial: what each says, and where it keeps quiet because it cannot know. */
class LearningHintsTest {

    /** One-based line -> learning hint labels (the working profile's hints left out). */
    private static Map<Integer, List<String>> learning(String text) {
        DocumentAnalysis a = new StandardAnalyzer(new ProjectRules(), p -> { })
                .analyze(new SourceText("t.py", text), 1, Cancellation.NEVER);
        FeatureRegistry all = FeatureRegistry.standard();
        FeatureRegistry onlyLearning = new FeatureRegistry(List.of(), all.inlayHints().stream()
                .filter(InlayHintProvider::learning).toList(), List.of(), List.of());
        Map<Integer, List<String>> out = new TreeMap<>();
        for (InlayHintItem h : new Features(onlyLearning, m -> { throw new AssertionError(m); }).inlayHints(a,
                new Span(0, text.length()), Settings.DEFAULTS.withProfile(Settings.Profile.LEARNING),
                Cancellation.NEVER)) {
            out.computeIfAbsent(a.lines().line(h.offset()) + 1, k -> new ArrayList<>()).add(h.labelText());
        }
        return out;
    }

    @Test
    void rebindingSaysWhatBecomesOfTheOldObject() {
        Map<Integer, List<String>> h = learning("""
                a = [1]
                b = a
                a = [2]
                a = (3, 4)
                """);
        assertTrue(h.get(3).contains("now a new list; old list still in b"), h.toString());
        // (3, 4) is a constant of the code, not made by the statement
        assertTrue(h.get(4).contains("now another tuple; old list is released"), h.toString());
    }

    @Test
    void idCallsComparedInStraightLineCodeOnly() {
        Map<Integer, List<String>> h = learning("""
                items = [1]
                print(id(items))
                items = [2]
                print(id(items))
                for i in range(3):
                    print(id(items))
                """);
        assertEquals(List.of("id of the list (line 1)"), h.get(2));
        // the first list is freed when items is rebound: CPython may reuse its address, so no "id changes"
        assertEquals(List.of("another object than line 2"), h.get(4));
        assertFalse(h.containsKey(6), "in a loop, 'earlier' is not one statement: " + h);
    }

    @Test
    void theWorkingProfileShowsNoneOfThem() {
        String text = "x = 10\ny = x\nprint(id(x), id(y))\nnums = [1]\nnums.append(2)\n";
        DocumentAnalysis a = new StandardAnalyzer(new ProjectRules(), p -> { })
                .analyze(new SourceText("t.py", text), 1, Cancellation.NEVER);
        Features f = new Features(FeatureRegistry.standard(), m -> { });
        List<InlayHintItem> working = f.inlayHints(a, new Span(0, text.length()), Settings.DEFAULTS,
                Cancellation.NEVER);
        List<InlayHintItem> learning = f.inlayHints(a, new Span(0, text.length()),
                Settings.DEFAULTS.withProfile(Settings.Profile.LEARNING), Cancellation.NEVER);
        assertEquals(List.of(), working.stream().map(InlayHintItem::labelText).toList());
        assertEquals(List.of("small int: cached", "≡ x", "id of the int 10", "same id as x",
                "same list, changed in place"), learning.stream().map(InlayHintItem::labelText).toList());
    }

    @Test
    void aLocalThatShadowsAGlobal() {
        Map<Integer, List<String>> h = learning("""
                count = 0
                def f():
                    count = 1
                    return count
                def g():
                    global count
                    count = 2
                """);
        assertTrue(h.get(3).contains("local count; global count untouched"), h.toString());
        assertFalse(h.getOrDefault(7, List.of()).stream().anyMatch(l -> l.startsWith("local")), h.toString());
    }
}
