package dev.memlens.semantics;

import dev.memlens.syntax.ast.Node;

/**
 * A read of a function's local variable at a point where some path ({@link Certainty#MAYBE}) or every path
 * ({@link Certainty#DEFINITELY}) from the function's start has not bound it: an UnboundLocalError at run time.
 * {@code read} is the Name that reads it (a load, the target of {@code x += ...}, or of {@code del x}).
 * {@code outer} is what the name would have meant without the local binding (an enclosing function's variable,
 * a module global or a builtin), null if nothing: then it is a plain read-before-assignment, not a shadowing.
 */
public record UnboundLocal(Scope scope, Symbol symbol, Node read, Certainty certainty,
                           /* nullable */ ResolutionKind outer) {

    public enum Certainty { DEFINITELY, MAYBE }

    /** The classic UnboundLocalError surprise: an outer binding exists, yet the name is local. */
    public boolean shadowsOuterBinding() {
        return outer != null;
    }
}
