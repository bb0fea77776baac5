package dev.memlens.features;

import dev.memlens.features.FeatureFixturesTest.Produced;
import dev.memlens.testing.FixtureAnnotations;
import dev.memlens.testing.FixtureAnnotations.Diag;
import dev.memlens.testing.FixtureAnnotations.Expectations;
import dev.memlens.testing.FixtureAnnotations.Range;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fixture language read, and written back by bless in the form each expectation was written. */
class FixtureBlessTest {

    @Test
    void readsEveryForm() {
        String[] lines = {
                "x = f(a; b)  # note: why; diag: MEM101 \"a; b\" @1-11 MEM201; hint: ≡ y",
                "    call(arg)",
                "    #^^^^ diag: MEM503 \"in place\"",
                "z = 1  # diag: MEM104 @5-+2:3",
        };
        Expectations e = FixtureAnnotations.read(lines);
        assertEquals(List.of(
                new Diag(0, "MEM101", "a; b", new Range(1, 0, 11), false),
                new Diag(0, "MEM201", null, null, false),
                new Diag(1, "MEM503", "in place", new Range(6, 0, 9), true),
                new Diag(3, "MEM104", null, new Range(5, 2, 3), false)), e.diags());
        assertEquals(List.of(new FixtureAnnotations.Hint(0, "≡ y")), e.hints());
        assertEquals(List.of(false, false, true, false), List.of(e.caretLines()[0], e.caretLines()[1],
                e.caretLines()[2], e.caretLines()[3]));
    }

    @Test
    void aCaretLineNeedsOneCodeAndCodeAboveIt() {
        assertThrows(IllegalArgumentException.class, () -> FixtureAnnotations.read(new String[] {"#^^ diag: A"}));
        assertThrows(IllegalArgumentException.class,
                () -> FixtureAnnotations.read(new String[] {"x = 1", "#^^ diag: A B"}));
    }

    @Test
    void blessKeepsEachFormAndWritesWhatWasProduced() {
        String[] lines = {
                "s[1].append(4)  # keep this; diag: MEM101 \"stale words\" @1-3",
                "    call(arg)",
                "    #^^^^ diag: MEM503 \"in place\"",
                "y = x  # hint: old",
                "z = 1  # diag: MEM999",
        };
        Expectations e = FixtureAnnotations.read(lines);
        Map<Integer, List<Produced>> diags = Map.of(
                0, List.of(new Produced(0, "MEM101", "now it shares; really", new Range(1, 0, 14)),
                        new Produced(0, "MEM201", "new", new Range(2, 0, 2))),
                1, List.of(new Produced(1, "MEM503", "mutates in place", new Range(5, 0, 10))));
        Map<Integer, List<String>> hints = Map.of(3, List.of("≡ x", "refs: 2"));
        String blessed = FixtureBless.rewrite(lines, e, diags, hints, true);
        assertEquals(String.join("\n",
                "s[1].append(4)  # keep this; diag: MEM101 \"now it shares; really\" @1-14 MEM201",
                "    call(arg)",
                "   #^^^^^^ diag: MEM503 \"in place\"",
                "y = x  # hint: ≡ x; hint: refs: 2",
                "z = 1"), blessed);
        // and what bless wrote reads back as what was produced
        Expectations again = FixtureAnnotations.read(blessed.split("\n", -1));
        assertEquals(new Range(5, 0, 10), again.diags().get(2).range());
        assertEquals("now it shares; really", again.diags().get(0).message());
    }
}
