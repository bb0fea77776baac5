package dev.memlens.syntax.ast;

/** Every AST node knows where it came from. */
public interface Node {
    Span span();
}
