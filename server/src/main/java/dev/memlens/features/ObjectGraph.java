package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The abstract heap before the statement at an offset, in the shape of {@code vscode-extension/OBJECT_GRAPH.md}:
 * frames (outermost first) with their names, the objects they refer to, and containment edges.
 */
public record ObjectGraph(List<Frame> frames, List<GraphObject> objects, List<Edge> edges) {

    /** The client draws every object it gets: keep the picture small. */
    public static final int MAX_OBJECTS = 50;

    public record Frame(String name, List<GraphName> names) {
    }

    public record GraphName(String name, List<String> objects, boolean may) {
    }

    public record GraphObject(String id, String type, boolean mutable, String label, int line, boolean shared) {
    }

    public record Edge(String from, String to, String label, boolean may) {
    }

    /** The graph before the first statement that starts at or after {@code offset}; null without facts. */
    public static ObjectGraph at(DocumentAnalysis analysis, int offset) {
        FactIndex index = analysis.index();
        if (analysis.facts() == null) {
            return null;
        }
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
            }
        }
        if (inner != null) {
            frames.add(inner);
        }
        // the innermost frame's state holds the whole heap at that point (one heap for the program)
        StatementFacts heap = frames.isEmpty() ? null : frames.get(frames.size() - 1);
        Map<Integer, List<StatementFacts.Slot>> contents = new HashMap<>();
        Map<Integer, Integer> holders = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        for (StatementFacts sf : frames) {
            for (Pts pts : sf.pointsTo().values()) {
                for (int i = 0; i < pts.size(); i++) {
                    int id = pts.get(i);
                    if (id == Pts.UNBOUND_ID || analysis.facts().object(id).kind().isCode()) {
                        continue;
                    }
                    holders.merge(id, 1, Integer::sum);
                    if (!contents.containsKey(id) && order.size() < MAX_OBJECTS) {
                        contents.put(id, List.of());
                        order.add(id);
                        work.add(id);
                    }
                }
            }
        }
        // objects reachable from the names through attributes and items, breadth first, up to the limit
        List<Edge> edges = new ArrayList<>();
        while (!work.isEmpty() && heap != null) {
            int from = work.poll();
            List<StatementFacts.Slot> slots = heap.contents(from);
            contents.put(from, slots);
            for (StatementFacts.Slot slot : slots) {
                for (int i = 0; i < slot.objects().size(); i++) {
                    int to = slot.objects().get(i);
                    ObjKind kind = analysis.facts().object(to).kind();
                    // numbers and strings inside containers show in the container's label ([1, [2, 3], 4]), as
                    // Python Tutor draws them inline: arrows are for objects whose sharing matters
                    if (kind.isCode() || FactIndex.scalar(kind)) {
                        continue;
                    }
                    if (!contents.containsKey(to)) {
                        if (order.size() >= MAX_OBJECTS) {
                            continue;
                        }
                        contents.put(to, List.of());
                        order.add(to);
                        work.add(to);
                    }
                    holders.merge(to, 1, Integer::sum);
                    edges.add(new Edge("o" + from, "o" + to, slot.label(), slot.may()));
                }
            }
        }
        Map<Integer, GraphObject> objects = new LinkedHashMap<>();
        for (int id : order) {
            AbstractObject o = analysis.facts().object(id);
            objects.put(id, object(analysis, o, label(analysis, heap, id, contents, 2),
                    holders.getOrDefault(id, 0) > 1));
        }
        List<Frame> out = new ArrayList<>();
        for (StatementFacts sf : frames) {
            List<GraphName> names = new ArrayList<>();
            for (Map.Entry<String, Pts> e : sf.pointsTo().entrySet()) {
                Pts pts = e.getValue();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < pts.size(); i++) {
                    GraphObject g = objects.get(pts.get(i));
                    if (g != null) {
                        ids.add(g.id());
                    }
                }
                if (ids.isEmpty() && !pts.isEmpty() && !pts.maybeUnbound()) {
                    continue;
                }
                names.add(new GraphName(e.getKey(), ids, pts.maybeUnbound() || ids.size() > 1));
            }
            out.add(new Frame(sf.scope().equals("<module>") ? "module" : sf.scope(), names));
        }
        return new ObjectGraph(out, List.copyOf(objects.values()), List.copyOf(edges));
    }

    /**
     * What the object holds, as Python would print it when every item is known ({@code [1, [2, 3], 4]}), nested
     * {@code depth} levels; otherwise the analysis's own label (a constant's value, or how it was made).
     */
    private static String label(DocumentAnalysis analysis, StatementFacts heap, int id,
                                Map<Integer, List<StatementFacts.Slot>> contents, int depth) {
        AbstractObject o = analysis.facts().object(id);
        String own = o.label() == null ? "" : o.label();
        if (o.summary()) {
            return "<" + o.typeName() + " ×n>";
        }
        if (o.constant() != null || (o.kind() != ObjKind.LIST && o.kind() != ObjKind.TUPLE)) {
            return own;
        }
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
            items.add(label(analysis, heap, slot.objects().get(0), contents, depth - 1));
        }
        if (o.kind() == ObjKind.TUPLE) {
            return items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
        }
        return "[" + String.join(", ", items) + "]";
    }

    private static GraphObject object(DocumentAnalysis analysis, AbstractObject o, String label, boolean shared) {
        if (label.length() > 22) {
            label = label.substring(0, 21) + "…";
        }
        int line = o.origin() == Origin.ALLOCATED && o.site() != null
                ? analysis.lines().line(o.site().span().start()) : -1;
        return new GraphObject("o" + o.id(), o.typeName(), o.kind().mutable(), label, line, shared);
    }
}
