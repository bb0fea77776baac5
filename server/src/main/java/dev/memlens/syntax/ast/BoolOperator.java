package dev.memlens.syntax.ast;

public enum BoolOperator { AND, OR }
