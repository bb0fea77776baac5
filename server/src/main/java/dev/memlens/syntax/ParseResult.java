package dev.memlens.syntax;

import dev.memlens.syntax.ast.Module;

import java.util.List;

/**
 * What parsing a file gives: always an AST (possibly partial) and the syntax errors, first error first.
 * {@code tokenCount} is the number of tokens the lexer produced (NEWLINE, INDENT and DEDENT included, EOF not), for
 * per-token speed figures; 0 when the parser failed before lexing finished.
 */
public record ParseResult(SourceText source, Module module, List<ParseError> errors, int tokenCount,
                          boolean lexedCleanly) {

    /**
     * A result whose lexer errors are not known apart from the parser's: an incremental reparse reuses none of its
     * statements after an edit ({@code lexedCleanly}: the lexer reported no error, so each top-level statement's
     * tokens are those a lexer started at its line makes).
     */
    public ParseResult(SourceText source, Module module, List<ParseError> errors, int tokenCount) {
        this(source, module, errors, tokenCount, false);
    }

    /** A result that did not come from the lexer (a stand-in AST, errors moved around): no token count. */
    public ParseResult(SourceText source, Module module, List<ParseError> errors) {
        this(source, module, errors, 0);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
