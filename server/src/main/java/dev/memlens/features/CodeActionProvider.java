package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

import java.util.List;

/** Offers code actions for a range, typically fixes for the findings the editor sends back. */
public interface CodeActionProvider {

    String name();

    /**
     * @param findings the findings the editor shows in {@code range}, as it sent them back (with their data)
     */
    List<CodeActionItem> actions(DocumentAnalysis analysis, Span range, List<Finding> findings, Settings settings,
                                 Cancellation cancel);
}
