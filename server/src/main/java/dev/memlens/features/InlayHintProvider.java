package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

import java.util.List;

/** Produces the hints of one {@link HintCategory}; called only while that category is switched on. */
public interface InlayHintProvider {

    HintCategory category();

    /**
     * True for the hints that spell out the tutorial's facts (aliases of immutables, ids, rebinding, caching): shown
     * only in the learning profile, where a reader wants every fact inline, not just what to act on.
     */
    default boolean learning() {
        return false;
    }

    /** Hints whose offset lies in {@code range}; returning more is harmless, they are filtered. */
    List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings, Cancellation cancel);
}
