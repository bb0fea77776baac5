package dev.memlens.features;

import java.util.Optional;

/** Contributes a section to the hover at an offset; the sections of all providers are joined. */
public interface HoverProvider {

    String name();

    Optional<HoverItem> hover(DocumentAnalysis analysis, int offset, Settings settings, Cancellation cancel);
}
