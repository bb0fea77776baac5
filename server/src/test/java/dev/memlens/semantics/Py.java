package dev.memlens.semantics;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Module;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** Test support: Python source in, semantic model out. */
final class Py {
    private Py() {
    }

    /**
     * Parses with our parser. While a branch has only the placeholder parser (an empty module for non-empty
     * source), CPython's AST stands in so the semantics tests still run; with the real parser this never happens.
     */
    static Module parse(String src) {
        ParseResult r = SourceParser.parse(new SourceText("t.py", src));
        assertFalse(r.hasErrors(), () -> "test source does not parse: " + r.errors());
        if (!r.module().body().isEmpty() || src.isBlank()) {
            return r.module();
        }
        if (!CPythonAst.pythonAvailable()) {
            fail("placeholder parser and no python3 to stand in for it");
        }
        try {
            var dump = CPythonAst.dumpSource(src);
            return CPythonAst.convert(dump.get("src").getAsString(), dump.get("ast"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static SemanticModel model(String src) {
        return SemanticModel.build(parse(src), src, LanguageLevel.PY313);
    }

    static ScopeTree scopes(String src) {
        return ScopeTree.build(parse(src));
    }

    /** The scope with this qualname (first in tree order). */
    static Scope scope(ScopeTree t, String qualname) {
        for (Scope s : t.scopes()) {
            if (s.qualname().equals(qualname)) {
                return s;
            }
        }
        throw new AssertionError("no scope " + qualname + " among " + t.scopes());
    }

    /** Python source from lines, so tests read like the file. */
    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
