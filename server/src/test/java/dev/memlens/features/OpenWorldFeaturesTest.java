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

/** What the editor shows about objects a function gets from its callers (semantics.md, "The open world"). */
class OpenWorldFeaturesTest {
    private static final String BUILD = """
            def build(names: list[str]):
                alias = names
                alias.append("z")
                return alias
            """;

    private static DocumentAnalysis analyze(String text) {
        return new StandardAnalyzer(new ProjectRules(), p -> { })
                .analyze(new SourceText("t.py", text), 1, Cancellation.NEVER);
    }

    /** One-based line -> the working profile's hint labels. */
    private static Map<Integer, List<String>> hints(String text) {
        DocumentAnalysis a = analyze(text);
        Map<Integer, List<String>> out = new TreeMap<>();
        for (InlayHintItem h : new Features(FeatureRegistry.standard(), m -> { throw new AssertionError(m); })
                .inlayHints(a, new Span(0, text.length()), Settings.DEFAULTS, Cancellation.NEVER)) {
            out.computeIfAbsent(a.lines().line(h.offset()) + 1, k -> new ArrayList<>()).add(h.labelText());
        }
        return out;
    }

    private static String hover(String text, String at) {
        DocumentAnalysis a = analyze(text);
        return new Features(FeatureRegistry.standard(), m -> { throw new AssertionError(m); })
                .hover(a, text.indexOf(at), Settings.DEFAULTS, Cancellation.NEVER).orElseThrow().markdown();
    }

    @Test
    void aMutationThroughAnAliasOfAParameterCertainlyChangesTheCallersObject() {
        Map<Integer, List<String>> h = hints(BUILD);
        assertEquals(List.of("≡ names"), h.get(2), h.toString());
        assertEquals(List.of("also changes names"), h.get(3), h.toString());
    }

    @Test
    void theHoverDoesNotListACertainAliasAgainAsMaybe() {
        String md = hover(BUILD, "alias =");
        assertTrue(md.contains("Also held by: `names`"), md);
        assertFalse(md.contains("May also be the object of: `names`"), md);
    }

    @Test
    void readingOnePathTwiceGivesOneObjectUntilUnknownCodeGetsItsOwner() {
        Map<Integer, List<String>> h = hints("""
                def first(rows, sink):
                    r = rows[0]
                    s = rows[0]
                    sink(rows)
                    t = rows[0]
                """);
        assertEquals(List.of("≡ r"), h.get(3), h.toString());
        assertEquals(null, h.get(5), "sink may have replaced rows[0]: " + h);
    }

    @Test
    void aMethodSeesTheAttributesItsClassAssignsAsTheirKind() {
        String text = """
                class Box:
                    def __init__(self):
                        self.items = []
                        self.cache = None

                    def peek(self):
                        items = self.items
                        items.append(1)
                        cache = self.cache
                """;
        assertEquals(List.of("also changes self.items"), hints(text).get(8), hints(text).toString());
        String md = hover(text, "items = self");
        assertTrue(md.contains("`list`"), md);
        assertFalse(hover(text, "cache = self").contains("`list`"), "None or a dict: no kind");
    }

    @Test
    void anAliasOfWhatAMethodReadFromSelfNamesItsAccessPath() {
        Map<Integer, List<String>> h = hints("""
                class Box:
                    def add(self, x):
                        items = self.items
                        cur = items
                        cur.append(x)
                """);
        assertEquals(null, h.get(3), "items = self.items says nothing new: " + h);
        assertEquals(List.of("≡ items, self.items"), h.get(4), h.toString());
    }
}
