package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.memlens.syntax.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Brackets nested past CPython's limit (200, its tokenizer's MAXLEVEL) are the syntax error CPython gives, and the
 * statements around them still parse; fuzzing found 10,000 unclosed '(' taking 100 s to recover from.
 */
class NestingLimitTest {

    private static ParseResult parse(String src) {
        return SourceParser.parse(new SourceText("<nested>", src));
    }

    private static List<String> messages(ParseResult r) {
        return r.errors().stream().map(ParseError::message).toList();
    }

    @Test
    void twoHundredLevelsAreValid() {
        ParseResult r = parse("x = " + "[".repeat(200) + "]".repeat(200) + "\n");
        assertEquals(List.of(), r.errors());
    }

    @Test
    void deeperBracketsAreTooManyNestedParenthesesAtTheFirstOneTooDeep() {
        String src = "a = 1\nx = " + "[".repeat(5_000) + "]".repeat(5_000) + "\nb = a\n";
        ParseResult r = parse(src);
        assertEquals(List.of("too many nested parentheses"), messages(r));
        assertEquals(src.indexOf('[') + 200, r.errors().get(0).span().start());
        // the brackets up to the limit and the statements after the line are kept
        assertEquals(3, r.module().body().size());
        Expr e = as(r.module().body().get(1), Stmt.Assign.class).value();
        int depth = 0;
        while (e instanceof Expr.ListDisplay l) {
            depth++;
            e = l.elts().isEmpty() ? null : l.elts().get(0);
        }
        assertEquals(200, depth);
        assertTrue(r.module().body().get(2) instanceof Stmt.Assign);
    }

    @Test
    void tenThousandUnclosedParenthesesAreReportedAsCPythonDoes() {
        ParseResult r = parse("x = " + "(".repeat(10_000) + "\n");
        assertEquals("too many nested parentheses", r.errors().get(0).message());
        assertTrue(messages(r).contains("'(' was never closed"), messages(r)::toString);
    }

    @Test
    void unclosedCallsWithinTheLimitAreReportedWhereTheyOpen() {
        // error recovery at every one of the 150 levels that misses its ')' (the path that was quadratic)
        String src = "x = " + "f(".repeat(150) + "\n";
        ParseResult r = parse(src);
        assertEquals("'(' was never closed", r.errors().get(0).message());
        assertEquals(src.lastIndexOf('('), r.errors().get(0).span().start());
    }
}
