package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lookups by offset over one analysis, built once: the simple statements in source order (the units the
 * interpreter reports facts for), the innermost node at an offset, and small questions about objects that every
 * feature asks the same way.
 *
 * <p>The statement list is built on first use, not with the analysis: diagnostics never need it, and a walk over a
 * 10,000-line AST costs several milliseconds on every edit.
 */
public final class FactIndex {

    private final Module module;
    private final AnalysisResult facts;
    private volatile List<Stmt> simple;

    private FactIndex(Module module, AnalysisResult facts) {
        this.module = module;
        this.facts = facts;
    }

    public static FactIndex of(Module module, AnalysisResult facts) {
        return new FactIndex(module, facts);
    }

    private List<Stmt> simple() {
        List<Stmt> s = simple;
        if (s == null) {
            // a race only builds the same immutable list twice
            s = collectSimple(module);
            simple = s;
        }
        return s;
    }

    private static List<Stmt> collectSimple(Module module) {
        List<Stmt> simple = new ArrayList<>();
        AstWalker.statements(module.body(), s -> {
            if (isSimple(s)) {
                simple.add(s);
            }
        });
        simple.sort(Comparator.comparingInt(s -> s.span().start()));
        return List.copyOf(simple);
    }

    static boolean isSimple(Stmt s) {
        return !(s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef || s instanceof Stmt.If
                || s instanceof Stmt.For || s instanceof Stmt.While || s instanceof Stmt.With
                || s instanceof Stmt.Try || s instanceof Stmt.Match);
    }

    /** Simple statements in source order. */
    public List<Stmt> statements() {
        return simple();
    }

    /**
     * Simple statements that overlap {@code range} (touching counts), in source order. Found under the top-level
     * statements that overlap it (a compound statement's span ends with its last nested statement), so a viewport's
     * hints do not list every statement of a large file first.
     */
    public List<Stmt> statementsIn(Span range) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt top : module.body()) {
            if (top.span().end() < range.start() || top.span().start() > range.end()) {
                continue;
            }
            AstWalker.statements(List.of(top), s -> {
                if (isSimple(s) && s.span().end() >= range.start() && s.span().start() <= range.end()) {
                    out.add(s);
                }
            });
        }
        out.sort(Comparator.comparingInt(s -> s.span().start()));
        return out;
    }

    private static int firstEndingAtOrAfter(List<Stmt> simple, int offset) {
        // statements do not nest, so their ends are sorted like their starts
        int lo = 0;
        int hi = simple.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (simple.get(mid).span().end() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The simple statement containing {@code offset} (its end counts, so a cursor after it finds it), or null. */
    public Stmt statementAt(int offset) {
        List<Stmt> simple = simple();
        int i = firstEndingAtOrAfter(simple, offset);
        if (i < simple.size() && simple.get(i).span().start() <= offset) {
            return simple.get(i);
        }
        return null;
    }

    /** The innermost node of the statement at {@code offset} whose span contains it (end inclusive), or null. */
    public Node nodeAt(int offset) {
        Stmt s = statementAt(offset);
        if (s == null) {
            return null;
        }
        Node cur = s;
        while (true) {
            Node next = null;
            for (Node kid : AstWalker.children(cur)) {
                if (kid.span().contains(offset)) {
                    next = kid;
                    break;
                }
            }
            if (next == null) {
                for (Node kid : AstWalker.children(cur)) {
                    if (kid.span().end() == offset && kid.span().length() > 0) {
                        next = kid;
                    }
                }
            }
            if (next == null) {
                return cur;
            }
            cur = next;
        }
    }

    /** The chain of nodes from the statement at {@code offset} down to the innermost one. */
    public List<Node> pathAt(int offset) {
        List<Node> path = new ArrayList<>();
        Stmt s = statementAt(offset);
        if (s == null) {
            return path;
        }
        Node target = nodeAt(offset);
        collect(s, target, path);
        return path;
    }

    private static boolean collect(Node from, Node target, List<Node> path) {
        path.add(from);
        if (from == target) {
            return true;
        }
        for (Node kid : AstWalker.children(from)) {
            if (kid.span().covers(target.span()) && collect(kid, target, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    public StatementFacts after(Stmt s) {
        if (facts == null || s == null) {
            return null;
        }
        StatementFacts sf = facts.after(s);
        return sf == null || sf.unknown() ? null : sf;
    }

    /** The facts that hold before {@code s} runs: those after the previous statement of the same scope. */
    public StatementFacts before(Stmt s) {
        if (facts == null || s == null) {
            return null;
        }
        StatementFacts mine = facts.after(s);
        List<Stmt> simple = simple();
        int i = indexOf(simple, s);
        for (int j = i - 1; j >= 0; j--) {
            StatementFacts sf = facts.after(simple.get(j));
            if (sf != null && !sf.unknown() && (mine == null || sf.scope().equals(mine.scope()))) {
                return sf;
            }
        }
        return null;
    }

    /** By identity, found by offset: records compare deeply, so {@code List.indexOf} would walk whole subtrees. */
    private static int indexOf(List<Stmt> simple, Stmt s) {
        for (int i = firstEndingAtOrAfter(simple, s.span().start()); i < simple.size(); i++) {
            Stmt at = simple.get(i);
            if (at == s) {
                return i;
            }
            if (at.span().start() > s.span().start()) {
                break;
            }
        }
        return -1;
    }

    public AnalysisResult facts() {
        return facts;
    }

    public Module module() {
        return module;
    }

    /** The one object of a points-to set, or null when there are several, none, or maybe none. */
    public AbstractObject single(Pts pts) {
        if (facts == null || pts == null) {
            return null;
        }
        int id = pts.single();
        return id < 0 ? null : facts.object(id);
    }

    /** Values the editor never shows as aliases: numbers, strings, None, booleans and the like. */
    public static boolean scalar(ObjKind kind) {
        return switch (kind) {
            case NONE, BOOL, INT, FLOAT, COMPLEX, STR, BYTES, RANGE, ELLIPSIS -> true;
            default -> false;
        };
    }

    /** True when every object of the set is an immutable scalar. */
    public boolean allScalar(Pts pts) {
        if (facts == null || pts == null || pts.withoutUnbound().isEmpty()) {
            return false;
        }
        return pts.allMatch(id -> scalar(facts.object(id).kind()));
    }

    /** The Python type name shared by every object of the set, or null. */
    public String typeName(Pts pts) {
        if (facts == null || pts == null) {
            return null;
        }
        String name = null;
        for (int i = 0; i < pts.size(); i++) {
            int id = pts.get(i);
            if (id == Pts.UNBOUND_ID) {
                continue;
            }
            AbstractObject o = facts.object(id);
            String n = o.kind() == ObjKind.UNKNOWN ? null : o.kind().pythonName();
            if (n == null || name != null && !name.equals(n)) {
                return null;
            }
            name = n;
        }
        return name;
    }
}
