package dev.memlens.syntax;

import dev.memlens.syntax.ast.Module;

import java.util.List;

/** What parsing a file gives: always an AST (possibly partial) and the syntax errors, first error first. */
public record ParseResult(SourceText source, Module module, List<ParseError> errors) {

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
