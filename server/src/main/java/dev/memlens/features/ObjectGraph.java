package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The abstract heap before the statement at an offset, in the shape of {@code vscode-extension/OBJECT_GRAPH.md},
 * drawn the way Python Tutor draws a program's memory: frames (the function at the cursor and the globals it uses)
 * with their names, numbers and strings inline, and the objects the names reach with their values, dict entries and
 * attributes inline. Objects from code the analysis cannot see (imports, unknown calls) are marked {@code outside}:
 * the client collapses them into one group.
 */
public record ObjectGraph(List<Frame> frames, List<GraphObject> objects, List<Edge> edges) {

    /** The client draws every object it gets: keep the picture small. */
    public static final int MAX_OBJECTS = 50;
    /** Rows shown of one dict or instance; the rest is summarised. */
    public static final int MAX_ENTRIES = 8;
    /** Access paths kept per object: enough to show that two names reach it. */
    public static final int MAX_PATHS = 3;
    /** Longer labels are cut here; the client cuts again to the width it draws. */
    private static final int MAX_LABEL = 40;

    public ObjectGraph {
        frames = List.copyOf(frames);
        objects = List.copyOf(objects);
        edges = List.copyOf(edges);
    }

    public record Frame(String name, List<GraphName> names) {
        public Frame {
            names = List.copyOf(names);
        }
    }

    /**
     * @param value the number or string the name holds, shown inline in the frame (then {@code objects} is empty),
     *              or null when it refers to objects
     */
    public record GraphName(String name, List<String> objects, boolean may, /* nullable */ String value) {
        public GraphName {
            objects = List.copyOf(objects);
        }

        public GraphName(String name, List<String> objects, boolean may) {
            this(name, objects, may, null);
        }
    }

    /**
     * @param entries rows of a dict (keys) or an instance (attributes): a number or string inline, else drawn as an
     *                edge whose label is the row's {@code slot}
     * @param paths   how the names reach it ({@code original[1]}, {@code shop.items}), shortest first
     * @param outside made by code the analysis does not see (an import, an unknown call): drawn in one group
     */
    public record GraphObject(String id, String type, boolean mutable, String label, int line, boolean shared,
                              List<Entry> entries, List<String> paths, boolean outside) {
        public GraphObject {
            entries = List.copyOf(entries);
            paths = List.copyOf(paths);
        }

        public GraphObject(String id, String type, boolean mutable, String label, int line, boolean shared) {
            this(id, type, mutable, label, line, shared, List.of(), List.of(), false);
        }
    }

    /**
     * One row of a dict or an instance.
     *
     * @param slot  the slot as edges name it ({@code ['key']}, {@code .attr}, {@code [*]})
     * @param key   what the row shows on the left ({@code 'key'}, {@code attr})
     * @param value the number or string held, or null when the slot holds objects (edges with this slot as label)
     * @param may   the slot holds it only on some paths
     */
    public record Entry(String slot, String key, /* nullable */ String value, boolean may) {
    }

    public record Edge(String from, String to, String label, boolean may) {
    }

    /** The graph before the first statement that starts at or after {@code offset}; null without facts. */
    public static ObjectGraph at(DocumentAnalysis analysis, int offset) {
        if (analysis.facts() == null) {
            return null;
        }
        FactIndex index = analysis.index();
        Stmt next = null;
        for (Stmt s : index.statements()) {
            if (s.span().end() > offset) {
                next = s;
                break;
            }
        }
        StatementFacts inner;
        if (next == null) {
            inner = null;
            List<Stmt> all = index.statements();
            for (int i = all.size() - 1; i >= 0 && inner == null; i--) {
                StatementFacts sf = index.after(all.get(i));
                if (sf != null && sf.scope().equals("<module>")) {
                    inner = sf;
                }
            }
        } else {
            inner = index.before(next);
            StatementFacts own = analysis.facts().after(next);
            if (inner != null && own != null && !inner.scope().equals(own.scope())) {
                inner = null;
            }
        }
        List<StatementFacts> frames = new ArrayList<>();
        Set<String> globalsUsed = null;
        if (inner != null && !inner.scope().equals("<module>")) {
            StatementFacts module = null;
            for (Stmt s : index.statements()) {
                if (s.span().start() >= (next == null ? Integer.MAX_VALUE : next.span().start())) {
                    break;
                }
                StatementFacts sf = index.after(s);
                if (sf != null && sf.scope().equals("<module>")) {
                    module = sf;
                }
            }
            if (module != null) {
                frames.add(module);
                globalsUsed = globalsUsed(analysis, inner.scope(), next == null ? offset : next.span().start());
            }
        }
        if (inner != null) {
            frames.add(inner);
        }
        return new Builder(analysis, frames, globalsUsed).build();
    }

    /**
     * The module names the function (qualname {@code scope}, around {@code offset}) reads or writes as globals: the
     * module frame shows only those, as Python Tutor shows the frames a function works with.
     */
    static Set<String> globalsUsed(DocumentAnalysis analysis, String scope, int offset) {
        ScopeTree scopes = analysis.scopes();
        if (scopes == null) {
            return null;
        }
        Scope fn = null;
        for (Scope s : scopes.scopes()) {
            if (s.qualname().equals(scope) && s.span().contains(offset)
                    && (fn == null || s.span().length() < fn.span().length())) {
                fn = s;
            }
        }
        if (fn == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        Node owner = fn.owner();
        AstWalker.preorder(owner, n -> {
            if (n instanceof Expr.Name name) {
                Resolution r = scopes.resolve(name);
                if (r != null && r.kind() == ResolutionKind.GLOBAL) {
                    out.add(name.id());
                }
            }
        });
        return out;
    }

    /** One graph: the objects reached breadth first from the frames' names, with their values and paths. */
    private static final class Builder {
        private final DocumentAnalysis analysis;
        private final List<StatementFacts> frames;
        private final Set<String> globalsUsed;
        /** The innermost frame's state holds the whole heap at that point (one heap for the program). */
        private final StatementFacts heap;
        private final Map<Integer, List<StatementFacts.Slot>> contents = new HashMap<>();
        private final Map<Integer, Integer> holders = new HashMap<>();
        private final Map<Integer, List<String>> paths = new HashMap<>();
        private final List<Integer> order = new ArrayList<>();
        private final ArrayDeque<Integer> work = new ArrayDeque<>();
        private final List<Edge> edges = new ArrayList<>();

        Builder(DocumentAnalysis analysis, List<StatementFacts> frames, Set<String> globalsUsed) {
            this.analysis = analysis;
            this.frames = frames;
            this.globalsUsed = globalsUsed;
            this.heap = frames.isEmpty() ? null : frames.get(frames.size() - 1);
        }

        private AbstractObject object(int id) {
            return analysis.facts().object(id);
        }

        /** Names of a frame worth a row: the module frame of a function shows only the globals it uses. */
        private boolean shown(StatementFacts sf, String name) {
            return globalsUsed == null || !sf.scope().equals("<module>") || sf == heap || globalsUsed.contains(name);
        }

        /** An object drawn as a box: not code (functions, classes) and not a number or string (shown inline). */
        private boolean boxed(int id) {
            if (id == Pts.UNBOUND_ID) {
                return false;
            }
            ObjKind kind = object(id).kind();
            return kind == ObjKind.MODULE || !kind.isCode() && !FactIndex.scalar(kind);
        }

        private void reach(int id, String path) {
            holders.merge(id, 1, Integer::sum);
            List<String> known = paths.computeIfAbsent(id, k -> new ArrayList<>());
            if (known.size() < MAX_PATHS && !known.contains(path)) {
                known.add(path);
            }
            if (!contents.containsKey(id) && order.size() < MAX_OBJECTS) {
                contents.put(id, List.of());
                order.add(id);
                work.add(id);
            }
        }

        ObjectGraph build() {
            for (StatementFacts sf : frames) {
                for (Map.Entry<String, Pts> e : sf.pointsTo().entrySet()) {
                    if (!shown(sf, e.getKey())) {
                        continue;
                    }
                    Pts pts = e.getValue();
                    for (int i = 0; i < pts.size(); i++) {
                        if (boxed(pts.get(i))) {
                            reach(pts.get(i), e.getKey());
                        }
                    }
                }
            }
            while (!work.isEmpty() && heap != null) {
                int from = work.poll();
                List<StatementFacts.Slot> slots = heap.contents(from);
                contents.put(from, slots);
                if (outside(object(from))) {
                    continue; // what an unknown object holds is not known: it stays one box in the group
                }
                List<String> bases = List.copyOf(paths.getOrDefault(from, List.of()));
                for (StatementFacts.Slot slot : slots) {
                    if (slot.label().equals(".__class__")) {
                        continue; // the type is the box's title
                    }
                    for (int i = 0; i < slot.objects().size(); i++) {
                        int to = slot.objects().get(i);
                        // numbers and strings show in the container's label or rows, as Python Tutor draws them
                        // inline: arrows are for objects whose sharing matters
                        if (!boxed(to)) {
                            continue;
                        }
                        if (!contents.containsKey(to) && order.size() >= MAX_OBJECTS) {
                            continue;
                        }
                        if (bases.isEmpty()) {
                            reach(to, slot.label());
                        }
                        for (String base : bases) {
                            reach(to, base + slot.label());
                        }
                        holders.merge(to, 1 - Math.max(1, bases.size()), Integer::sum); // one reference, many paths
                        edges.add(new Edge("o" + from, "o" + to, slot.label(), slot.may()));
                    }
                }
            }
            Map<Integer, GraphObject> objects = new LinkedHashMap<>();
            for (int id : order) {
                objects.put(id, graphObject(id));
            }
            List<Frame> out = new ArrayList<>();
            for (StatementFacts sf : frames) {
                List<GraphName> names = new ArrayList<>();
                for (Map.Entry<String, Pts> e : sf.pointsTo().entrySet()) {
                    if (!shown(sf, e.getKey())) {
                        continue;
                    }
                    GraphName n = name(e.getKey(), e.getValue(), objects);
                    if (n != null) {
                        names.add(n);
                    }
                }
                out.add(new Frame(sf.scope().equals("<module>") ? "module" : sf.scope(), names));
            }
            return new ObjectGraph(out, List.copyOf(objects.values()), edges);
        }

        private GraphName name(String name, Pts pts, Map<Integer, GraphObject> objects) {
            List<String> ids = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < pts.size(); i++) {
                int id = pts.get(i);
                GraphObject g = objects.get(id);
                if (g != null) {
                    ids.add(g.id());
                } else if (id != Pts.UNBOUND_ID && FactIndex.scalar(object(id).kind())) {
                    values.add(scalar(object(id)));
                }
            }
            boolean may = pts.maybeUnbound() || ids.size() + values.size() > 1;
            if (ids.isEmpty() && !values.isEmpty()) {
                return new GraphName(name, List.of(), may, String.join(" | ", new LinkedHashSet<>(values)));
            }
            if (ids.isEmpty() && !pts.isEmpty() && !pts.maybeUnbound()) {
                return null; // a function, a class, or an object past the limit
            }
            return new GraphName(name, ids, may, null);
        }

        private GraphObject graphObject(int id) {
            AbstractObject o = object(id);
            List<Entry> entries = List.of();
            String type = o.typeName();
            if (o.kind() == ObjKind.INSTANCE) {
                type = className(id);
            }
            if ((o.kind() == ObjKind.DICT || o.kind() == ObjKind.INSTANCE) && !o.summary()) {
                entries = entries(id);
            }
            String label = label(id, 2);
            if (label.length() > MAX_LABEL) {
                label = label.substring(0, MAX_LABEL - 1) + "…";
            }
            int line = o.origin() == Origin.ALLOCATED && o.site() != null
                    ? analysis.lines().line(o.site().span().start()) : -1;
            return new GraphObject("o" + id, type, o.kind().mutable(), label, line, holders.getOrDefault(id, 0) > 1,
                    entries, paths.getOrDefault(id, List.of()), outside(o));
        }

        /** Imports and objects whose making the analysis did not see. */
        private static boolean outside(AbstractObject o) {
            return o.kind() == ObjKind.MODULE || o.kind() == ObjKind.UNKNOWN || o.origin() == Origin.UNKNOWN;
        }

        /** The name of an instance's class, from its {@code __class__} slot; {@code object} when unknown. */
        private String className(int id) {
            for (StatementFacts.Slot slot : contents.getOrDefault(id, List.of())) {
                if (slot.label().equals(".__class__") && slot.objects().size() == 1) {
                    AbstractObject cls = object(slot.objects().get(0));
                    if (cls.site() instanceof Stmt.ClassDef c) {
                        return c.name().name();
                    }
                }
            }
            return "object";
        }

        /** The rows of a dict or an instance: keys or attribute names, with numbers and strings inline. */
        private List<Entry> entries(int id) {
            List<Entry> out = new ArrayList<>();
            for (StatementFacts.Slot slot : contents.getOrDefault(id, List.of())) {
                String s = slot.label();
                if (s.equals(".__class__") || s.equals(".__dict__")) {
                    continue;
                }
                if (out.size() == MAX_ENTRIES) {
                    out.add(new Entry("", "…", null, false));
                    break;
                }
                String key = s.startsWith(".") ? s.substring(1)
                        : s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
                boolean allScalar = true;
                Set<String> values = new LinkedHashSet<>();
                for (int i = 0; i < slot.objects().size(); i++) {
                    AbstractObject v = object(slot.objects().get(i));
                    if (FactIndex.scalar(v.kind())) {
                        values.add(scalar(v));
                    } else if (v.kind().isCode()) {
                        values.add(v.label() == null ? v.typeName() : v.label());
                    } else {
                        allScalar = false;
                    }
                }
                out.add(new Entry(s, key, allScalar ? String.join(" | ", values) : null, slot.may()));
            }
            return out;
        }

        /** A number or string as Python prints it when known, else its type ({@code int}). */
        private static String scalar(AbstractObject o) {
            if (o.constant() == null || o.label() == null) {
                return o.typeName();
            }
            if (o.kind() == ObjKind.STR && !o.label().startsWith("'") && !o.label().startsWith("\"")) {
                return "'" + o.label() + "'";
            }
            return o.label();
        }

        /**
         * What the object holds, as Python would print it when every item is known ({@code [1, [2, 3], 4]},
         * {@code {'a': 1}}), nested {@code depth} levels; otherwise the analysis's own label.
         */
        private String label(int id, int depth) {
            AbstractObject o = object(id);
            String own = o.label() == null ? "" : o.label();
            if (o.summary()) {
                return "<" + o.typeName() + " ×n>";
            }
            if (FactIndex.scalar(o.kind())) {
                return scalar(o);
            }
            if (o.kind() == ObjKind.INSTANCE) {
                return className(id) + " instance";
            }
            if (o.kind() == ObjKind.DICT) {
                return dictLabel(id, depth, "{…}");
            }
            if (o.constant() != null || (o.kind() != ObjKind.LIST && o.kind() != ObjKind.TUPLE)) {
                return o.kind() == ObjKind.SET ? "{…}" : own;
            }
            // "list display", "list copy": how the analysis made it; the picture shows what it holds
            own = o.kind() == ObjKind.TUPLE ? "(…)" : "[…]";
            List<StatementFacts.Slot> slots = contents.get(id);
            int length = heap == null ? -1 : heap.knownLength(id);
            if (slots == null || length < 0) {
                return own;
            }
            if (depth < 0) {
                return o.kind() == ObjKind.TUPLE ? "(…)" : "[…]";
            }
            Map<String, StatementFacts.Slot> byLabel = new HashMap<>();
            slots.forEach(slot -> byLabel.put(slot.label(), slot));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                StatementFacts.Slot slot = byLabel.get("[" + i + "]");
                if (slot == null || slot.may() || slot.objects().size() != 1) {
                    return own; // not one known object at each position: no exact picture
                }
                items.add(item(slot.objects().get(0), depth - 1));
            }
            if (o.kind() == ObjKind.TUPLE) {
                return items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
            }
            return "[" + String.join(", ", items) + "]";
        }

        /** An item inside a container's label: its value, or the type of an instance ({@code [Item, Item]}). */
        private String item(int id, int depth) {
            AbstractObject o = object(id);
            if (o.kind() == ObjKind.INSTANCE) {
                return className(id);
            }
            return o.kind() == ObjKind.UNKNOWN ? "?" : label(id, depth);
        }

        /** {@code {'bolt': 0.1}} when every key is known and each holds one object; else the analysis's label. */
        private String dictLabel(int id, int depth, String own) {
            List<StatementFacts.Slot> slots = contents.get(id);
            if (slots == null || depth < 0) {
                return depth < 0 ? "{…}" : own;
            }
            List<String> items = new ArrayList<>();
            for (StatementFacts.Slot slot : slots) {
                String s = slot.label();
                if (!s.startsWith("[") || s.equals("[*]") || slot.may() || slot.objects().size() != 1) {
                    return own;
                }
                items.add(s.substring(1, s.length() - 1) + ": " + item(slot.objects().get(0), depth - 1));
            }
            return "{" + String.join(", ", items) + "}";
        }
    }
}
