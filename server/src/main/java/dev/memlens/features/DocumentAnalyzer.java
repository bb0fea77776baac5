package dev.memlens.features;

import dev.memlens.syntax.SourceText;

/**
 * Turns one version of a document into its {@link DocumentAnalysis}. Implementations check {@code cancel} between
 * phases (parse, scopes, interpretation, rules) so that a newer edit stops stale work early.
 */
@FunctionalInterface
public interface DocumentAnalyzer {

    DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel);

    /**
     * The same for a new version of a document whose analysis of an earlier version is {@code previous} (null when
     * there is none): what the edit left unchanged may be reused, and the result is the same as without it.
     */
    default DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel,
                                     DocumentAnalysis previous) {
        return analyze(source, version, cancel);
    }

    /**
     * The same, telling {@code factsReady} as soon as the analysis has everything but the rules' findings (which
     * are then empty): inlay hints need only the facts, so an editor waiting for hints need not wait for the rules.
     * The analysis returned at the end is the complete one; an analyzer without phases tells nothing early.
     */
    default DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel,
                                     DocumentAnalysis previous, java.util.function.Consumer<DocumentAnalysis> factsReady) {
        return analyze(source, version, cancel, previous);
    }

    /** A project file (pyproject.toml) changed on disk: forget what was read from such files. */
    default void projectFilesChanged() {
    }

    /** The analyzer the server and the CLI use: parse, scopes, interpretation, rules. */
    static DocumentAnalyzer standard() {
        return new StandardAnalyzer(new ProjectRules());
    }
}
