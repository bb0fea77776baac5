package dev.memlens.syntax;

import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.WithItem;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax a file uses that is newer than the target version, as errors worded "t-strings need Python 3.14". The
 * grammar accepts the newest Python; this pass over the AST tells which forms an older CPython would reject:
 * parenthesized context managers and decorator expressions (3.9), match (3.10), except* and unpacking in subscripts
 * (3.11), type aliases, type parameters and PEP 701 f-string fields (3.12), type parameter defaults (3.13),
 * t-strings and except without parentheses (3.14), lazy imports and unpacking in comprehensions (3.15). Each form is reported once per file, at its first use.
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
        PARENTHESIZED_WITH("parenthesized context managers need", PythonVersion.PY39),
        DECORATOR_EXPRESSION("decorators other than a dotted name or a call of one need", PythonVersion.PY39),
        MATCH("match statements need", PythonVersion.PY310),
        STAR_SUBSCRIPT("PEP 646 unpacking (a[*b], *args: *Ts) needs", PythonVersion.PY311),
        EXCEPT_STAR("except* needs", PythonVersion.PY311),
        TYPE_ALIAS("type aliases need", PythonVersion.PY312),
        TYPE_PARAMS("type parameter lists need", PythonVersion.PY312),
        FSTRING_FIELD("backslashes, comments and the enclosing quote inside f-string fields need",
                PythonVersion.PY312),
        TYPE_PARAM_DEFAULT("type parameter defaults need", PythonVersion.PY313),
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
        if (n instanceof TypeParam p) {
            return p instanceof TypeParam.TypeVar v && v.defaultValue() != null
                    || p instanceof TypeParam.ParamSpec ps && ps.defaultValue() != null
                    || p instanceof TypeParam.TypeVarTuple vt && vt.defaultValue() != null
                    ? Feature.TYPE_PARAM_DEFAULT : null;
        }
        if (n instanceof Expr e) {
            if (e instanceof Expr.TemplateStr) {
                return Feature.TEMPLATE;
            }
            if (e instanceof Expr.Subscript sub && (sub.slice() instanceof Expr.Starred
                    || sub.slice() instanceof Expr.TupleDisplay t && !parenthesized(t.span(), text)
                    && t.elts().stream().anyMatch(x -> x instanceof Expr.Starred))) {
                return Feature.STAR_SUBSCRIPT;
            }
            if (e instanceof Expr.JoinedStr j && fieldNeeds312(j, text)) {
                return Feature.FSTRING_FIELD;
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
        if (s instanceof Stmt.With w && parenthesizedItems(w, text)) {
            return Feature.PARENTHESIZED_WITH;
        }
        List<Expr> decorators = s instanceof Stmt.FunctionDef f ? f.decorators()
                : s instanceof Stmt.ClassDef c ? c.decorators() : List.of();
        for (Expr d : decorators) {
            if (!dottedName(d instanceof Expr.Call call ? call.func() : d) || openedByParenthesis(d, text)) {
                return Feature.DECORATOR_EXPRESSION;
            }
        }
        if (s instanceof Stmt.FunctionDef f && f.args().vararg() != null
                && f.args().vararg().annotation() instanceof Expr.Starred) {
            return Feature.STAR_SUBSCRIPT;
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

    /** {@code @(a)}: the grammar before 3.9 wanted a dotted name right after the {@code @}. */
    private static boolean openedByParenthesis(Expr d, String text) {
        int i = d.span().start() - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= 0 && text.charAt(i) == '(';
    }

    private static boolean dottedName(Expr e) {
        while (e instanceof Expr.Attribute a) {
            e = a.value();
        }
        return e instanceof Expr.Name;
    }

    /**
     * {@code with (a as b, c):}: the items in one pair of parentheses, which 3.8 reads as a tuple expression (so
     * it rejects {@code as} inside, and a trailing comma or several items change meaning). Told from the text: the
     * '(' after {@code with} closes after the last item.
     */
    private static boolean parenthesizedItems(Stmt.With w, String text) {
        WithItem first = w.items().get(0);
        WithItem last = w.items().get(w.items().size() - 1);
        int open = first.contextExpr().span().start() - 1;
        while (open > w.span().start() && Character.isWhitespace(text.charAt(open))) {
            open--;
        }
        if (open <= w.span().start() || text.charAt(open) != '(') {
            return false;
        }
        int end = (last.optionalVars() != null ? last.optionalVars() : last.contextExpr()).span().end();
        if (w.items().stream().allMatch(i -> i.optionalVars() == null)) {
            return false; // `with (a, b):` is a tuple expression to 3.8: accepted (and then fails at run time)
        }
        return closing(text, open, text.length()) >= end;
    }

    /**
     * PEP 701 (3.12) lifted the limits on f-string fields: before it, a field's expression could hold no backslash,
     * no {@code #} and not the quote that encloses the f-string. The enclosing quote is read from the literal's
     * first part; an implicitly concatenated literal whose parts use other quotes is checked for backslashes and
     * comments only.
     */
    private static boolean fieldNeeds312(Expr.JoinedStr j, String text) {
        Span s = j.span();
        int q = s.start();
        while (q < s.end() && Character.isLetter(text.charAt(q))) {
            q++;
        }
        if (q >= s.end()) {
            return false;
        }
        char quote = text.charAt(q);
        String enclosing = text.startsWith(String.valueOf(quote).repeat(3), q) ? String.valueOf(quote).repeat(3)
                : String.valueOf(quote);
        boolean onePart = text.startsWith(enclosing, s.end() - enclosing.length());
        boolean triple = enclosing.length() == 3;
        boolean[] found = {false};
        AstWalker.preorder(j, n -> {
            if (n instanceof Expr.FormattedValue fv && !found[0]) {
                // the expression up to its conversion, spec or closing brace: comments and newlines live there
                int end = fv.formatSpec() != null ? fv.formatSpec().span().start() : fv.span().end();
                String field = text.substring(fv.value().span().start(), Math.max(fv.value().span().end(), end));
                found[0] = field.indexOf('\\') >= 0 || hasComment(field)
                        || !triple && field.indexOf('\n') >= 0 || onePart && field.contains(enclosing);
            }
        });
        return found[0];
    }

    /** A {@code #} outside the string literals of a field's text (inside one, 3.8-3.11 accept it too). */
    private static boolean hasComment(String field) {
        char inString = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (inString != 0) {
                if (c == inString) {
                    inString = 0;
                }
            } else if (c == '\'' || c == '"') {
                inString = c;
            } else if (c == '#') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the span is one parenthesized expression: its '(' closes at its last character ({@code (A, B)}, not
     * {@code (A), (B)}). Brackets inside string literals are not told apart; exception types rarely hold any.
     */
    private static boolean parenthesized(Span s, String text) {
        if (s.end() <= s.start() || text.charAt(s.start()) != '(') {
            return false;
        }
        return closing(text, s.start(), s.end()) == s.end() - 1;
    }

    /** Where the bracket at {@code open} closes, before {@code limit}; -1 when it does not. */
    private static int closing(String text, int open, int limit) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return -1;
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
