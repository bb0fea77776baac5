package dev.memlens.rules;

import dev.memlens.rules.support.AccessPaths;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.BindingKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolKind;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MEM101 for shallow copies of objects from outside: a parameter ({@code cfg}) or an attribute of one
 * ({@code self.rows}). Whatever such a container is, the items of a shallow copy ARE its items, so mutating an item
 * of the copy changes the caller's object. Copies that depend on the type ({@code list(x)}, {@code dict(x)}: of a
 * dict, of a generator) are taken only when an annotation says list or dict.
 */
final class OpenWorldCopy {
    private static final Set<String> ITEM_MUTATORS = new HashSet<>();

    static {
        for (ObjectKind k : List.of(ObjectKind.LIST, ObjectKind.DICT, ObjectKind.SET, ObjectKind.DEQUE,
                ObjectKind.BYTEARRAY)) {
            ITEM_MUTATORS.addAll(Patterns.MUTATORS.getOrDefault(k, Set.of()));
        }
    }

    private OpenWorldCopy() {
    }

    private record Copy(Stmt.Assign stmt, Expr original, String how, ObjectKind annotated) {}

    static void check(ShallowCopySharesNested rule, RuleContext ctx, FindingSink out) {
        for (Scope scope : ctx.scopes().scopes()) {
            if (scope.kind() != ScopeKind.FUNCTION) {
                continue;
            }
            for (Symbol sym : scope.symbols()) {
                if (sym.kind() != SymbolKind.LOCAL || sym.bindings().size() != 1
                        || !(ctx.parent(sym.bindings().get(0).site()) instanceof Stmt.Assign as)
                        || as.targets().size() != 1 || as.targets().get(0) != sym.bindings().get(0).site()
                        || ctx.enclosingScope(as) != scope) {
                    continue;
                }
                Copy copy = copy(ctx, scope, as);
                if (copy != null) {
                    checkCopy(rule, ctx, out, scope, sym.name(), copy);
                }
            }
        }
    }

    /** {@code name = copy.copy(P)}, {@code P.copy()}, {@code P[:]}, {@code {**P}}; list(P)/dict(P) when annotated. */
    private static Copy copy(RuleContext ctx, Scope scope, Stmt.Assign as) {
        Expr v = as.value();
        Expr src = null;
        String how = null;
        boolean typed = false;
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.attr().name().equals("copy")
                && c.keywords().isEmpty()) {
            if (a.value() instanceof Expr.Name mod && c.args().size() == 1 && ctx.objects().isModule(mod, "copy")) {
                src = c.args().get(0);
                how = "copy.copy";
            } else if (c.args().isEmpty()) {
                src = a.value();
                how = ".copy()";
            }
        } else if (v instanceof Expr.Subscript s && s.slice() instanceof Expr.Slice sl && sl.lower() == null
                && sl.upper() == null && sl.step() == null) {
            src = s.value();
            how = "[:]";
        } else if (v instanceof Expr.DictDisplay d && d.keys().size() == 1 && d.keys().get(0) == null) {
            src = d.values().get(0);
            how = "{**}";
        } else if (v instanceof Expr.Call c && c.func() instanceof Expr.Name f && c.args().size() == 1
                && c.keywords().isEmpty() && (f.id().equals("list") || f.id().equals("dict"))
                && ctx.objects().refersToBuiltin(f)) {
            src = c.args().get(0);
            how = f.id() + "()";
            typed = true;
        }
        if (src == null || !fromOutside(ctx, scope, src)) {
            return null;
        }
        AccessPaths.Evidence ev = src instanceof Expr.Name n ? AccessPaths.annotated(ctx, n) : null;
        if (ev != null && ev.other() || typed && (ev == null || ev.kind() != (how.startsWith("list")
                ? ObjectKind.LIST : ObjectKind.DICT))) {
            return null; // annotated as something else, or a conversion whose items depend on the type
        }
        return new Copy(as, src, how, ev == null ? null : ev.kind());
    }

    /** A parameter of the function never rebound, or an attribute of one ({@code self.rows}). */
    private static boolean fromOutside(RuleContext ctx, Scope scope, Expr src) {
        Expr.Name base = AccessPaths.base(src);
        if (base == null || AccessPaths.of(src) == null || src instanceof Expr.Attribute a && !(a.value() instanceof Expr.Name)) {
            return false;
        }
        Symbol s = ctx.symbol(scope, base.id());
        if (s == null || !s.kind().isLocal() || s.bindings().size() != 1
                || s.bindings().get(0).kind() != BindingKind.PARAMETER) {
            return false;
        }
        return ctx.resolve(base) != null && ctx.resolve(base).scope() == scope;
    }

    private static void checkCopy(ShallowCopySharesNested rule, RuleContext ctx, FindingSink out, Scope scope,
                                  String copyName, Copy copy) {
        String orig = AccessPaths.of(copy.original());
        int after = copy.stmt().span().end();
        Node found = null;
        String foundHow = null;
        Expr foundKey = null;
        for (Expr.Name load : ctx.loads(scope)) {
            boolean isCopy = load.id().equals(copyName);
            if (!isCopy && !load.id().equals(AccessPaths.base(copy.original()).id())) {
                continue;
            }
            Node p = ctx.parent(load);
            Expr whole = isCopy ? load : outerPath(ctx, load, orig);
            if (whole == null) {
                continue; // another attribute of the parameter
            }
            Node wp = isCopy ? p : ctx.parent(whole);
            if (changesSlots(ctx, whole, wp)) {
                return; // the outer containers change: their slots may no longer hold the same objects
            }
            if (!isCopy || load.span().start() < after) {
                continue;
            }
            if (!(wp instanceof Expr.Subscript s1 && s1.value() == load && s1.ctx() == Ctx.LOAD)) {
                if (found == null && !(wp instanceof Expr.Subscript) && !(wp instanceof Stmt.Return)) {
                    return; // the copy handed on before any item is mutated: a callee may replace its items
                }
                continue;
            }
            Node p2 = ctx.parent(s1);
            String how = null;
            if (p2 instanceof Expr.Attribute m && m.value() == s1 && ctx.parent(m) instanceof Expr.Call c
                    && c.func() == m && ITEM_MUTATORS.contains(m.attr().name())) {
                how = "`." + m.attr().name() + "(...)`";
                p2 = c;
            } else if (p2 instanceof Expr.Subscript s2 && s2.value() == s1 && s2.ctx() != Ctx.LOAD
                    && !(ctx.parent(s2) instanceof Stmt.AugAssign)) {
                how = s2.ctx() == Ctx.DEL ? "this deletion" : "this item assignment";
                p2 = ctx.statementOf(s2);
            }
            if (how != null && found == null) {
                found = p2;
                foundHow = how;
                foundKey = s1.slice();
            }
        }
        if (found == null) {
            return;
        }
        ObjectKind kind = copy.annotated() != null ? copy.annotated() : keyKind(foundKey);
        String kindText = kind == null ? "a list or dict" : "a " + kind.label();
        String assumed = copy.annotated() != null ? "" : " (assuming " + q(orig) + " is " + kindText
                + ": a shallow copy of one holds the very same items)";
        String item = copyName + "[" + ctx.text(foundKey) + "]";
        String src = orig.contains(".") ? "the attribute " + q(orig) : "the caller's object " + q(orig);
        String msg = q(copyName + " = " + Patterns.excerpt(ctx, copy.stmt().value())) + " (line "
                + ctx.line(copy.stmt()) + ") is a shallow copy of " + src + assumed + ", so " + q(item)
                + " is also " + q(orig + "[" + ctx.text(foundKey) + "]") + " and " + foundHow
                + " also changes " + src;
        out.report(rule.at(found, msg, List.of(new Related(copy.stmt().value().span(), "the shallow copy")),
                List.of()));
    }

    /** The load's enclosing access path when it is exactly the original's path ({@code self.rows}), else null. */
    private static Expr outerPath(RuleContext ctx, Expr.Name load, String orig) {
        Expr e = load;
        while (!orig.equals(AccessPaths.of(e))) {
            if (!(ctx.parent(e) instanceof Expr.Attribute a) || a.value() != e) {
                return null;
            }
            e = a;
        }
        return e;
    }

    /** A direct change of the container (not of an item): a mutating method, an item store or deletion, {@code +=}. */
    private static boolean changesSlots(RuleContext ctx, Expr whole, Node p) {
        if (p instanceof Expr.Attribute at && at.value() == whole && ctx.parent(at) instanceof Expr.Call c
                && c.func() == at && (Patterns.mutates(ObjectKind.LIST, at.attr().name())
                || Patterns.mutates(ObjectKind.DICT, at.attr().name()))) {
            return true;
        }
        if (p instanceof Expr.Subscript s && s.value() == whole && s.ctx() != Ctx.LOAD) {
            return true;
        }
        return p instanceof Stmt.AugAssign aug && aug.target() == whole
                || whole instanceof Expr.Attribute a && a.ctx() != Ctx.LOAD;
    }

    private static ObjectKind keyKind(Expr key) {
        if (key instanceof Expr.Constant c && c.kind() == ConstantKind.STR) {
            return ObjectKind.DICT;
        }
        if (key instanceof Expr.Constant c && c.kind() == ConstantKind.INT
                || key instanceof Expr.UnaryOp u && u.operand() instanceof Expr.Constant c2
                && c2.kind() == ConstantKind.INT) {
            return ObjectKind.LIST;
        }
        return null;
    }

    private static String q(String s) {
        return "`" + s + "`";
    }
}
