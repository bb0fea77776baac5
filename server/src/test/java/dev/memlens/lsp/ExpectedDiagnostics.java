package dev.memlens.lsp;

import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

/**
 * What the real parser and the rules say about a text with default settings: the syntax errors, and when there are
 * none, the rules' findings. Tests compare the server's diagnostics with it rather than with fixed numbers, so they
 * follow the grammar and the rules as those change.
 */
final class ExpectedDiagnostics {

    private ExpectedDiagnostics() {
    }

    static int count(String text) {
        dev.memlens.syntax.ParseResult parsed = SourceParser.parse(new SourceText("t.py", text));
        if (parsed.hasErrors()) {
            return parsed.errors().size();
        }
        return dev.memlens.rules.Checker.allDefault().check(parsed, dev.memlens.rules.RuleSettings.DEFAULT,
                problem -> { }).size();
    }
}
