package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static dev.memlens.syntax.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deep nesting and huge literals parse on an ordinary 1 MB thread stack without StackOverflowError. */
class RobustnessTest {

    private static ParseResult parseOnSmallStack(String src) throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(SourceParser.parse(new SourceText("<deep>", src)));
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 1024 * 1024);
        t.start();
        t.join();
        assertTrue(out.get() instanceof ParseResult, () -> "threw " + out.get());
        ParseResult r = (ParseResult) out.get();
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        return r;
    }

    @Test
    void parenthesesNestedTwoHundredDeep() throws Exception {
        ParseResult r = parseOnSmallStack("x = " + "(".repeat(200) + "1" + ")".repeat(200) + "\n");
        assertTrue(as(r.module().body().get(0), Stmt.Assign.class).value() instanceof Expr.Constant);
    }

    @Test
    void listsNestedTwoHundredDeep() throws Exception {
        ParseResult r = parseOnSmallStack("x = " + "[".repeat(200) + "]".repeat(200) + "\n");
        Expr e = as(r.module().body().get(0), Stmt.Assign.class).value();
        int depth = 0;
        while (e instanceof Expr.ListDisplay l && !l.elts().isEmpty()) {
            e = l.elts().get(0);
            depth++;
        }
        assertEquals(199, depth);
    }

    @Test
    void ifsNestedNinetyNineDeep() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            sb.append(" ".repeat(i)).append("if x:\n");
        }
        sb.append(" ".repeat(99)).append("pass\n");
        ParseResult r = parseOnSmallStack(sb.toString());
        Stmt s = r.module().body().get(0);
        int depth = 0;
        while (s instanceof Stmt.If i) {
            s = i.body().get(0);
            depth++;
        }
        assertEquals(99, depth);
    }

    @Test
    void unaryAndCallChainsNestedDeep() throws Exception {
        parseOnSmallStack("x = " + "-".repeat(200) + "1\ny = " + "f(".repeat(200) + ")".repeat(200) + "\n"
                + "z = " + "not ".repeat(200) + "a\nw = a" + ".b".repeat(5000) + "\n");
    }

    @Test
    void hundredThousandElementList() throws Exception {
        StringBuilder sb = new StringBuilder("x = [");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i).append(", ");
        }
        sb.append("]\n");
        ParseResult r = parseOnSmallStack(sb.toString());
        Expr.ListDisplay l = as(as(r.module().body().get(0), Stmt.Assign.class).value(), Expr.ListDisplay.class);
        assertEquals(100_000, l.elts().size());
    }
}
