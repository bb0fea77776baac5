package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import static dev.memlens.syntax.TestSupport.as;
import static dev.memlens.syntax.TestSupport.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LiteralsTest {
    private static Expr.Constant constant(String src) {
        return as(as(ok(src).body().get(0), Stmt.Expression.class).value(), Expr.Constant.class);
    }

    @Test
    void stringValues() {
        assertEquals("a\nb\tc'\u00e9\u2022x", Literals.stringValue(constant("'a\\nb\\tc\\'\\xe9\\N{BULLET}' r'x'")));
        assertEquals("a\\nb", Literals.stringValue(constant("r'a\\nb'")));
        assertEquals("one\ntwo  three", Literals.stringValue(constant("('''one\ntwo'''  # comment\n  '  three')")));
        assertEquals("\u0001A\ud83d\ude00", Literals.stringValue(constant("'\\1\\u0041\\U0001F600'")));
    }

    @Test
    void bytesValues() {
        assertArrayEquals(new byte[] {'a', 0, (byte) 0xff, '\\', 'u'}, Literals.bytesValue(constant("b'a\\0\\xff' rb'\\u'")));
    }

    @Test
    void fStringParts() {
        assertEquals("{x}\n", Literals.fStringPart("{{x}}\\n", false));
        assertEquals("{x}\\n", Literals.fStringPart("{{x}}\\n", true));
    }
}
