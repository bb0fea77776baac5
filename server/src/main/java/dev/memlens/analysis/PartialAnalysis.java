package dev.memlens.analysis;

/**
 * One part of a file whose analysis stopped before it finished: the facts of that part (and of what depends on it)
 * are weaker than they would be, and the user must be told so, because silence has to mean "nothing to report".
 *
 * @param scope  the {@code __qualname__} of the function or class body that was cut, or {@code <module>}
 * @param line   1-based line of the construct where the analysis stopped (a loop head, a call, a def)
 * @param cause  why it stopped
 * @param detail what a user reads, e.g. "step budget: loop at line 120"
 */
public record PartialAnalysis(String scope, int line, Cause cause, String detail) {

    /** Why a part of the analysis stopped. */
    public enum Cause {
        /** The per-function or per-file step budget ran out. */
        STEPS,
        /** The time budget ran out. */
        TIME,
        /** The abstract heap grew past its bound. */
        HEAP,
        /** A newer edit or the editor cancelled the analysis. */
        CANCELLED,
        /** A bug in MemLens: an unexpected exception (logged with its trace). */
        INTERNAL_ERROR
    }

    /** One line for logs and summaries: {@code scope (line N): detail}. */
    public String message() {
        return scope + " (line " + line + "): " + detail;
    }
}
