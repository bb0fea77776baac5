package dev.memlens.features;

import dev.memlens.analysis.RefCount;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 3.14/3.15 forms through the whole analysis, and the target version's part in it. */
class NewSyntaxAnalysisTest {
    private static final String CODE = """
            lazy import json
            import sys
            x = [1]
            t = t"value: {x!r:>10} and {x}"
            print(sys.getrefcount(x))
            lists = [[1], [2]]
            flat = [*l for l in lists]
            dicts = [{"a": x}]
            merged = {**d for d in dicts}
            try:
                pass
            except ValueError, TypeError:
                pass
            """;

    private static DocumentAnalysis analyze(String code, PythonVersion target) {
        return new StandardAnalyzer(new ProjectRules()).analyze(new SourceText("/nowhere/t.py", code), 0,
                Cancellation.NEVER, target);
    }

    @Test
    void newestTargetAnalyzesTheNewForms() {
        DocumentAnalysis a = analyze(CODE, PythonVersion.LATEST);
        assertEquals(List.of(), a.parse().errors());
        assertNotNull(a.facts());
        Stmt print = a.parse().module().body().get(4);
        StatementFacts sf = a.index().after(print);
        // the Template holds x's list: the name and the Template's interpolations
        RefCount rc = sf.refcounts().get("x");
        assertNotNull(rc);
        assertTrue(!rc.immortal() && rc.lo() >= 1 && (rc.hi() >= 3 || rc.hi() == RefCount.UNBOUNDED),
                "x is held by x and by the template's two interpolations (CPython 3.14: 3): " + rc);
        assertNotNull(a.scopes().module().symbol("json"), "lazy import binds its name");
        assertEquals(a.scopes().module().symbol("sys").kind(), a.scopes().module().symbol("json").kind());
    }

    @Test
    void olderTargetsReportNewerSyntax() {
        List<String> on313 = analyze(CODE, PythonVersion.PY313).parse().errors().stream()
                .map(ParseError::message).toList();
        assertEquals(List.of("lazy imports need Python 3.15 (the target version is 3.13)",
                "t-strings need Python 3.14 (the target version is 3.13)",
                "unpacking in comprehensions needs Python 3.15 (the target version is 3.13)",
                "several exception types without parentheses need Python 3.14 (the target version is 3.13)"),
                on313);
        List<String> on314 = analyze(CODE, PythonVersion.PY314).parse().errors().stream()
                .map(ParseError::message).toList();
        assertEquals(List.of("lazy imports need Python 3.15 (the target version is 3.14)",
                "unpacking in comprehensions needs Python 3.15 (the target version is 3.14)"), on314);
    }

    @Test
    void getrefcountOfAFunctionLocalFollowsTheTarget() {
        String code = "import sys\ndef f():\n    z = []\n    print(sys.getrefcount(z))\nf()\n";
        for (var v : List.of(PythonVersion.PY311, PythonVersion.PY314)) {
            DocumentAnalysis a = analyze(code, v);
            var hints = new RefcountHints().hints(a, new dev.memlens.syntax.ast.Span(0, code.length()),
                    Settings.Hints.DEFAULTS, Cancellation.NEVER);
            String labels = hints.stream().map(h -> h.label().get(0).text()).toList().toString();
            assertTrue(labels.contains(v == PythonVersion.PY311 ? "prints 2" : "prints 1"), v + ": " + labels);
        }
    }
}
