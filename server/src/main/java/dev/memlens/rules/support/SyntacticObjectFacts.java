package dev.memlens.rules.support;

import dev.memlens.rules.RuleContext;
import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object facts from syntax alone: displays, comprehensions and builtin constructor calls are allocations, and a
 * name whose only binding in its scope is {@code name = <allocation>} refers to that allocation wherever it is
 * read after the binding. Everything else is unknown. Sound for the rules' purposes (no "must" claim that a run
 * can contradict, except through reflection: {@code globals()}, {@code setattr} on modules, exec).
 */
public final class SyntacticObjectFacts implements ObjectFacts {

    private static final Map<String, ObjectKind> BUILTIN_CONSTRUCTORS = Map.of(
            "list", ObjectKind.LIST, "dict", ObjectKind.DICT, "set", ObjectKind.SET,
            "bytearray", ObjectKind.BYTEARRAY, "frozenset", ObjectKind.FROZENSET, "tuple", ObjectKind.TUPLE,
            "bytes", ObjectKind.BYTES, "memoryview", ObjectKind.MEMORYVIEW, "str", ObjectKind.STR);

    private static final Set<String> COLLECTIONS_DICTS = Set.of("defaultdict", "OrderedDict", "Counter");

    private final RuleContext ctx;

    public SyntacticObjectFacts(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Allocation mustPointTo(Expr e) {
        return resolve(e, 0);
    }

    private Allocation resolve(Expr e, int depth) {
        if (e == null || depth > 8) {
            return null;
        }
        ObjectKind k = displayKind(e);
        if (k != null) {
            return new Allocation(e, k, null);
        }
        if (e instanceof Expr.Call c) {
            ObjectKind ck = constructorKind(c);
            return ck == null ? null : new Allocation(e, ck, null);
        }
        if (e instanceof Expr.BinOp b && (b.op() == Operator.MULT || b.op() == Operator.ADD)) {
            ObjectKind lk = displayKind(b.left());
            ObjectKind rk = displayKind(b.right());
            if (lk == ObjectKind.LIST || rk == ObjectKind.LIST) {
                return new Allocation(e, ObjectKind.LIST, null);
            }
            return null;
        }
        if (e instanceof Expr.NamedExpr ne) {
            return resolve(ne.value(), depth + 1);
        }
        if (e instanceof Expr.Name n && n.ctx() == Ctx.LOAD) {
            Scopes.Binding b = soleBinding(n);
            if (b == null) {
                b = reachingBinding(n);
            }
            if (b == null) {
                return null;
            }
            Allocation a = resolve(b.value(), depth + 1);
            return a == null ? null : new Allocation(a.site(), a.kind(), b);
        }
        return null;
    }

    /** The kind of object a display or literal creates, or null. */
    public static ObjectKind displayKind(Expr e) {
        if (e instanceof Expr.ListDisplay l && l.ctx() == Ctx.LOAD || e instanceof Expr.ListComp) {
            return ObjectKind.LIST;
        }
        if (e instanceof Expr.DictDisplay || e instanceof Expr.DictComp) {
            return ObjectKind.DICT;
        }
        if (e instanceof Expr.SetDisplay || e instanceof Expr.SetComp) {
            return ObjectKind.SET;
        }
        if (e instanceof Expr.TupleDisplay t && t.ctx() == Ctx.LOAD) {
            return ObjectKind.TUPLE;
        }
        if (e instanceof Expr.JoinedStr) {
            return ObjectKind.STR;
        }
        if (e instanceof Expr.Constant c) {
            switch (c.kind()) {
                case STR: return ObjectKind.STR;
                case BYTES: return ObjectKind.BYTES;
                case INT: case FLOAT: case COMPLEX: return ObjectKind.NUMBER;
                case NONE: return ObjectKind.NONE;
                default: return null;
            }
        }
        if (e instanceof Expr.Lambda) {
            return ObjectKind.FUNCTION;
        }
        return null;
    }

    /** The kind a call to a builtin constructor (not shadowed) or collections' dict types creates, or null. */
    public ObjectKind constructorKind(Expr.Call c) {
        if (c.func() instanceof Expr.Name fn && refersToBuiltin(fn)) {
            return BUILTIN_CONSTRUCTORS.get(fn.id());
        }
        if (c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name mod
                && mod.id().equals("collections") && isModule(mod, "collections")
                && COLLECTIONS_DICTS.contains(a.attr().name())) {
            return ObjectKind.DICT;
        }
        if (c.func() instanceof Expr.Name fn && COLLECTIONS_DICTS.contains(fn.id()) && importedFrom(fn, "collections")) {
            return ObjectKind.DICT;
        }
        if (c.func() instanceof Expr.Name fn) {
            Scopes.Binding b = soleBinding(fn);
            if (b != null && b.kind() == Scopes.BindingKind.CLASS && b.stmt() instanceof Stmt.ClassDef cd
                    && plainClass(cd)) {
                return ObjectKind.INSTANCE;
            }
        }
        return null;
    }

    /** A class whose instances are ordinary objects: no bases but object, no metaclass, no {@code __new__}. */
    private static boolean plainClass(Stmt.ClassDef cd) {
        if (!cd.keywords().isEmpty() || !cd.decorators().isEmpty()) {
            return false;
        }
        for (Expr b : cd.bases()) {
            if (!(b instanceof Expr.Name n && n.id().equals("object"))) {
                return false;
            }
        }
        for (Stmt s : cd.body()) {
            if (s instanceof Stmt.FunctionDef f && f.name().name().equals("__new__")) {
                return false;
            }
        }
        return true;
    }

    /** The scope a load resolves in (LEGB, skipping class scopes for nested functions), or null for builtins. */
    @Override
    public Scopes.Scope resolvingScope(Expr.Name load) {
        Scopes.Scope s = ctx.scopes().scopeOfLoad(load);
        if (s == null) {
            return null;
        }
        String name = load.id();
        if (s.globals().contains(name)) {
            return ctx.scopes().module().bindings().containsKey(name) ? ctx.scopes().module() : null;
        }
        Scopes.Scope cur = s;
        boolean first = true;
        while (cur != null) {
            if ((first || cur.kind() != Scopes.Kind.CLASS) && cur.bindings().containsKey(name)
                    && !cur.globals().contains(name)) {
                if (cur.nonlocals().contains(name)) {
                    cur = cur.parent();
                    first = false;
                    continue;
                }
                return cur;
            }
            if (cur.globals().contains(name)) {
                return ctx.scopes().module().bindings().containsKey(name) ? ctx.scopes().module() : null;
            }
            cur = cur.parent();
            first = false;
        }
        return null;
    }

    @Override
    public boolean refersToBuiltin(Expr.Name load) {
        Scopes.Scope s = ctx.scopes().scopeOfLoad(load);
        if (s == null) {
            return false;
        }
        if (hasStarImport()) {
            return false;
        }
        return resolvingScope(load) == null;
    }

    private Boolean starImport;

    private boolean hasStarImport() {
        if (starImport == null) {
            starImport = false;
            Ast.walk(ctx.module(), n -> {
                if (n instanceof Stmt.ImportFrom f) {
                    for (Alias a : f.names()) {
                        if (a.name().equals("*")) {
                            starImport = true;
                        }
                    }
                }
            });
        }
        return starImport;
    }

    /** True when the name refers to {@code import module} (not something else named like it). */
    @Override
    public boolean isModule(Expr.Name load, String module) {
        Scopes.Scope s = resolvingScope(load);
        if (s == null) {
            return false;
        }
        List<Scopes.Binding> bs = s.bindings(load.id());
        if (bs.isEmpty()) {
            return false;
        }
        for (Scopes.Binding b : bs) {
            if (!(b.kind() == Scopes.BindingKind.IMPORT && b.site() instanceof Alias a && a.name().equals(module))) {
                return false;
            }
        }
        return true;
    }

    /** True when every binding of the name is {@code from module import name}. */
    public boolean importedFrom(Expr.Name load, String module) {
        Scopes.Scope s = resolvingScope(load);
        if (s == null) {
            return false;
        }
        List<Scopes.Binding> bs = s.bindings(load.id());
        if (bs.isEmpty()) {
            return false;
        }
        for (Scopes.Binding b : bs) {
            if (!(b.kind() == Scopes.BindingKind.IMPORT && b.stmt() instanceof Stmt.ImportFrom f && f.module() != null
                    && f.module().name().equals(module) && f.level() == 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The only binding of the name the load resolves to, when it has exactly one ({@code name = value}, a def or a
     * class) and the load cannot run before it in the same scope; else null.
     */
    @Override
    public Scopes.Binding soleBinding(Expr.Name load) {
        Scopes.Scope s = resolvingScope(load);
        if (s == null) {
            return null;
        }
        List<Scopes.Binding> bs = s.bindings(load.id());
        if (bs.size() != 1) {
            return null;
        }
        Scopes.Binding b = bs.get(0);
        if (b.kind() != Scopes.BindingKind.ASSIGN && b.kind() != Scopes.BindingKind.CLASS
                && b.kind() != Scopes.BindingKind.DEF) {
            return null;
        }
        if (b.kind() == Scopes.BindingKind.ASSIGN && b.value() == null) {
            return null;
        }
        if (s.kind() == Scopes.Kind.MODULE && declaredGlobalAnywhere(load.id())) {
            return null;
        }
        Scopes.Scope own = ctx.scopes().scopeOfLoad(load);
        if (own == s && load.span().start() < b.point()) {
            return null;
        }
        return b;
    }

    /**
     * For a name with several bindings in the load's own scope: the last {@code name = value} before the load,
     * when it dominates the load (same block, earlier statement, load not in a loop that rebinds) and no other
     * binding lies between them; else null.
     */
    public Scopes.Binding reachingBinding(Expr.Name load) {
        Scopes.Scope s = resolvingScope(load);
        if (s == null || s != ctx.scopes().scopeOfLoad(load) || s.kind() == Scopes.Kind.CLASS) {
            return null;
        }
        if (s.kind() == Scopes.Kind.MODULE && declaredGlobalAnywhere(load.id())) {
            return null;
        }
        int at = load.span().start();
        Scopes.Binding best = null;
        for (Scopes.Binding b : s.bindings(load.id())) {
            if (b.kind() == Scopes.BindingKind.PARAM) {
                return null;
            }
            if (b.point() <= at && (best == null || b.point() > best.point())) {
                best = b;
            }
        }
        if (best == null || best.value() == null || best.kind() != Scopes.BindingKind.ASSIGN
                || !(best.stmt() instanceof Stmt.Assign as)) {
            return null;
        }
        // no binding of the name inside a loop around the load (a later one would reach it on the next turn)
        for (Node cur = ctx.parent(load); cur != null && cur != s.node(); cur = ctx.parent(cur)) {
            if (cur instanceof Stmt.For || cur instanceof Stmt.While) {
                for (Scopes.Binding b : s.bindings(load.id())) {
                    if (cur.span().covers(b.site().span()) && b != best) {
                        return null;
                    }
                }
            }
        }
        // the assignment's block must contain the load in a later statement
        Node parent = ctx.parent(as);
        List<Stmt> block = Ast.blockOf(as, parent);
        for (Node cur = load; cur != null; cur = ctx.parent(cur)) {
            if (cur instanceof Stmt st && st != as) {
                for (Stmt sib : block) {
                    if (sib == st) {
                        return st.span().start() >= as.span().end() ? best : null;
                    }
                }
            }
            if (cur == parent) {
                return null;
            }
        }
        return null;
    }

    private Set<String> globalDeclared;

    private boolean declaredGlobalAnywhere(String name) {
        if (globalDeclared == null) {
            globalDeclared = new java.util.HashSet<>();
            for (Scopes.Scope sc : ctx.scopes().all()) {
                globalDeclared.addAll(sc.globals());
            }
        }
        return globalDeclared.contains(name);
    }
}
