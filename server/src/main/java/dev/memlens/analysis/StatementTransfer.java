package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.List;

/**
 * What the parts of the interpreter need of the statement transfer (the driver and the statements, in
 * {@link Interpreter}): running a body, iterating, and where the run is, so that a nested run (an effect run) can put
 * the position back when it ends.
 */
interface StatementTransfer {
    /** Runs statements in the frame; {@code f.st} ends as the state after them (null: no path reaches the end). */
    void execBlock(List<Stmt> body, Frame f);

    /** Runs a def's body (or a lambda's expression) in its frame; the returned value and state end in the frame. */
    void runBody(Node def, Frame f);

    /** The value a loop target gets from iterating over {@code iter}. */
    Value iterElements(Value iter, Node site, Frame f);

    /** An exception raised here: the state goes to the innermost handler, and no path goes on. */
    void raise(Frame f);

    /** A function declaring global or nonlocal names rebinds what a standalone run does not follow. */
    boolean declaresOuterNames(Scope s);

    /** Where the transfer is: the statement being executed and how many loops are being iterated. */
    Position position();

    /** Puts back a position saved before a nested run. */
    void restore(Position p);

    /** An unexpected exception in a nested run of {@code scope}: reported (or rethrown in strict mode) where it hit. */
    void internalError(String scope, Throwable e);

    /** A saved position of the statement transfer. */
    record Position(Stmt current, int loopDepth) {}
}
