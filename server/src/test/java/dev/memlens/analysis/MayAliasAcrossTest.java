package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memlens.testing.TestSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names of unknown origin beside escaped lists: each may be the object of each escaped one. Few such pairs are
 * listed one by one in {@link StatementFacts#mayAlias()}; many are one {@link StatementFacts.Across} group (a
 * package's {@code __init__} listed 60,000 pairs after each statement), saying the same pairs and no others.
 */
class MayAliasAcrossTest {

    @Test
    void manyPairsAreOneCrossGroupWithTheSamePairs() throws IOException {
        StatementFacts last = lastFacts(50, 30);
        List<String> unknown = names("u", 50);
        List<String> escaped = names("e", 30);
        assertEquals(List.of(new StatementFacts.Across(sorted(unknown), sorted(escaped))), last.mayAliasAcross());
        for (List<String> g : last.mayAlias()) {
            boolean crossPair = g.size() == 2 && (g.get(0).startsWith("e") && g.get(1).startsWith("u"));
            assertFalse(crossPair, "listed again one by one: " + g);
        }
        assertTrue(last.mayAlias().contains(sorted(unknown)), "the names of unknown origin are still one group");
    }

    @Test
    void fewPairsAreListedOneByOne() throws IOException {
        StatementFacts last = lastFacts(3, 2);
        assertEquals(List.of(), last.mayAliasAcross());
        for (String u : names("u", 3)) {
            for (String e : names("e", 2)) {
                assertTrue(last.mayAlias().contains(List.of(e, u)), e + " " + u + " in " + last.mayAlias());
            }
        }
    }

    @Test
    void manyHoldersOfOneObjectAreOneGroup() throws IOException {
        // a write under an unknown key of globals() may bind each module name to the object written
        String src = "import m\nfrom m import (" + String.join(", ", names("a", 30)) + ")\n"
                + "for k in ['x', 'y']:\n    globals()[k] = m.f()\nt = 1\n";
        StatementFacts last = last(src);
        List<String> holders = null;
        for (List<String> g : last.mayAlias()) {
            if (g.containsAll(names("a", 30)) && g.size() > 30) {
                holders = g;
            }
        }
        assertTrue(holders != null, "one group of the holders: " + last.mayAlias());
        for (List<String> g : last.mayAlias()) {
            assertFalse(g.size() == 2 && holders.containsAll(g), "listed again as a pair: " + g);
        }
    }

    @Test
    void fewHoldersOfOneObjectAreListedByPairs() throws IOException {
        String src = "import m\nfrom m import (" + String.join(", ", names("a", 3)) + ")\n"
                + "for k in ['x', 'y']:\n    globals()[k] = m.f()\nt = 1\n";
        StatementFacts last = last(src);
        for (List<String> g : last.mayAlias()) {
            assertTrue(g.size() <= 2 || g.containsAll(names("a", 3)), "only pairs and the unknown group: " + g);
        }
    }

    private static StatementFacts lastFacts(int unknown, int escaped) throws IOException {
        StringBuilder src = new StringBuilder("import m\n");
        for (int i = 0; i < unknown; i++) {
            src.append("u").append(i).append(" = m.f()\n");
        }
        for (int i = 0; i < escaped; i++) {
            src.append("e").append(i).append(" = []\nm.g(e").append(i).append(")\n");
        }
        src.append("t = 1\n");
        return last(src.toString());
    }

    private static StatementFacts last(String src) throws IOException {
        Path file = Files.createTempFile("across", ".py");
        try {
            Files.writeString(file, src);
            List<StatementFacts> all = Interpreter.analyze(TestSources.parse(file).module()).statements();
            return all.get(all.size() - 1);
        } finally {
            Files.delete(file);
        }
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static List<String> sorted(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(null);
        return out;
    }
}
