package dev.memlens.analysis;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classes decorated with {@code @dataclass}: the generated {@code __init__} stores each argument in its field (the
 * same object, no copy), a missing argument takes the field's default (a class attribute's object, shared) or a new
 * object from its {@code default_factory}; {@code copy.copy} and {@code dataclasses.replace} are shallow copies.
 * Only classes without bases are modelled: inherited fields and a base's {@code __init__} are left unknown.
 */
final class Dataclasses {
    /** The class attribute {@code @dataclass} sets, which marks a class as one. */
    static final String MARK = "__dataclass_fields__";

    private final AnalysisRun ctx;
    private final ObjectTable objs;

    Dataclasses(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    /** A field of the generated __init__: its name, default expression (null: required), whether it is a parameter. */
    private record Field(String name, Expr value, boolean init) {
    }

    /** The class definition of a modelled dataclass, or null. */
    Stmt.ClassDef classDef(Pts cls, State st) {
        int c = cls.single();
        if (c < 0 || objs.get(c).kind() != ObjKind.CLASS || !(objs.get(c).site() instanceof Stmt.ClassDef def)
                || !def.bases().isEmpty() || !def.keywords().isEmpty()) {
            return null;
        }
        ObjState s = st.read(c);
        if (s != null && s.fields.containsKey(FieldKey.attr(MARK))) {
            return def;
        }
        // a function analysed on its own sees the class but not what its decorator stored: read the decorator
        for (Expr d : def.decorators()) {
            Expr fn = d instanceof Expr.Call call ? call.func() : d;
            if (fn instanceof Expr.Name n && n.id().equals("dataclass") || fn instanceof Expr.Attribute a
                    && a.attr().name().equals("dataclass") && a.value() instanceof Expr.Name m
                    && m.id().equals("dataclasses")) {
                return s != null && s.contentsUnknown ? null : def;
            }
        }
        return null;
    }

    /** Runs the generated __init__ of {@code def} on {@code self}; false when the call does not fit the fields. */
    boolean init(Stmt.ClassDef def, int cls, Value self, List<Value> args, Map<String, Value> kwargs, Node site,
                 Frame f) {
        List<Field> fields = fields(def);
        List<Field> params = fields.stream().filter(Field::init).toList();
        if (args.size() > params.size()) {
            return false;
        }
        for (String k : kwargs.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(k))) {
                return false; // **kwargs spread or a wrong name: TypeError or unknown
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            Field fd = fields.get(i);
            int pi = params.indexOf(fd);
            Value v = pi >= 0 && pi < args.size() ? args.get(pi) : kwargs.get(fd.name());
            if (v == null) {
                v = defaultOf(fd, cls, i, site, f);
            }
            if (v == null && !fd.init()) {
                continue; // no value until the class sets one
            }
            if (v == null) {
                f.st = null; // a required argument missing: TypeError
                return true;
            }
            Value stored = v;
            ctx.forEachObj(self, o -> ctx.setSlot(f.st, o, FieldKey.attr(fd.name()), stored, true));
        }
        return true;
    }

    /** A shallow copy of one dataclass instance ({@code copy.copy}, {@code dataclasses.replace}), or null. */
    Value copy(Value obj, Node site, Frame f) {
        if (!copyable(obj, f.st)) {
            return null;
        }
        int o = obj.pts().single();
        int copy = ctx.allocate(f.st, site, f.context, 40, ObjKind.INSTANCE, "instance copy");
        ObjState w = f.st.write(copy);
        for (Map.Entry<FieldKey, Value> e : f.st.read(o).fields.entrySet()) {
            if (e.getKey().kind() == FieldKey.Kind.ATTR) {
                w.fields.put(e.getKey(), new Value(e.getValue().pts(), 0));
            }
        }
        int shared = 0;
        for (Value v : w.fields.values()) {
            int one = v.pts().single();
            if (one >= 0 && objs.get(one).kind().mutable() && !objs.get(one).kind().isCode()) {
                shared++;
            }
        }
        ctx.copies.put(site, new CopyFact(site, CopyFact.Depth.SHALLOW, shared));
        return ctx.fresh(copy);
    }

    /** One instance of a modelled dataclass that does not define how it copies: its copy runs no code of ours. */
    boolean copyable(Value obj, State st) {
        int o = obj.pts().single();
        if (o < 0 || objs.get(o).kind() != ObjKind.INSTANCE) {
            return false;
        }
        ObjState s = st.read(o);
        if (s == null || s.contentsUnknown) {
            return false;
        }
        Value cls = s.fields.get(FieldKey.attr("__class__"));
        Stmt.ClassDef def = cls == null ? null : classDef(cls.pts(), st);
        if (def == null) {
            return false;
        }
        for (Stmt x : def.body()) {
            if (x instanceof Stmt.FunctionDef fn && (fn.name().name().equals("__copy__")
                    || fn.name().name().startsWith("__reduce") || fn.name().name().equals("__getstate__"))) {
                return false; // the class decides how it copies
            }
        }
        return true;
    }

    private Value defaultOf(Field fd, int cls, int index, Node site, Frame f) {
        if (fd.value() == null) {
            return null;
        }
        if (fd.value() instanceof Expr.Call call && isField(call.func())) {
            for (Keyword k : call.keywords()) {
                if (k.arg() != null && k.arg().name().equals("default_factory")) {
                    return madeBy(k.value(), index, site, f);
                }
                if (k.arg() != null && k.arg().name().equals("default")) {
                    // evaluated once, in the class body: the class keeps no object we can name
                    return ctx.fresh(ctx.unknownAt(f.st, site, f.context, 40 + index));
                }
            }
            return null;
        }
        Value shared = ctx.readSlot(f.st, cls, FieldKey.attr(fd.name()));
        return shared.pts().definitelyBound() ? shared : null;
    }

    /** A new object from a default factory: an empty list, dict or set for those builtins, else unknown. */
    private Value madeBy(Expr factory, int index, Node site, Frame f) {
        String name = factory instanceof Expr.Name n ? n.id() : "";
        ObjKind k = switch (name) {
            case "list" -> ObjKind.LIST;
            case "dict" -> ObjKind.DICT;
            case "set" -> ObjKind.SET;
            default -> null;
        };
        if (k == null) {
            return ctx.fresh(ctx.unknownAt(f.st, site, f.context, 40 + index));
        }
        int o = ctx.allocate(f.st, site, f.context, 40 + index, k, k.pythonName());
        if (k == ObjKind.LIST) {
            f.st.write(o).length = 0;
        }
        return ctx.fresh(o);
    }

    private static boolean isField(Expr func) {
        return func instanceof Expr.Name n && n.id().equals("field")
                || func instanceof Expr.Attribute a && a.attr().name().equals("field");
    }

    private static List<Field> fields(Stmt.ClassDef def) {
        List<Field> out = new ArrayList<>();
        for (Stmt st : def.body()) {
            if (st instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n && a.simple()) {
                String ann = a.annotation() instanceof Expr.Name an ? an.id()
                        : a.annotation() instanceof Expr.Subscript sub && sub.value() instanceof Expr.Name sn ? sn.id()
                        : a.annotation() instanceof Expr.Attribute at ? at.attr().name() : "";
                if (ann.equals("ClassVar") || ann.equals("InitVar") || ann.equals("KW_ONLY")) {
                    continue;
                }
                boolean init = true;
                if (a.value() instanceof Expr.Call call && isField(call.func())) {
                    for (Keyword k : call.keywords()) {
                        if (k.arg() != null && k.arg().name().equals("init") && k.value() instanceof Expr.Constant c
                                && "False".equals(c.raw())) {
                            init = false;
                        }
                    }
                }
                out.add(new Field(n.id(), a.value(), init));
            }
        }
        return out;
    }
}
