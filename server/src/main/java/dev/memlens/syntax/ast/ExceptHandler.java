package dev.memlens.syntax.ast;

import java.util.List;

public record ExceptHandler(Span span, /* nullable */ Expr type, /* nullable */ Identifier name, List<Stmt> body)
        implements Node {}
