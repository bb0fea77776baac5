package dev.memlens.features;

import dev.memlens.syntax.SourceText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory diagram's model: frames, names with values inline, objects with values, entries, paths and groups. */
class ObjectGraphTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static DocumentAnalysis analyze(String text) {
        return new StandardAnalyzer(new ProjectRules(), p -> { })
                .analyze(new SourceText("t.py", text), 1, Cancellation.NEVER);
    }

    /** The graph with the cursor at the start of the first line that contains {@code marker}. */
    private static ObjectGraph at(DocumentAnalysis a, String marker) {
        int line = a.lines().line(a.text().indexOf(marker));
        return ObjectGraph.at(a, a.lines().offset(line, 0));
    }

    private static ObjectGraph.GraphName name(ObjectGraph g, String frame, String name) {
        return g.frames().stream().filter(f -> f.name().equals(frame)).flatMap(f -> f.names().stream())
                .filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    private static ObjectGraph.GraphObject object(ObjectGraph g, String id) {
        return g.objects().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    private static ObjectGraph.GraphObject of(ObjectGraph g, String frame, String name) {
        ObjectGraph.GraphName n = name(g, frame, name);
        assertNotNull(n, name + " in " + frame);
        assertEquals(1, n.objects().size(), n.toString());
        return object(g, n.objects().get(0));
    }

    @Test
    void theShallowCopyOfTheTutorial() throws IOException {
        DocumentAnalysis a = analyze(Files.readString(REPO.resolve("examples/seed_tour.py")));
        ObjectGraph g = at(a, "shallow_copy[1][0] = 99");
        ObjectGraph.GraphObject original = of(g, "module", "original");
        ObjectGraph.GraphObject copy = of(g, "module", "shallow_copy");
        assertNotEquals(original.id(), copy.id());
        assertEquals("[1, [2, 3], 4]", original.label());
        assertEquals("[1, [2, 3], 4]", copy.label());
        List<ObjectGraph.Edge> inner = g.edges().stream().filter(e -> e.label().equals("[1]")).toList();
        assertEquals(2, inner.size(), g.edges().toString());
        assertEquals(inner.get(0).to(), inner.get(1).to(), "one nested list inside both");
        ObjectGraph.GraphObject nested = object(g, inner.get(0).to());
        assertTrue(nested.shared());
        assertFalse(original.shared() || copy.shared());
        assertEquals(List.of("original[1]", "shallow_copy[1]"), nested.paths());
        // numbers and strings sit in the frame, as Python Tutor draws them
        assertEquals("10", name(g, "module", "y").value());
        assertEquals(List.of(), name(g, "module", "y").objects());
        assertEquals("'hello'", name(g, "module", "s1").value());
        assertNull(name(g, "module", "original").value());
    }

    @Test
    void dictEntriesAndInstanceAttributesInline() {
        DocumentAnalysis a = analyze("""
                class Point:
                    def __init__(self, x, tags):
                        self.x = x
                        self.tags = tags

                prices = {"bolt": 0.1, "nut": 5}
                p = Point(3, ["a"])
                q = p
                print(q)
                """);
        ObjectGraph g = at(a, "print(q)");
        ObjectGraph.GraphObject prices = of(g, "module", "prices");
        assertEquals("{'bolt': 0.1, 'nut': 5}", prices.label());
        assertEquals(List.of("'bolt' = 0.1", "'nut' = 5"), prices.entries().stream()
                .map(e -> e.key() + " = " + e.value()).toList());
        ObjectGraph.GraphObject p = of(g, "module", "p");
        assertEquals("Point", p.type());
        assertTrue(p.shared(), "p and q");
        assertEquals(List.of("p", "q"), p.paths());
        assertEquals("3", p.entries().stream().filter(e -> e.key().equals("x")).findFirst().orElseThrow().value());
        ObjectGraph.Entry tags = p.entries().stream().filter(e -> e.key().equals("tags")).findFirst().orElseThrow();
        assertNull(tags.value(), "a list is an object of its own, reached by an edge");
        ObjectGraph.Edge edge = g.edges().stream().filter(e -> e.from().equals(p.id())).findFirst().orElseThrow();
        assertEquals(tags.slot(), edge.label());
        assertEquals("['a']", object(g, edge.to()).label());
        assertEquals(List.of("p.tags", "q.tags"), object(g, edge.to()).paths());
    }

    @Test
    void aFunctionFrameWithOnlyTheGlobalsItUses() {
        DocumentAnalysis a = analyze("""
                import copy
                from elsewhere import make
                config = {"debug": True}
                thing = make()
                unused = [1, 2]

                def run(items):
                    seen = copy.copy(items)
                    flag = config
                    other = thing
                    return seen

                run([3])
                """);
        ObjectGraph g = at(a, "return seen");
        assertEquals(List.of("module", "run"), g.frames().stream().map(ObjectGraph.Frame::name).toList());
        List<String> globals = g.frames().get(0).names().stream().map(ObjectGraph.GraphName::name).toList();
        assertTrue(globals.contains("config") && globals.contains("thing"), globals.toString());
        assertFalse(globals.contains("unused"), "run does not use it: " + globals);
        assertEquals(List.of("items", "seen", "flag", "other"), g.frames().get(1).names().stream()
                .map(ObjectGraph.GraphName::name).toList());
        assertTrue(name(g, "run", "flag").objects().contains(of(g, "module", "config").id()));
        assertTrue(of(g, "module", "thing").outside(), "made by code MemLens does not see: the group from outside");
        assertFalse(of(g, "module", "config").outside());
    }

    @Test
    void atMostFiftyObjects() {
        String text = java.util.stream.IntStream.range(0, 80).mapToObj(i -> "v" + i + " = [" + i + ", [" + i + "]]")
                .collect(Collectors.joining("\n")) + "\nprint(v0)\n";
        ObjectGraph g = at(analyze(text), "print(v0)");
        assertEquals(ObjectGraph.MAX_OBJECTS, g.objects().size());
        List<String> ids = g.objects().stream().map(ObjectGraph.GraphObject::id).toList();
        g.edges().forEach(e -> assertTrue(ids.contains(e.from()) && ids.contains(e.to()), e.toString()));
        g.frames().forEach(f -> f.names().forEach(n -> assertTrue(ids.containsAll(n.objects()), n.toString())));
    }

    @Test
    void noFactsNoGraph() {
        DocumentAnalysis parsedOnly = new SyntaxAnalyzer().analyze(new SourceText("t.py", "x = [1]\n"), 1,
                Cancellation.NEVER);
        assertNull(ObjectGraph.at(parsedOnly, 0));
    }
}
