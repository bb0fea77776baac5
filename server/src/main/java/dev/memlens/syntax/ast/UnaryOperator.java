package dev.memlens.syntax.ast;

public enum UnaryOperator { INVERT, NOT, UADD, USUB }
