package dev.memlens.analysis;

import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects that come from outside a function's run (semantics.md, "The open world"): its parameters, and the
 * attributes and items of those, each a symbolic object named by its access path ({@code rows[0]},
 * {@code self.items}) and made when first read. Unknown in type and content, but not in identity: reading the same
 * path again gives the same object until something may have replaced it.
 *
 * <p>A slot of such an object is exact while its value has a symbol (it was stored or read since anything could
 * change it): stores keep the stored value's symbol, and whatever may change the slot drops it ({@link #forget}).
 * Two objects from outside may be one (a caller can pass one list twice), so a store into one, or unknown code that
 * gets one, makes the slots of all of them inexact.
 */
final class OutsideObjects {
    /** The flavor of the symbolic objects made for access paths (one pair per reading site and context). */
    private static final int PATH_FLAVOR = 40;

    private final AnalysisRun ctx;
    /** The objects from outside made in the current standalone run (parameters first). */
    private final Set<Integer> made = new LinkedHashSet<>();
    /** The {@code self} parameter of the method in the current run, and the kinds its class gives its attributes. */
    private int self = -1;
    private Map<String, ObjKind> selfFields = Map.of();
    private final Map<Stmt.ClassDef, Map<String, ObjKind>> classFields = new java.util.IdentityHashMap<>();

    OutsideObjects(AnalysisRun ctx) {
        this.ctx = ctx;
    }

    /** A new standalone run: its parameters are the only objects from outside so far. */
    void startRun() {
        made.clear();
        self = -1;
        selfFields = Map.of();
    }

    /** The run is of a method of class {@code c}, whose {@code self} is object {@code o}. */
    void method(int o, Stmt.ClassDef c) {
        self = o;
        selfFields = classFields.computeIfAbsent(c, InstanceFieldKinds::of);
    }

    /** A parameter's object of a standalone run: the caller's object, of this kind when its annotation says so. */
    int parameter(Node arg, ObjKind kind, String name) {
        int o = ctx.objs.symbolic(arg, null, 0, kind, "parameter " + name);
        made.add(o);
        return o;
    }

    /** One concrete object the function got from outside (a parameter or an access path of one). */
    boolean isOutside(int o) {
        if (o < 0) {
            return false;
        }
        AbstractObject ao = ctx.objs.get(o);
        return ao.origin() == Origin.UNKNOWN && ao.singular() && ao.site() != null && ao.constant() == null;
    }

    /**
     * The value of slot {@code key} read from {@code base} at {@code site} when base is one object from outside
     * whose contents are unknown: the slot's value when exact, else a new symbolic object for the path (which may
     * still be any object the slot was known to hold), stored in the slot so that the next read gets the same one.
     * Null when base is not such an object.
     */
    Value read(Value base, FieldKey key, Node site, Frame f) {
        int o = base.pts().single();
        if (!base.pts().definitelyBound() || !isOutside(o) || f.st == null) {
            return null;
        }
        ObjState s = f.st.read(o);
        if (s == null || !s.contentsUnknown) {
            return null;
        }
        Value old = s.fields.get(key);
        if (old != null && old.sym() != 0 && old.pts().definitelyBound()) {
            return old;
        }
        ObjKind kind = o == self && key.kind() == FieldKey.Kind.ATTR
                ? selfFields.getOrDefault((String) key.key(), ObjKind.UNKNOWN) : ObjKind.UNKNOWN;
        int p = ctx.objs.symbolic(site, f.context, PATH_FLAVOR, kind, "path " + pathOf(o, key));
        if (f.st.has(p)) {
            f.st.rename(p, ctx.objs.summaryOf(p)); // an object read here before: one of the earlier ones now
        }
        ObjState w = f.st.write(p);
        w.escaped = true;
        w.contentsUnknown = true;
        made.add(p);
        Pts was = old == null ? Pts.EMPTY : old.pts().withoutUnbound();
        Value v = new Value(Pts.of(p).union(was), ctx.objs.freshSym());
        f.st.write(o).fields.put(key, v);
        return v;
    }

    /**
     * Names, at the function's entry, the access paths its body reads from its parameters ({@code rows[0]},
     * {@code self.items}, up to three steps): made here rather than at the first read, so that a path first read in
     * a loop or a branch is the same object on every path to a later read (a slot made on one path only would be
     * "maybe absent" where the paths meet).
     */
    void entryPaths(Node def, Map<String, Integer> params, Frame f) {
        if (params.isEmpty()) {
            return;
        }
        Set<Node> methods = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        AstWalker.preorder(def, n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute m) {
                methods.add(m); // a method call reads no slot of its receiver (a bound method is new each time)
            } else if ((n instanceof Expr.Attribute a && a.ctx() == Ctx.LOAD
                    || n instanceof Expr.Subscript s && s.ctx() == Ctx.LOAD) && !methods.contains(n)) {
                path((Expr) n, params, f, 0);
            }
        });
    }

    private Value path(Expr e, Map<String, Integer> params, Frame f, int depth) {
        if (f.st == null || depth > 3) {
            return null;
        }
        if (e instanceof Expr.Name n) {
            Integer o = params.get(n.id());
            return o == null ? null : new Value(Pts.of(o), 0);
        }
        if (e instanceof Expr.Attribute a) {
            Value base = path(a.value(), params, f, depth + 1);
            return base == null ? null : read(base, FieldKey.attr(a.attr().name()), a, f);
        }
        if (e instanceof Expr.Subscript s && s.slice() instanceof Expr.Constant c) {
            Object key = Constants.key(c);
            Value base = key == null ? null : path(s.value(), params, f, depth + 1);
            return base == null ? null : read(base, FieldKey.item(key), s, f);
        }
        return null;
    }

    /** The access path of slot {@code key} of object {@code o}: {@code rows[0]}, {@code self.items}. */
    String pathOf(int o, FieldKey key) {
        return ctx.objs.get(o).accessPath() + HeapView.step(key);
    }

    /**
     * Slot {@code key} of {@code o} was just stored: the same slot of every other object from outside may have
     * changed with it (they may be o), and for an item any other item of o too (a negative index, an equal key).
     */
    void stored(int o, FieldKey key, State st) {
        if (isOutside(o)) {
            inexact(st, (p, k) -> !(p == o && k.equals(key)) && (k.equals(key) || key.isItem() && k.isItem()));
        }
    }

    /** The items of an object from outside changed in a way not told slot by slot. */
    void itemsChanged(State st) {
        inexact(st, (p, k) -> k.isItem());
    }

    /** Code that may change any object from outside ran (it got one of them, or what reaches one). */
    void forget(State st) {
        inexact(st, (p, k) -> true);
    }

    /** The slots {@code which} picks of the objects from outside are no longer exact: their symbols go. */
    private void inexact(State st, java.util.function.BiPredicate<Integer, FieldKey> which) {
        for (int p : made) {
            ObjState s = st.read(p);
            if (s != null && s.fields.entrySet().stream()
                    .anyMatch(e -> e.getValue().sym() != 0 && which.test(p, e.getKey()))) {
                st.write(p).fields.replaceAll((k, v) -> which.test(p, k) ? v.withSym(0) : v);
            }
        }
    }

    /** Whether any of {@code values} may be, or reach, an object from outside (unknown code given them may change it). */
    boolean reachedByAny(List<Value> values, State st) {
        if (made.isEmpty()) {
            return false;
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        for (Value v : values) {
            ctx.forEachObj(v, work::push);
        }
        while (!work.isEmpty() && seen.size() < 500) {
            int o = work.pop();
            if (!seen.add(o) || o == ctx.moduleObj) {
                continue;
            }
            ObjKind k = ctx.objs.get(o).kind();
            if (made.contains(o) || k == ObjKind.FUNCTION || k == ObjKind.CLASS) {
                return true; // code of the file may reach anything its scopes see
            }
            ObjState s = st.read(o);
            if (s != null && k != ObjKind.MODULE && k != ObjKind.BUILTIN) {
                for (Value x : s.fields.values()) {
                    ctx.forEachObj(x, work::push);
                }
            }
        }
        return seen.size() >= 500;
    }
}
