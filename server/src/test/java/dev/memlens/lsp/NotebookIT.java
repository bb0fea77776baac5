package dev.memlens.lsp;

/**
 * The notebook tests against the built jar ({@code server/target/memlens.jar}) over stdio: a notebook of three Python
 * cells opened through {@code notebookDocument/didOpen}, a cross-cell hint, a diagnostic on the right cell, a hover.
 */
class NotebookIT extends NotebookTest {

    @Override
    LspSession newSession() {
        return LspSession.overStdio(EditorFeaturesIT.JAR);
    }
}
