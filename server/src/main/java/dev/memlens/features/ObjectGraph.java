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
        Map<Integer, Integer> holders = new HashMap<>();
        for (StatementFacts sf : frames) {
            for (Pts pts : sf.pointsTo().values()) {
                for (int i = 0; i < pts.size(); i++) {
                    holders.merge(pts.get(i), 1, Integer::sum);
                }
            }
        }
        Map<Integer, GraphObject> objects = new LinkedHashMap<>();
        List<Frame> out = new ArrayList<>();
        for (StatementFacts sf : frames) {
            List<GraphName> names = new ArrayList<>();
            for (Map.Entry<String, Pts> e : sf.pointsTo().entrySet()) {
                Pts pts = e.getValue();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < pts.size(); i++) {
                    int id = pts.get(i);
                    if (id == Pts.UNBOUND_ID) {
                        continue;
                    }
                    AbstractObject o = analysis.facts().object(id);
                    if (o.kind().isCode()) {
                        continue;
                    }
                    if (!objects.containsKey(id)) {
                        if (objects.size() >= MAX_OBJECTS) {
                            continue;
                        }
                        objects.put(id, object(analysis, o, holders.getOrDefault(id, 0) > 1));
                    }
                    ids.add(objects.get(id).id());
                }
                if (ids.isEmpty() && !pts.isEmpty() && !pts.maybeUnbound()) {
                    continue;
                }
                names.add(new GraphName(e.getKey(), ids, pts.maybeUnbound() || ids.size() > 1));
            }
            out.add(new Frame(sf.scope().equals("<module>") ? "module" : sf.scope(), names));
        }
        return new ObjectGraph(out, List.copyOf(objects.values()), List.of());
    }

    private static GraphObject object(DocumentAnalysis analysis, AbstractObject o, boolean shared) {
        String type = o.kind() == ObjKind.UNKNOWN ? "object" : o.kind().pythonName();
        String label = o.label() == null ? "" : o.label();
        if (o.summary()) {
            label = "<" + type + " ×n>";
        }
        if (label.length() > 22) {
            label = label.substring(0, 21) + "…";
        }
        int line = o.origin() == Origin.ALLOCATED && o.site() != null
                ? analysis.lines().line(o.site().span().start()) : -1;
        return new GraphObject("o" + o.id(), type, o.kind().mutable(), label, line, shared);
    }
}
