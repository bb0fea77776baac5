package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list display of more than {@link Expressions#MAX_POSITIONS} elements is one summary of its items: two of its items
 * read by index may be one object (they are not told apart), where a shorter list keeps each item in its own slot.
 */
class LongDisplayTest {

    /** {@code x = [[], [], ...]} with n fresh lists, then two items read by index. */
    private static String source(int n) {
        return "x = [" + "[], ".repeat(n) + "]\na = x[0]\nb = x[1]\n";
    }

    private static StatementFacts lastLine(String source) {
        ParseResult p = SourceParser.parse("t.py", source.getBytes(StandardCharsets.UTF_8));
        AnalysisResult r = Interpreter.analyze(p.module(), SemanticModel.build(p));
        LineMap lines = new LineMap(source);
        for (StatementFacts sf : r.statements()) {
            if (lines.line(sf.stmt().span().start()) + 1 == 3 && !sf.unknown()) {
                return sf;
            }
        }
        return null;
    }

    private static boolean together(List<List<String>> groups, String a, String b) {
        return groups.stream().anyMatch(g -> g.contains(a) && g.contains(b));
    }

    @Test
    void aListUpToTheLimitKeepsItsItemsApart() {
        StatementFacts sf = lastLine(source(Expressions.MAX_POSITIONS));
        assertNotNull(sf);
        assertFalse(together(sf.mustAlias(), "a", "b"));
        assertFalse(together(sf.mayAlias(), "a", "b"), "items 0 and 1 are different lists");
    }

    @Test
    void aLongerListIsOneSummaryOfItsItems() {
        StatementFacts sf = lastLine(source(Expressions.MAX_POSITIONS + 1));
        assertNotNull(sf);
        assertFalse(together(sf.mustAlias(), "a", "b"), "never claimed one object");
        assertTrue(together(sf.mayAlias(), "a", "b"), "the summary does not tell its items apart");
    }
}
