package dev.memlens.syntax;

import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax a file uses that is newer than the target version, as errors worded "t-strings need Python 3.14". The
 * grammar accepts the newest Python; this pass over the AST tells which forms an older CPython would reject: match
 * (3.10), except* (3.11), type aliases and type parameters (3.12), t-strings and except without parentheses (3.14),
 * lazy imports and unpacking in comprehensions (3.15). Each form is reported once per file, at its first use.
 */
public final class SyntaxVersions {

    private SyntaxVersions() {
    }

    /** The errors for {@code module} (parsed from {@code text}) under {@code target}; empty for the newest. */
    public static List<ParseError> check(Module module, String text, PythonVersion target) {
        List<ParseError> out = new ArrayList<>();
        if (target.atLeast(PythonVersion.LATEST)) {
            return out;
        }
        boolean[] seen = new boolean[Feature.values().length];
        AstWalker.preorder(module, n -> {
            Feature f = featureOf(n, text);
            if (f != null && target.before(f.since) && !seen[f.ordinal()]) {
                seen[f.ordinal()] = true;
                out.add(new ParseError(f.words + " Python " + f.since + " (the target version is " + target + ")",
                        spanOf(n, f, text)));
            }
        });
        return out;
    }

    private enum Feature {
        MATCH("match statements need", PythonVersion.PY310),
        EXCEPT_STAR("except* needs", PythonVersion.PY311),
        TYPE_ALIAS("type aliases need", PythonVersion.PY312),
        TYPE_PARAMS("type parameter lists need", PythonVersion.PY312),
        TEMPLATE("t-strings need", PythonVersion.PY314),
        BARE_EXCEPT_TUPLE("several exception types without parentheses need", PythonVersion.PY314),
        LAZY_IMPORT("lazy imports need", PythonVersion.PY315),
        COMPREHENSION_UNPACKING("unpacking in comprehensions needs", PythonVersion.PY315);

        final String words;
        final PythonVersion since;

        Feature(String words, PythonVersion since) {
            this.words = words;
            this.since = since;
        }
    }

    private static Feature featureOf(Node n, String text) {
        if (n instanceof Expr e) {
            if (e instanceof Expr.TemplateStr) {
                return Feature.TEMPLATE;
            }
            if (e instanceof Expr.ListComp c && c.elt() instanceof Expr.Starred
                    || e instanceof Expr.SetComp s && s.elt() instanceof Expr.Starred
                    || e instanceof Expr.GeneratorExp g && g.elt() instanceof Expr.Starred
                    || e instanceof Expr.DictComp d && d.value() == null) {
                return Feature.COMPREHENSION_UNPACKING;
            }
            return null;
        }
        if (n instanceof ExceptHandler h) {
            return h.type() instanceof Expr.TupleDisplay t && !parenthesized(t.span(), text)
                    ? Feature.BARE_EXCEPT_TUPLE : null;
        }
        if (!(n instanceof Stmt s)) {
            return null;
        }
        if (s instanceof Stmt.Match) {
            return Feature.MATCH;
        }
        if (s instanceof Stmt.Try t && t.isStar()) {
            return Feature.EXCEPT_STAR;
        }
        if (s instanceof Stmt.TypeAlias) {
            return Feature.TYPE_ALIAS;
        }
        if (s instanceof Stmt.FunctionDef f && !f.typeParams().isEmpty()
                || s instanceof Stmt.ClassDef c && !c.typeParams().isEmpty()) {
            return Feature.TYPE_PARAMS;
        }
        if (s instanceof Stmt.Import i && i.isLazy() || s instanceof Stmt.ImportFrom f && f.isLazy()) {
            return Feature.LAZY_IMPORT;
        }
        return null;
    }

    /**
     * Whether the span is one parenthesized expression: its '(' closes at its last character ({@code (A, B)}, not
     * {@code (A), (B)}). Brackets inside string literals are not told apart; exception types rarely hold any.
     */
    private static boolean parenthesized(Span s, String text) {
        if (s.end() <= s.start() || text.charAt(s.start()) != '(') {
            return false;
        }
        int depth = 0;
        for (int i = s.start(); i < s.end(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i == s.end() - 1;
            }
        }
        return false;
    }

    /** Where to put the error: the handler's types, else the node up to the end of its first line. */
    private static Span spanOf(Node n, Feature f, String text) {
        if (n instanceof ExceptHandler h && f == Feature.BARE_EXCEPT_TUPLE) {
            return h.type().span();
        }
        Span s = n.span();
        int eol = text.indexOf('\n', s.start());
        return eol >= 0 && eol < s.end() ? new Span(s.start(), eol) : s;
    }
}
