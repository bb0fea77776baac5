package dev.memlens.syntax.ast;

/** How an expression is used: read, bound, or deleted (CPython's expr_context). */
public enum Ctx { LOAD, STORE, DEL }
