package dev.memlens.rules.support;

import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.builtins.BuiltinMethods;
import dev.memlens.rules.RuleContext;
import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** Syntax patterns several rules share: in-place methods, code expected to raise, pure expressions, insertion points. */
public final class Patterns {
    private Patterns() {
    }

    /** Methods that change the object in place, per kind (from {@link BuiltinMethods}, the one table). */
    public static final Map<ObjectKind, Set<String>> MUTATORS = perKind(true);

    /** In-place methods that return None, per kind (the result of a call is always None). */
    public static final Map<ObjectKind, Set<String>> NONE_RETURNING = perKind(false);

    private static Map<ObjectKind, Set<String>> perKind(boolean mutating) {
        Map<ObjectKind, Set<String>> out = new java.util.EnumMap<>(ObjectKind.class);
        for (ObjKind k : BuiltinMethods.kinds()) {
            ObjectKind ok = java.util.Arrays.stream(ObjectKind.values()).filter(v -> v.name().equals(k.name()))
                    .findFirst().orElse(null);
            if (ok != null) { // a kind the analysis models that the rules do not distinguish says nothing here
                out.put(ok, mutating ? BuiltinMethods.mutating(k) : BuiltinMethods.returningNone(k));
            }
        }
        // the standard library's deque and array.array, as the rules know them (every mutator returns None)
        Set<String> deque = Set.of("append", "appendleft", "extend", "extendleft", "insert", "remove", "clear",
                "rotate", "reverse");
        Set<String> array = Set.of("append", "extend", "insert", "remove", "reverse", "byteswap", "frombytes",
                "fromfile", "fromlist", "fromunicode");
        out.putIfAbsent(ObjectKind.DEQUE, mutating ? union(deque, Set.of("pop", "popleft")) : deque);
        out.putIfAbsent(ObjectKind.ARRAY, mutating ? union(array, Set.of("pop")) : array);
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    public static boolean mutates(ObjectKind kind, String method) {
        return MUTATORS.getOrDefault(kind, Set.of()).contains(method);
    }

    /** Augmented operators that work in place on a kind (others rebind to a new object). */
    public static boolean inPlaceOperator(ObjectKind kind, Operator op) {
        switch (kind) {
            case LIST:
            case BYTEARRAY:
            case DEQUE:
            case ARRAY:
                return op == Operator.ADD || op == Operator.MULT;
            case SET:
                return op == Operator.BITOR || op == Operator.BITAND || op == Operator.SUB || op == Operator.BITXOR;
            case DICT:
                return op == Operator.BITOR;
            default:
                return false;
        }
    }

    /**
     * True when the node runs where raising is the point: inside a {@code try} with handlers, or inside
     * {@code with self.assertRaises(...)}/{@code pytest.raises(...)}-like context managers, within its function.
     */
    public static boolean expectedToRaise(RuleContext ctx, Node n) {
        Node child = n;
        Node cur = ctx.parent(n);
        while (cur != null && !(cur instanceof Stmt.FunctionDef) && !(cur instanceof Expr.Lambda)
                && !(cur instanceof Stmt.ClassDef)) {
            if (cur instanceof Stmt.Try t && !t.handlers().isEmpty() && containsStmt(t.body(), child)) {
                return true;
            }
            if (cur instanceof Stmt.With w) {
                for (WithItem it : w.items()) {
                    if (it.contextExpr() instanceof Expr.Call c) {
                        String f = Ast.dotted(c.func());
                        if (f != null && (f.endsWith("assertRaises") || f.endsWith("assertRaisesRegex")
                                || f.endsWith(".raises") || f.equals("raises") || f.endsWith("suppress"))) {
                            return true;
                        }
                    }
                }
            }
            child = cur;
            cur = ctx.parent(cur);
        }
        return false;
    }

    private static boolean containsStmt(List<Stmt> body, Node child) {
        for (Stmt s : body) {
            if (s == child) {
                return true;
            }
        }
        return false;
    }

    /** An expression whose evaluation has no side effects and yields equal values each time (no calls). */
    public static boolean pure(Expr e) {
        boolean[] ok = {true};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Call || n instanceof Expr.Await || n instanceof Expr.Yield
                    || n instanceof Expr.YieldFrom || n instanceof Expr.NamedExpr || n instanceof Expr.ListComp
                    || n instanceof Expr.SetComp || n instanceof Expr.DictComp || n instanceof Expr.GeneratorExp
                    || n instanceof Expr.Lambda || n instanceof Expr.Attribute || n instanceof Expr.Subscript
                    || n instanceof Expr.Starred) {
                ok[0] = false;
            }
        });
        return ok[0];
    }

    /** True when the expression mentions the name anywhere (as a Name node). */
    public static boolean mentions(Node e, String name) {
        boolean[] found = {false};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm && nm.id().equals(name)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** True when the expression mentions any Name at all. */
    public static boolean mentionsNames(Node e) {
        boolean[] found = {false};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** A name from the candidates that does not occur in any of the texts. */
    public static String freshName(List<String> candidates, String... texts) {
        outer:
        for (String c : candidates) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?<![\\w])" + c + "(?![\\w])");
            for (String t : texts) {
                if (p.matcher(t).find()) {
                    continue outer;
                }
            }
            return c;
        }
        return null;
    }

    /** Where a new statement goes at the top of a body: after a docstring. */
    public record Insertion(int offset, String indent) {}

    /**
     * The offset of the start of the line of the first statement after the docstring of a def/class body, with
     * that statement's indentation; null when the body shares the header's line or a statement shares a line.
     */
    public static Insertion bodyStart(RuleContext ctx, List<Stmt> body) {
        if (body.isEmpty()) {
            return null;
        }
        int idx = 0;
        Stmt first = body.get(0);
        if (first instanceof Stmt.Expression e && e.value() instanceof Expr.Constant c
                && c.kind() == ConstantKind.STR) {
            idx = 1;
        }
        if (!ctx.startsLine(first.span().start())) {
            return null;
        }
        String indent = ctx.indentAt(first.span().start());
        if (idx < body.size()) {
            Stmt at = body.get(idx);
            if (!ctx.startsLine(at.span().start())) {
                return null;
            }
            return new Insertion(ctx.lineStartOf(at.span().start()), ctx.indentAt(at.span().start()));
        }
        // only a docstring: insert after its line
        int end = first.span().end();
        String text = ctx.text();
        int nl = end;
        while (nl < text.length() && text.charAt(nl) != '\n' && text.charAt(nl) != '\r') {
            nl++;
        }
        if (!text.substring(end, nl).isBlank() && !text.substring(end, nl).trim().startsWith("#")) {
            return null;
        }
        if (nl < text.length() && text.charAt(nl) == '\r' && nl + 1 < text.length() && text.charAt(nl + 1) == '\n') {
            nl++;
        }
        if (nl >= text.length()) {
            return new Insertion(-1, indent);
        }
        return new Insertion(nl + 1, indent);
    }

    /** The offsets of the comparison operator between two operands ({@code is}, {@code is not}), or null. */
    public static int[] operatorBetween(RuleContext ctx, Expr left, Expr right, String regex) {
        String seg = ctx.text().substring(left.span().end(), right.span().start());
        Matcher m = java.util.regex.Pattern.compile(regex).matcher(seg);
        if (!m.find()) {
            return null;
        }
        int s = left.span().end() + m.start();
        int e = left.span().end() + m.end();
        return new int[] {s, e};
    }

    /** One unit of indentation in this file, guessed from a body's indentation relative to its header. */
    public static String indentUnit(String outer, String inner) {
        if (inner.startsWith(outer) && inner.length() > outer.length()) {
            return inner.substring(outer.length());
        }
        return "    ";
    }

    /** A display that repeats itself (displays, comprehensions) or a constructor call of a mutable kind. */
    public static String describe(ObjectKind kind) {
        return kind.label();
    }

    /** A short, single-line excerpt of source for messages. */
    public static String excerpt(RuleContext ctx, Node n) {
        String t = ctx.text(n).replaceAll("\\s+", " ").trim();
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }
}
