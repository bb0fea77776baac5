package dev.memlens.features;

import dev.memlens.syntax.SourceText;

/**
 * Turns one version of a document into its {@link DocumentAnalysis}. Implementations check {@code cancel} between
 * phases (parse, scopes, interpretation, rules) so that a newer edit stops stale work early.
 */
@FunctionalInterface
public interface DocumentAnalyzer {

    DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel);

    /** A project file (pyproject.toml) changed on disk: forget what was read from such files. */
    default void projectFilesChanged() {
    }

    /** The analyzer the server and the CLI use: parse, scopes, interpretation, rules. */
    static DocumentAnalyzer standard() {
        return new StandardAnalyzer(new ProjectRules());
    }
}
