package dev.memlens.semantics;

/**
 * The CPython version whose rules apply where versions differ. Only qualified names differ today: from 3.12
 * (PEP 709) list, set and dict comprehensions are inlined, so a lambda inside one is {@code f.<locals>.<lambda>}
 * rather than {@code f.<locals>.<listcomp>.<lambda>}.
 */
public enum LanguageLevel {
    PY311, PY312, PY313;

    public boolean inlinesComprehensions() {
        return this != PY311;
    }
}
