package dev.memlens.lsp;

import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

/**
 * What the real parser says about a text. Tests compare the server's diagnostics with it rather than with fixed
 * numbers, so they hold both with the placeholder parser (no errors) and with the grammar.
 */
final class ExpectedDiagnostics {

    private ExpectedDiagnostics() {
    }

    static int count(String text) {
        return SourceParser.parse(new SourceText("t.py", text)).errors().size();
    }
}
