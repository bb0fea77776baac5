package dev.memlens.rules.support;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.rules.RuleContext;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.BindingKind;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Stmt;

import java.util.List;

/**
 * {@link ObjectFacts} answered by the abstract interpreter ({@link AnalysisResult}), must facts only.
 *
 * <ul>
 *   <li>A display, comprehension, literal or lambda is its own allocation (evaluating it always creates it).</li>
 *   <li>A name or call must point to an allocation when the points-to set the analysis recorded for it, over every
 *       execution it saw (each call context and the standalone run of each function), is non-empty, never
 *       "maybe unbound", holds no object of unknown origin or type, and all its objects come from one site and
 *       have one kind. The answer is "unknown" (null) otherwise, and for code the analysis did not reach or gave
 *       up on.</li>
 *   <li>Builtins and modules are scope questions, answered by the semantic model's resolution of the name.</li>
 * </ul>
 */
public final class AnalysisObjectFacts implements ObjectFacts {
    /** Builtin types whose call always returns a new object of the type (unlike {@code tuple(t)}, {@code str(s)}). */
    private static final java.util.Map<String, ObjectKind> CONSTRUCTORS = java.util.Map.of("list", ObjectKind.LIST,
            "dict", ObjectKind.DICT, "set", ObjectKind.SET, "bytearray", ObjectKind.BYTEARRAY,
            "memoryview", ObjectKind.MEMORYVIEW);

    private final RuleContext ctx;

    public AnalysisObjectFacts(RuleContext ctx) {
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
            return new Allocation(e, k, null, true);
        }
        if (e instanceof Expr.NamedExpr ne) {
            return resolve(ne.value(), depth + 1);
        }
        if (e instanceof Expr.BinOp b && (b.op() == Operator.MULT || b.op() == Operator.ADD)
                && (displayKind(b.left()) == ObjectKind.LIST || displayKind(b.right()) == ObjectKind.LIST)) {
            // list.__add__/__mul__ with a list display operand: a new list (or an exception)
            return new Allocation(e, ObjectKind.LIST, null, true);
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name fn && CONSTRUCTORS.containsKey(fn.id())
                && refersToBuiltin(fn)) {
            // a call of the builtin type makes a new object of it (or raises): the name's resolution tells
            return new Allocation(e, CONSTRUCTORS.get(fn.id()), null, true);
        }
        ObjectKind std = e instanceof Expr.Call c ? stdlibConstructor(c.func()) : null;
        if (std != null) {
            // a class of the standard library called: a new object of it (or an exception)
            return new Allocation(e, std, null, true);
        }
        if (!(e instanceof Expr.Call) && !(e instanceof Expr.Name n && n.ctx() == Ctx.LOAD)) {
            return null; // the analysis records points-to sets for names and calls only
        }
        AnalysisResult a = ctx.analysis();
        if (a == null || !reliable(a, e)) {
            return null;
        }
        Pts pts = a.pointsTo(e);
        if (pts == null || !pts.definitelyBound()) {
            return null;
        }
        Node site = null;
        ObjKind kind = null;
        boolean singular = true;
        for (int i = 0; i < pts.size(); i++) {
            AbstractObject o = a.object(pts.get(i));
            // an object of unknown type says nothing; a computed one (origin unknown, type known: `bytes(n)`)
            // still has a certain kind, but no identity to share with anything
            if (o == null || o.kind() == ObjKind.UNKNOWN || o.origin() == Origin.BUILTIN) {
                return null;
            }
            singular &= !o.summary() && o.origin() == Origin.ALLOCATED;
            if (kind == null) {
                kind = o.kind();
                site = o.site();
            } else if (kind != o.kind() || site != o.site()) {
                return null;
            }
        }
        ObjectKind ok = kindOf(kind);
        if (ok == null) {
            return null;
        }
        Expr at = site instanceof Expr x && !(x instanceof Expr.Lambda && ok != ObjectKind.FUNCTION) ? x : e;
        Via via = e instanceof Expr.Name n ? via(n, at) : null;
        return new Allocation(at, ok, via, singular && at == site);
    }

    /** The mutable containers of {@code collections} and {@code array}, with the kind the rules treat them as. */
    private static final java.util.Map<String, ObjectKind> STDLIB = java.util.Map.of(
            "collections.deque", ObjectKind.DEQUE, "collections.Counter", ObjectKind.DICT,
            "collections.OrderedDict", ObjectKind.DICT, "collections.defaultdict", ObjectKind.DICT,
            "collections.ChainMap", ObjectKind.DICT, "collections.UserDict", ObjectKind.DICT,
            "collections.UserList", ObjectKind.LIST, "array.array", ObjectKind.ARRAY);

    /**
     * The kind made by calling f when f is one of {@link #STDLIB}: {@code collections.deque} through
     * {@code import collections [as c]}, or {@code deque} bound only by {@code from collections import deque}.
     */
    public ObjectKind stdlibConstructor(Expr f) {
        if (f instanceof Expr.Attribute a && a.value() instanceof Expr.Name mod) {
            for (String m : List.of("collections", "array")) {
                ObjectKind k = STDLIB.get(m + "." + a.attr().name());
                if (k != null && isModule(mod, m)) {
                    return k;
                }
            }
            return null;
        }
        if (!(f instanceof Expr.Name n)) {
            return null;
        }
        Resolution r = ctx.resolve(n);
        if (r == null || r.kind() == ResolutionKind.BUILTIN || r.kind() == ResolutionKind.UNRESOLVED) {
            return null;
        }
        List<Binding> bs = r.kind() == ResolutionKind.GLOBAL ? ctx.scopes().globalBindings(n.id())
                : r.targetSymbol() == null ? List.of() : r.targetSymbol().bindings();
        ObjectKind kind = null;
        for (Binding b : bs) {
            if (!(b.kind() == BindingKind.IMPORT && b.site() instanceof Alias al
                    && ctx.parent(al) instanceof Stmt.ImportFrom from && from.level() == 0 && from.module() != null)) {
                return null;
            }
            ObjectKind k = STDLIB.get(from.module().name() + "." + al.name());
            if (k == null || kind != null && kind != k) {
                return null;
            }
            kind = k;
        }
        return kind;
    }

    /** Points-to sets of code the analysis gave up on (its budget ran out) may be partial: claim nothing there. */
    private boolean reliable(AnalysisResult a, Expr e) {
        if (a.complete()) {
            return true;
        }
        Stmt st = ctx.statementOf(e);
        if (st == null || st instanceof Stmt.For || st instanceof Stmt.While || st instanceof Stmt.If
                || st instanceof Stmt.With || st instanceof Stmt.Try || st instanceof Stmt.Match
                || st instanceof Stmt.FunctionDef || st instanceof Stmt.ClassDef) {
            return false;
        }
        StatementFacts f = a.after(st);
        return f != null && !f.unknown();
    }

    /** The binding that gave the name its object: the one whose statement holds the allocation, else the only one. */
    private Via via(Expr.Name n, Expr site) {
        Resolution r = ctx.resolve(n);
        if (r == null || r.targetSymbol() == null) {
            return new Via(n.id(), site);
        }
        List<Binding> bs = r.kind() == ResolutionKind.GLOBAL ? ctx.scopes().globalBindings(n.id())
                : r.targetSymbol().bindings();
        Binding only = null;
        int count = 0;
        for (Binding b : bs) {
            if (!b.kind().binds()) {
                continue;
            }
            count++;
            only = b;
            Stmt st = ctx.statementOf(b.site());
            if (st != null && !(st instanceof Stmt.FunctionDef) && !(st instanceof Stmt.ClassDef)
                    && st.span().covers(site.span())) {
                return new Via(n.id(), b.site());
            }
        }
        return new Via(n.id(), count == 1 ? only.site() : site);
    }

    static ObjectKind kindOf(ObjKind k) {
        return switch (k) {
            case LIST -> ObjectKind.LIST;
            case DICT -> ObjectKind.DICT;
            case SET -> ObjectKind.SET;
            case BYTEARRAY -> ObjectKind.BYTEARRAY;
            case MEMORYVIEW -> ObjectKind.MEMORYVIEW;
            case INSTANCE -> ObjectKind.INSTANCE;
            case TUPLE -> ObjectKind.TUPLE;
            case STR -> ObjectKind.STR;
            case BYTES -> ObjectKind.BYTES;
            case INT, FLOAT, COMPLEX, BOOL -> ObjectKind.NUMBER;
            case FROZENSET -> ObjectKind.FROZENSET;
            case NONE -> ObjectKind.NONE;
            case FUNCTION -> ObjectKind.FUNCTION;
            // a kind the analysis models later (deque, array) is the rules' kind of the same name, when they have one
            default -> java.util.Arrays.stream(ObjectKind.values()).filter(v -> v.name().equals(k.name()))
                    .findFirst().orElse(null);
        };
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
            ConstantKind ck = c.kind();
            return switch (ck) {
                case STR -> ObjectKind.STR;
                case BYTES -> ObjectKind.BYTES;
                case INT, FLOAT, COMPLEX -> ObjectKind.NUMBER;
                case NONE -> ObjectKind.NONE;
                default -> null;
            };
        }
        if (e instanceof Expr.Lambda) {
            return ObjectKind.FUNCTION;
        }
        return null;
    }

    @Override
    public boolean refersToBuiltin(Expr.Name load) {
        Resolution r = ctx.resolve(load);
        return r != null && r.kind() == ResolutionKind.BUILTIN && !ctx.scopes().hasStarImport();
    }

    @Override
    public boolean isModule(Expr.Name load, String module) {
        Resolution r = ctx.resolve(load);
        if (r == null || r.kind() == ResolutionKind.BUILTIN || r.kind() == ResolutionKind.UNRESOLVED) {
            return false;
        }
        List<Binding> bs = r.kind() == ResolutionKind.GLOBAL ? ctx.scopes().globalBindings(load.id())
                : r.targetSymbol() == null ? List.of() : r.targetSymbol().bindings();
        if (bs.isEmpty()) {
            return false;
        }
        for (Binding b : bs) {
            if (!(b.kind() == BindingKind.IMPORT && b.site() instanceof Alias a && a.name().equals(module)
                    && ctx.parent(a) instanceof Stmt.Import)) {
                return false;
            }
        }
        // every binding is `import module [as name]`; the analysis must not have seen the name rebound otherwise
        // (through globals(), exec or a star import): its points-to set, when it has one, is that module only
        AnalysisResult a = ctx.analysis();
        Pts pts = a == null ? null : a.pointsTo(load);
        if (pts == null) {
            return true;
        }
        if (!pts.definitelyBound()) {
            return false;
        }
        for (int i = 0; i < pts.size(); i++) {
            AbstractObject o = a.object(pts.get(i));
            if (o == null || o.kind() != ObjKind.MODULE) {
                return false;
            }
        }
        return true;
    }
}
