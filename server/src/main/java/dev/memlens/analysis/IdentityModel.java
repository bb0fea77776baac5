package dev.memlens.analysis;

import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.UnaryOperator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Identity and constants: the objects of literals (CPython's caches and code constants) and the verdicts of
 * {@code is} and {@code id(a) == id(b)}.
 */
final class IdentityModel {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    private final IdentityHashMap<Expr.Constant, Pts> constants;

    private final IdentityHashMap<Expr.Constant, Object> constantKeys = new IdentityHashMap<>();

    /**
     * The objects of the cached small ints (index: value + 5, 0 until made) and of interned strings, looked up
     * without hashing a key record per literal: a module is mostly literals.
     */
    private final int[] smallInts = new int[262];
    private final Pts[] smallIntPts = new Pts[262];
    private final java.util.HashMap<String, Integer> internedStrs = new java.util.HashMap<>();

    /** The value passed to each {@code id(x)} call's argument, for {@code id(a) == id(b)} verdicts. */
    private final IdentityHashMap<Expr, Value> idArgs = new IdentityHashMap<>();

    IdentityModel(AnalysisRun ctx) {
        this.ctx = ctx;
        // literals are about twice as many as name occurrences in typical code
        this.constants = new IdentityHashMap<>(Math.max(16, 2 * ctx.expectedNames));
        this.objs = ctx.objs;
    }

    Object constantKey(Expr e, Value v) {
        if (e instanceof Expr.Constant c && c.kind() == ConstantKind.INT && c.raw().length() <= 18) {
            return Constants.key(c); // reading a short int's digits is cheaper than remembering them per node
        }
        if (e instanceof Expr.Constant c) {
            Object k = constantKeys.get(c);
            if (k == null && !constantKeys.containsKey(c)) {
                k = Constants.key(c);
                constantKeys.put(c, k);
            }
            return k;
        }
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.USUB && u.operand() instanceof Expr.Constant c
                && c.kind() == ConstantKind.INT) {
            Object k = Constants.key(c);
            return k instanceof Long l ? (Object) (-l) : null;
        }
        return null;
    }

    Value constant(Expr.Constant c, Frame f) {
        if (c.kind() == ConstantKind.INT && c.raw().length() <= 3) {
            // a cached small int is one object wherever it is written: no per-node entry (a data literal of a
            // million numbers would otherwise fill the map below with a million of them)
            Object key = Constants.key(c);
            if (key instanceof Long l && l >= -5 && l <= 256) {
                int i = (int) (l + 5);
                if (smallIntPts[i] == null) {
                    smallIntPts[i] = Pts.of(constantObj(c, ConstantKind.INT, key, f));
                }
                return new Value(smallIntPts[i], 0);
            }
        }
        // one node is in one code object: its object never changes
        Pts p = constants.get(c);
        if (p == null) {
            p = Pts.of(constantObj(c, c.kind(), Constants.key(c), f));
            constants.put(c, p);
        }
        return new Value(p, 0);
    }

    private int constantObj(Node site, ConstantKind kind, Object key, Frame f) {
        switch (kind) {
            case NONE:
                return ctx.none().pts().single();
            case TRUE:
                return ctx.boolObj(true);
            case FALSE:
                return ctx.boolObj(false);
            case ELLIPSIS:
                return objs.keyed(new ObjectKey.Singleton("Ellipsis"), null, ObjKind.ELLIPSIS, Origin.SINGLETON,
                        "Ellipsis", "Ellipsis");
            default:
                break;
        }
        ObjKind ok = switch (kind) {
            case INT -> ObjKind.INT;
            case FLOAT -> ObjKind.FLOAT;
            case COMPLEX -> ObjKind.COMPLEX;
            case STR -> ObjKind.STR;
            default -> ObjKind.BYTES;
        };
        if (key == null || kind == ConstantKind.COMPLEX || kind == ConstantKind.BYTES) {
            // undecoded literal: its own object (CPython may merge it with an equal one; we claim nothing)
            return objs.keyed(new IdentityKey(site), site, ok, Origin.CONSTANT, null, "literal");
        }
        if (kind == ConstantKind.INT && key instanceof Long l && l >= -5 && l <= 256) {
            int i = (int) (l + 5);
            if (smallInts[i] == 0) {
                smallInts[i] = objs.keyed(new ObjectKey.SmallInt(l), null, ObjKind.INT, Origin.SINGLETON, l,
                        String.valueOf(l));
            }
            return smallInts[i];
        }
        if (kind == ConstantKind.STR && key instanceof String s
                && (Constants.identifierLike(s) || s.length() == 1 && s.charAt(0) < 256)) {
            Integer known = internedStrs.get(s);
            if (known == null) {
                known = objs.keyed(new ObjectKey.InternedStr(s), null, ObjKind.STR, Origin.SINGLETON, s,
                        "'" + s + "'");
                internedStrs.put(s, known);
            }
            return known;
        }
        // equal constants of one code object are one object (co_consts)
        Object typedKey = kind == ConstantKind.FLOAT && key instanceof Long l ? (Object) Double.valueOf(l)
                : key;
        return objs.keyed(new ConstKey(new IdentityKey(f.codeNode()), ok, typedKey), f.codeNode(), ok,
                Origin.CONSTANT, key, String.valueOf(key));
    }

    private record ConstKey(IdentityKey code, ObjKind kind, Object value) {}

    Value negativeConstant(Expr.Constant c, Expr.UnaryOp u, Frame f) {
        Object k = Constants.key(c);
        if (c.kind() == ConstantKind.INT && k instanceof Long l) {
            return new Value(Pts.of(constantObj(u, ConstantKind.INT, -l, f)), 0);
        }
        if (c.kind() == ConstantKind.FLOAT && k instanceof Long l && l != 0) {
            return new Value(Pts.of(constantObj(u, ConstantKind.FLOAT, -l, f)), 0);
        }
        if (c.kind() == ConstantKind.FLOAT && k instanceof Double d) {
            return new Value(Pts.of(constantObj(u, ConstantKind.FLOAT, -d, f)), 0);
        }
        return ctx.fresh(ctx.computedObj(c.kind() == ConstantKind.INT ? ObjKind.INT : ObjKind.FLOAT, u, f));
    }

    Value compare(Expr.Compare c, Frame f) {
        Value left = ctx.expressions.eval(c.left(), f);
        List<Value> rights = new ArrayList<>();
        for (Expr r : c.comparators()) {
            rights.add(ctx.expressions.eval(r, f));
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Value prev = left;
        for (int i = 0; i < c.ops().size(); i++) {
            CmpOperator op = c.ops().get(i);
            Value r = rights.get(i);
            if (op == CmpOperator.IS || op == CmpOperator.IS_NOT) {
                ctx.identities.merge(c, verdict(c, prev, r, f), this::mergeVerdict);
            } else if (op == CmpOperator.EQ && isIdCall(i == 0 ? c.left() : c.comparators().get(i - 1))
                    && isIdCall(c.comparators().get(i))) {
                Value a = idArg(i == 0 ? c.left() : c.comparators().get(i - 1), f);
                Value b = idArg(c.comparators().get(i), f);
                if (a != null && b != null) {
                    ctx.identities.merge(c, verdict(c, a, b, f), this::mergeVerdict);
                }
            } else if ((op == CmpOperator.IN || op == CmpOperator.NOT_IN || op == CmpOperator.EQ)
                    && r.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.INSTANCE)) {
                ctx.escapes.unknownCall(List.of(prev, r), c, f);
            }
            prev = r;
        }
        return ctx.bools();
    }

    boolean isIdCall(Expr e) {
        return e instanceof Expr.Call call && call.func() instanceof Expr.Name n && n.id().equals("id")
                && call.args().size() == 1;
    }

    /** Remembers what an {@code id(...)} call got, for the comparison it may be part of. */
    void rememberIdArg(Expr.Call idCall, Value arg) {
        idArgs.put(idCall.args().get(0), arg);
    }

    private Value idArg(Expr idCall, Frame f) {
        return idArgs.get(((Expr.Call) idCall).args().get(0));
    }

    private IdentityVerdict mergeVerdict(IdentityVerdict a, IdentityVerdict b) {
        return a.answer() == b.answer() ? a : new IdentityVerdict(a.site(), IdentityVerdict.Answer.DEPENDS,
                "differs between executions");
    }

    private IdentityVerdict verdict(Node site, Value a, Value b, Frame f) {
        Pts pa = a.pts().withoutUnbound();
        Pts pb = b.pts().withoutUnbound();
        int oa = pa.single();
        int ob = pb.single();
        if (a.sym() != 0 && a.sym() == b.sym() || oa >= 0 && oa == ob && objs.get(oa).singular()
                && objs.get(oa).origin() != Origin.UNKNOWN) {
            AbstractObject o = objs.get(oa >= 0 ? oa : pa.get(0));
            String why = switch (o.origin()) {
                case SINGLETON -> o.kind() == ObjKind.INT ? "small ints -5..256 are cached: one object"
                        : o.kind() == ObjKind.STR ? "identifier-like string literals are interned: one object"
                        : o.label() + " is a singleton";
                case CONSTANT -> "equal constants of one code object are one object";
                default -> "both names refer to the same object";
            };
            return new IdentityVerdict(site, IdentityVerdict.Answer.SAME, why);
        }
        boolean anyUnknown = pa.anyMatch(o -> objs.get(o).origin() == Origin.UNKNOWN)
                || pb.anyMatch(o -> objs.get(o).origin() == Origin.UNKNOWN);
        if (!anyUnknown && !pa.intersects(pb) && !pa.isEmpty() && !pb.isEmpty()) {
            boolean constantsMayMerge = pa.anyMatch(x -> objs.get(x).origin() == Origin.CONSTANT)
                    && pb.anyMatch(x -> objs.get(x).origin() == Origin.CONSTANT);
            if (!constantsMayMerge) {
                return new IdentityVerdict(site, IdentityVerdict.Answer.DIFFERENT, "distinct objects");
            }
        }
        return new IdentityVerdict(site, IdentityVerdict.Answer.DEPENDS,
                "depends on values or on CPython's caching (an implementation detail)");
    }
}
