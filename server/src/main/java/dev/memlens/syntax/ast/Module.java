package dev.memlens.syntax.ast;

import java.util.List;

/** A whole file. */
public record Module(Span span, List<Stmt> body) implements Node {
}
