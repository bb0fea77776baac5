package dev.memlens.features;

import java.util.List;

/** A source of findings for a whole document (syntax errors, one per rule family later). */
public interface DiagnosticProvider {

    /** Short name for logs. */
    String name();

    /** Findings with their default severity; settings are applied by {@link Features}. */
    List<Finding> diagnostics(DocumentAnalysis analysis, Cancellation cancel);
}
