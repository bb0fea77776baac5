package dev.memlens.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one run of a function body on behalf of its {@link FunctionSummary}: the interpreter tells it about
 * every change of an object, every object handed to unknown code and every call of unknown code, and at the end
 * what the body returned. Parameters are stand-in objects of the run; an object is the function's own when the
 * state the run started from did not have it.
 */
final class SummaryRecorder {
    private final ObjectTable objs;
    private final State start;
    private final Map<Integer, String> paramObjects;
    private final Set<String> mutated = new LinkedHashSet<>();
    private final Set<String> stored = new LinkedHashSet<>();
    private boolean opaque;
    /** The calls still being worked out whose assumed effect this run used (recursion): it holds only if they do. */
    final Set<EffectKey> assumed = new HashSet<>();

    SummaryRecorder(ObjectTable objs, State start, Map<Integer, String> paramObjects) {
        this.objs = objs;
        this.start = start;
        this.paramObjects = paramObjects;
    }

    void opaque() {
        opaque = true;
    }

    boolean isOpaque() {
        return opaque;
    }

    private boolean own(int o) {
        AbstractObject ao = objs.get(o);
        return ao.origin() == Origin.ALLOCATED && start.read(o) == null;
    }

    private static boolean immutableValue(AbstractObject ao) {
        return !ao.kind().mutable() && !ao.kind().container() || ao.origin() == Origin.SINGLETON
                || ao.kind() == ObjKind.BUILTIN || ao.kind() == ObjKind.MODULE && ao.origin() == Origin.BUILTIN;
    }

    /** An in-place change of these objects. */
    void mutated(Pts changed) {
        for (int i = 0; i < changed.size(); i++) {
            int o = changed.get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            String p = paramObjects.get(o);
            if (p != null) {
                mutated.add(p);
            } else if (!own(o) && objs.get(o).kind() != ObjKind.FRAME) {
                opaque = true; // a global's object, or one reached through a parameter: not followed
            }
        }
    }

    /** These objects may be kept, or used, by code the caller cannot see. */
    void escaped(Pts objects) {
        for (int i = 0; i < objects.size(); i++) {
            String p = paramObjects.get(objects.get(i));
            if (p != null) {
                stored.add(p);
            }
        }
    }

    void escaped(int object) {
        String p = paramObjects.get(object);
        if (p != null) {
            stored.add(p);
        }
    }

    /**
     * A summary and what a call returns besides its parameters: immutable values as they are ({@code values}) and
     * one new object per kind of new object the body returned ({@code freshKinds}, with the classes of new
     * instances in {@code freshClasses}, one per kind).
     */
    record Effect(FunctionSummary summary, Pts values, List<ObjKind> freshKinds, List<Pts> freshClasses) {}

    /**
     * The summary, given what the body returned ({@code returned}, in {@code end}, the join of the states at the
     * returns; null when it never returns).
     */
    Effect finish(String qualname, List<String> params, Value returned, State end) {
        if (opaque) {
            return new Effect(FunctionSummary.opaque(qualname, params), Pts.EMPTY, List.of(), List.of());
        }
        Pts values = Pts.EMPTY;
        List<ObjKind> freshKinds = new ArrayList<>();
        List<Pts> freshClasses = new ArrayList<>();
        Set<String> ret = new LinkedHashSet<>();
        boolean fresh = true;
        Set<String> storedHere = new LinkedHashSet<>(stored);
        if (end != null) {
            Pts p = returned.pts();
            ArrayDeque<Integer> work = new ArrayDeque<>();
            for (int i = 0; i < p.size(); i++) {
                int o = p.get(i);
                if (o == Pts.UNBOUND_ID) {
                    continue;
                }
                AbstractObject ao = objs.get(o);
                String param = paramObjects.get(o);
                if (param != null) {
                    ret.add(param);
                } else if (own(o)) {
                    work.push(o);
                    int k = freshKinds.indexOf(ao.kind());
                    ObjState s = end.read(o);
                    Value cls = s == null ? null : s.fields.get(FieldKey.attr("__class__"));
                    Pts c = cls == null || ao.kind() != ObjKind.INSTANCE ? Pts.EMPTY : cls.pts();
                    if (k < 0) {
                        freshKinds.add(ao.kind());
                        freshClasses.add(c);
                    } else {
                        freshClasses.set(k, freshClasses.get(k).union(c));
                    }
                } else if (immutableValue(ao)) {
                    values = values.union(Pts.of(o));
                } else {
                    fresh = false;
                }
            }
            for (Pts c : freshClasses) {
                // a new instance of a class the caller cannot name is not followed
                fresh &= c.allMatch(x -> !own(x) && objs.get(x).kind() == ObjKind.CLASS) && c.definitelyBound()
                        || c.isEmpty();
            }
            // what the caller can reach from a new result: the parameters in it are kept by the caller
            Set<Integer> seen = new HashSet<>();
            while (!work.isEmpty() && fresh) {
                int o = work.pop();
                if (!seen.add(o)) {
                    continue;
                }
                ObjState s = end.read(o);
                if (s == null) {
                    continue;
                }
                for (Value v : s.fields.values()) {
                    for (int i = 0; i < v.pts().size(); i++) {
                        int x = v.pts().get(i);
                        if (x == Pts.UNBOUND_ID) {
                            continue;
                        }
                        String param = paramObjects.get(x);
                        if (param != null) {
                            storedHere.add(param);
                        } else if (own(x)) {
                            work.push(x);
                        } else if (!immutableValue(objs.get(x))) {
                            fresh = false; // holds objects of the caller's we cannot name
                        }
                    }
                }
            }
        }
        if (!fresh) {
            // the result may be, or hold, anything reached from the parameters
            storedHere.addAll(params);
        }
        return new Effect(new FunctionSummary(qualname, params, List.copyOf(mutated), List.copyOf(storedHere),
                List.copyOf(ret), fresh, false), values, freshKinds, freshClasses);
    }
}
