package dev.memlens.semantics;

import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.BoolOperator;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes no parser test produces easily, built by hand: very long elif chains and very wide conditions. */
class RobustnessTest {
    private static final Span S = new Span(0, 0);

    private static Expr.Name load(String id) {
        return new Expr.Name(S, id, Ctx.LOAD);
    }

    private static Stmt assign(String id, Expr value) {
        return new Stmt.Assign(S, List.of(new Expr.Name(S, id, Ctx.STORE)), value);
    }

    private static Stmt.FunctionDef function(List<Stmt> body) {
        return new Stmt.FunctionDef(S, new Identifier(S, "f"), List.of(), Arguments.EMPTY, body, List.of(), null,
                false);
    }

    @Test
    void tenThousandElifsAreFollowedWithoutRecursion() {
        // if c: y = 0 / elif c: y = 1 / ... / else: y = -1 ; return y  -- y is bound on every path.
        Stmt tail = assign("y", new Expr.Constant(S, ConstantKind.INT, "1"));
        Stmt chain = new Stmt.If(S, load("c"), List.of(assign("y", load("c"))), List.of(tail));
        for (int i = 0; i < 10_000; i++) {
            chain = new Stmt.If(S, load("c"), List.of(assign("y", load("c"))), List.of(chain));
        }
        Stmt.FunctionDef f = function(List.of(assign("c", load("g")), chain, new Stmt.Return(S, load("y"))));
        SemanticModel m = SemanticModel.build(new Module(S, List.of(f)), null, LanguageLevel.PY313);
        ControlFlowGraph g = m.graph(m.scopes().scopeOf(f));
        assertEquals(10_001, g.blocks().stream().flatMap(b -> b.elements().stream())
                .filter(e -> e instanceof Element.Test).count());
        assertTrue(m.unboundLocals().isEmpty(), m.unboundLocals().toString());
    }

    @Test
    void aConditionWithManyOperandsIsSplitIntoTests() {
        List<Expr> operands = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            operands.add(load("a" + i));
        }
        Stmt.If test = new Stmt.If(S, new Expr.BoolOp(S, BoolOperator.AND, operands), List.of(new Stmt.Pass(S)),
                List.of());
        Stmt.FunctionDef f = function(List.of(test));
        SemanticModel m = SemanticModel.build(new Module(S, List.of(f)), null, LanguageLevel.PY313);
        ControlFlowGraph g = m.graph(m.scopes().scopeOf(f));
        assertEquals(5_000, g.reversePostOrder().stream().filter(b -> !b.isEmpty()).count() - 1);
    }

    @Test
    void deeplyNestedNotAndOrFallsBackToOneTest() {
        Expr e = load("x");
        for (int i = 0; i < 10_000; i++) {
            e = new Expr.BoolOp(S, i % 2 == 0 ? BoolOperator.AND : BoolOperator.OR, List.of(load("y"), e));
        }
        Stmt.FunctionDef f = function(List.of(new Stmt.While(S, e, List.of(new Stmt.Pass(S)), List.of())));
        SemanticModel m = SemanticModel.build(new Module(S, List.of(f)), null, LanguageLevel.PY313);
        assertEquals(1, m.graph(m.scopes().scopeOf(f)).loopHeads().size());
        assertTrue(m.unboundLocals().isEmpty());
    }
}
