package dev.memlens.semantics;

import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.WithItem;

/**
 * One step of a basic block, in evaluation order. Simple statements are one step each; compound statements are
 * split into the steps that evaluate, test or bind something (a {@code for}'s "take the next item" and "bind it to
 * the target", a {@code with}'s enter and exit, an {@code except}'s test, bind and unbind...). A statement inside a
 * {@code finally} appears once per path through the finally block, as CPython compiles it.
 */
public sealed interface Element {

    /** The AST node the step belongs to (a statement, an expression, a handler, a comprehension). */
    Node node();

    /**
     * A simple statement executed as a whole: expression statements, all assignment forms, del, import, global,
     * nonlocal, pass, return, raise, break, continue, and def/class/type statements (which evaluate decorators,
     * defaults and bases and bind the name; their bodies have their own graphs).
     */
    record Statement(Stmt stmt) implements Element {
        public Node node() {
            return stmt;
        }
    }

    /**
     * Evaluate {@code test} for its truth value; the block then ends with TRUE and FALSE edges (one of them is
     * missing when the test is a constant). {@code and}/{@code or}/{@code not} in if, while, assert, guard and
     * comprehension conditions are split into one Test per operand, as CPython compiles them, so a walrus in an
     * operand binds only on the paths that evaluate it. {@code owner} is the statement or comprehension.
     */
    record Test(Expr test, Node owner) implements Element {
        public Node node() {
            return test;
        }
    }

    /**
     * Evaluate {@code iterable} and call {@code iter()} on it. In a comprehension's own graph, the first iterable
     * was evaluated by the enclosing scope ({@code outer} is true): this step only takes the iterator it passed in.
     */
    record IterStart(Expr iterable, Node owner, boolean outer) implements Element {
        public Node node() {
            return iterable;
        }
    }

    /** Call {@code next()} on the loop's iterator; the block ends with NEXT and EXHAUSTED edges. */
    record IterNext(Expr target, Node owner) implements Element {
        public Node node() {
            return owner;
        }
    }

    /** Bind the item {@link IterNext} produced to the loop or comprehension target. */
    record AssignNext(Expr target, Node owner) implements Element {
        public Node node() {
            return target;
        }
    }

    /** Evaluate item {@code index}'s context expression, call {@code __enter__} and bind the {@code as} target. */
    record WithEnter(Stmt.With with, int index) implements Element {
        public WithItem item() {
            return with.items().get(index);
        }

        public Node node() {
            return with.items().get(index).contextExpr();
        }
    }

    /**
     * Call item {@code index}'s {@code __exit__}: on the way out of the body ({@code exceptional} false; also before
     * a break/continue/return leaves it) or with the exception that escaped the body ({@code exceptional} true; the
     * block then has an EXCEPTION edge, the exception propagating, and a SUPPRESSED edge).
     */
    record WithExit(Stmt.With with, int index, boolean exceptional) implements Element {
        public WithItem item() {
            return with.items().get(index);
        }

        public Node node() {
            return with.items().get(index).contextExpr();
        }
    }

    /** Does the exception match the handler's type? MATCH and NO_MATCH edges; a bare except has only MATCH. */
    record ExceptTest(ExceptHandler handler) implements Element {
        public Node node() {
            return handler;
        }
    }

    /** Bind the exception to the handler's name. */
    record ExceptBind(ExceptHandler handler) implements Element {
        public Node node() {
            return handler;
        }
    }

    /** CPython deletes the handler's name when the handler ends, whether normally, by a jump or by an exception. */
    record ExceptUnbind(ExceptHandler handler) implements Element {
        public Node node() {
            return handler;
        }
    }

    /** Evaluate the subject of a match statement. */
    record MatchSubject(Stmt.Match match) implements Element {
        public Node node() {
            return match.subject();
        }
    }

    /** Match case {@code index}'s pattern against the subject: MATCH and NO_MATCH edges (only MATCH if irrefutable). */
    record CaseTest(Stmt.Match match, int index) implements Element {
        public MatchCase matchCase() {
            return match.cases().get(index);
        }

        public Node node() {
            return match.cases().get(index).pattern();
        }
    }

    /** Bind the names the matched pattern captured (before the guard is evaluated: they stay bound if it fails). */
    record CaseBind(Stmt.Match match, int index) implements Element {
        public MatchCase matchCase() {
            return match.cases().get(index);
        }

        public Node node() {
            return match.cases().get(index).pattern();
        }
    }

    /** A failed assert: evaluate the message and raise AssertionError. */
    record AssertFail(Stmt.Assert assertion) implements Element {
        public Node node() {
            return assertion;
        }
    }

    /**
     * Re-raise the exception being handled: at the end of a finally block or a handler's clean-up on the
     * exceptional path, or when no handler matched. Followed by an EXCEPTION edge.
     */
    record Reraise(Node owner) implements Element {
        public Node node() {
            return owner;
        }
    }

    /** Evaluate a comprehension's element (or key and value) and add it to the result, or yield it. */
    record ComprehensionAppend(Expr comprehension) implements Element {
        public Node node() {
            return comprehension;
        }
    }

    /** The value of an expression body: a lambda's return value, a type alias value, a type parameter bound. */
    record ReturnValue(Expr value, Node owner) implements Element {
        public Node node() {
            return value;
        }
    }
}
