package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

/**
 * An abstract object: one allocation site (plus call-site context), or a constant. A summary object stands for
 * many concrete objects created at one site (a loop, repeated calls) and is never "must" anything; a non-summary
 * object is exactly one concrete object at any moment (the most recent allocation at its site).
 *
 * @param site     the node that creates it, or null for builtins
 * @param constant for constants and builtins: the value or qualified name (for identity verdicts and display)
 */
public record AbstractObject(int id, Node site, Node context, ObjKind kind, Origin origin, boolean summary,
                             Object constant, String label) {
    public Span span() {
        return site == null ? null : site.span();
    }

    /** The type name to show a user: the Python name, or {@code object} when the analysis does not know the type. */
    public String typeName() {
        return kind == ObjKind.UNKNOWN ? "object" : kind.pythonName();
    }

    /**
     * For an object a function got from outside (semantics.md, "The open world"): the parameter's name or the access
     * path it was read from ({@code names}, {@code self.items}, {@code rows[0]}); null for any other object.
     */
    public String accessPath() {
        if (origin != Origin.UNKNOWN || summary || label == null) {
            return null;
        }
        return label.startsWith("parameter ") ? label.substring("parameter ".length())
                : label.startsWith("path ") ? label.substring("path ".length()) : null;
    }

    /** Exactly one concrete object: facts about it hold for "the" object. */
    public boolean singular() {
        return !summary;
    }
}
