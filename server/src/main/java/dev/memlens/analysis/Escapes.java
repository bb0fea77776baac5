package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Escape: what code the analysis cannot see may do to the objects it gets, to the globals and to what they reach. */
final class Escapes {
    private final AnalysisRun ctx;

    Escapes(AnalysisRun ctx) {
        this.ctx = ctx;
    }

    /** Unknown code gets these objects: everything reachable may be mutated or stored anywhere. */
    void escape(Value v, Frame f) {
        if (f.st == null || v.pts().isEmpty()) {
            return;
        }
        if (ctx.recorder != null) {
            ctx.recorder.escaped(v.pts());
        }
        if (alreadyEscaped(v.pts(), f.st)) {
            return;
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        ctx.forEachObj(v, work::push);
        escapeFrom(work, f);
    }

    /** Every object of {@code p} escaped before with unknown contents (or immutable): nothing more to do. */
    private boolean alreadyEscaped(Pts p, State st) {
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            if (o == Pts.UNBOUND_ID || o == ctx.moduleObj) {
                continue;
            }
            ObjState s = st.read(o);
            if (s != null && !(s.escaped && (s.contentsUnknown || !ctx.objs.get(o).kind().mutable()))) {
                return false;
            }
        }
        return true;
    }

    private void escapeFrom(ArrayDeque<Integer> work, Frame f) {
        Set<Integer> seen = new HashSet<>();
        while (!work.isEmpty()) {
            int o = work.pop();
            if (!seen.add(o) || seen.size() > 2000) {
                continue;
            }
            if (ctx.recorder != null) {
                ctx.recorder.escaped(o);
            }
            AbstractObject ao = ctx.objs.get(o);
            ObjState s = f.st.read(o);
            if (s == null || o == ctx.moduleObj) {
                continue;
            }
            if (s.escaped && (s.contentsUnknown || !ao.kind().mutable())) {
                continue; // escaped before: what it held escaped with it, what it got since escaped on storing
            }
            if (!(s.escaped && s.contentsUnknown)) {
                ObjState w = f.st.write(o);
                w.escaped = true;
                if (ao.kind().mutable() && ao.kind() != ObjKind.FRAME) {
                    w.contentsUnknown = true;
                    w.collapseItems();
                    w.fields.replaceAll((k, x) -> x.withSym(0));
                }
                if (ao.kind() == ObjKind.FUNCTION) {
                    f.st.write(ctx.moduleObj).fields.put(FieldKey.attr("<escaped code>"), ctx.none());
                }
                s = w;
            }
            for (Value x : s.fields.values()) {
                ctx.forEachObj(x, work::push);
            }
        }
    }

    /** Effects of calling code the analysis cannot see with these arguments. */
    Value unknownCall(List<Value> args, Node site, Frame f) {
        return unknownCall(args, site, f, true);
    }

    /**
     * {@link #unknownCall(List, Node, Frame)}; {@code anyCode} false when the callee is taken to run no code that could
     * change what came from outside beyond what the caller records itself (a builtin container method).
     */
    Value unknownCall(List<Value> args, Node site, Frame f, boolean anyCode) {
        if (ctx.recorder != null) {
            ctx.recorder.opaque();
        }
        if (anyCode && f.st != null && ctx.outside.reachedByAny(args, f.st)) {
            ctx.outside.forget(f.st); // it may change what the function got from outside
        }
        for (Value a : args) {
            escape(a, f);
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        ObjState m = f.st.read(ctx.moduleObj);
        if (m != null && m.fields.containsKey(FieldKey.attr("<escaped code>"))) {
            havocGlobals(site, f);
        }
        return ctx.fresh(ctx.unknownAt(f.st, site, f.context, 0));
    }

    /** A file function we do not enter may rebind the globals it declares and mutate what globals reach. */
    void havocGlobals(Node site, Frame f) {
        if (ctx.recorder != null) {
            ctx.recorder.opaque();
        }
        if (f.standalone || f.st.read(ctx.moduleObj) == null) {
            return;
        }
        int u = ctx.unknownAt(f.st, site, f.context, 6);
        if (!ctx.globalsWrittenByFunctions.isEmpty()) {
            ObjState m = f.st.read(ctx.moduleObj);
            boolean changes = false;
            for (String g : ctx.globalsWrittenByFunctions) {
                Value old = m.fields.get(FieldKey.name(g));
                changes |= old == null || old.sym() != 0 || !old.pts().contains(u);
            }
            if (changes) {
                ObjState w = f.st.write(ctx.moduleObj);
                for (String g : ctx.globalsWrittenByFunctions) {
                    Value old = w.fields.get(FieldKey.name(g));
                    w.fields.put(FieldKey.name(g), old == null ? new Value(Pts.of(u).union(Pts.UNBOUND), 0)
                            : new Value(old.pts().union(Pts.of(u)), 0));
                }
            }
        }
        ArrayDeque<Integer> work = null;
        for (Map.Entry<FieldKey, Value> e : f.st.read(ctx.moduleObj).fields.entrySet()) {
            if (e.getKey().kind() == FieldKey.Kind.NAME && !alreadyEscaped(e.getValue().pts(), f.st)) {
                if (work == null) {
                    work = new ArrayDeque<>();
                }
                ctx.forEachObj(e.getValue(), work::push);
            }
        }
        if (work != null) {
            escapeFrom(work, f);
        }
    }
}
