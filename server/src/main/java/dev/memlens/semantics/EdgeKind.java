package dev.memlens.semantics;

/** Why control may pass along an edge. */
public enum EdgeKind {
    NORMAL("", ""),
    /**
     * A {@code return} reaching the exit (after the finally bodies it passes through); falling off the end of the
     * body reaches the exit along a NORMAL edge. Dumped like NORMAL.
     */
    RETURN("return", ""),
    /** The block's last element is a {@link Element.Test} and it was true... */
    TRUE("true", ":T"),
    /** ...or false. */
    FALSE("false", ":F"),
    /** {@link Element.IterNext} produced an item... */
    NEXT("next", ":next"),
    /** ...or the iterator is exhausted. */
    EXHAUSTED("exhausted", ":done"),
    /** {@link Element.CaseTest} or {@link Element.ExceptTest} matched... */
    MATCH("match", ":match"),
    /** ...or did not. */
    NO_MATCH("no match", ":nomatch"),
    /**
     * An exception raised while executing the source block, before the effects of the element that raised:
     * inside try/with bodies every simple statement has its own block, so the state flowing along this edge is the
     * block's entry state (the scope diagnostics take that), or, for an analysis that follows effects partly done
     * when the exception came (the interpreter), the join of the block's entry and exit states.
     */
    EXCEPTION("exception", ":exc"),
    /** A context manager's {@code __exit__} swallowed the exception (it returned true). */
    SUPPRESSED("suppressed", ":suppressed");

    private final String description;
    private final String dumpSuffix;

    EdgeKind(String description, String dumpSuffix) {
        this.description = description;
        this.dumpSuffix = dumpSuffix;
    }

    public String description() {
        return description;
    }

    String dumpSuffix() {
        return dumpSuffix;
    }
}
