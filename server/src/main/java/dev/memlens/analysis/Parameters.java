package dev.memlens.analysis;

import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A def's parameters: all of them in order, their names, and the arguments of a call matched to them. */
final class Parameters {
    private Parameters() {
    }

    /** Positional-only, positional, {@code *args}, keyword-only, {@code **kwargs}, in that order. */
    static List<Arg> all(Arguments a) {
        List<Arg> l = new ArrayList<>(a.posonlyargs());
        l.addAll(a.args());
        if (a.vararg() != null) {
            l.add(a.vararg());
        }
        l.addAll(a.kwonlyargs());
        if (a.kwarg() != null) {
            l.add(a.kwarg());
        }
        return l;
    }

    static List<String> names(Arguments a) {
        List<String> out = new ArrayList<>();
        for (Arg p : all(a)) {
            out.add(p.name());
        }
        return List.copyOf(out);
    }

    /**
     * The value of each parameter of {@link #all} for a call, defaults (held by the function object {@code fn})
     * filled in; null for a def with {@code *args} / {@code **kwargs} or a call that does not match it.
     */
    static List<Value> bind(Arguments params, List<Value> args, Map<String, Value> kwargs, ObjState fn) {
        if (params.vararg() != null || params.kwarg() != null) {
            return null;
        }
        List<Arg> positional = new ArrayList<>(params.posonlyargs());
        positional.addAll(params.args());
        if (args.size() > positional.size()) {
            return null;
        }
        Map<String, Value> kw = new LinkedHashMap<>(kwargs);
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < positional.size(); i++) {
            Arg a = positional.get(i);
            Value v = i < args.size() ? args.get(i) : i >= params.posonlyargs().size() ? kw.remove(a.name()) : null;
            if (v == null) {
                v = fn == null ? null : fn.fields.get(FieldKey.attr("__default__" + a.name()));
            }
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        for (Arg a : params.kwonlyargs()) {
            Value v = kw.remove(a.name());
            if (v == null) {
                v = fn == null ? null : fn.fields.get(FieldKey.attr("__default__" + a.name()));
            }
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return kw.isEmpty() ? out : null;
    }
}
