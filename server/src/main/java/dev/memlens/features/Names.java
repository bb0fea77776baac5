package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.Pts;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.Symbol;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small questions about names that several features ask: binding targets, where a name was bound, labels. */
final class Names {

    /** Inlay hint labels stay short: IntelliJ truncates long ones. */
    static final int MAX_LABEL = 40;

    private Names() {
    }

    /** The plain names a statement binds, in source order (through tuple/list targets and starred names). */
    static List<Expr.Name> targets(Stmt s) {
        List<Expr.Name> out = new ArrayList<>();
        if (s instanceof Stmt.Assign a) {
            a.targets().forEach(t -> collectTargets(t, out));
        } else if (s instanceof Stmt.AnnAssign a && a.value() != null) {
            collectTargets(a.target(), out);
        }
        return out;
    }

    private static void collectTargets(Expr e, List<Expr.Name> out) {
        if (e instanceof Expr.Name n) {
            out.add(n);
        } else if (e instanceof Expr.TupleDisplay t) {
            t.elts().forEach(x -> collectTargets(x, out));
        } else if (e instanceof Expr.ListDisplay l) {
            l.elts().forEach(x -> collectTargets(x, out));
        } else if (e instanceof Expr.Starred st) {
            collectTargets(st.value(), out);
        }
    }

    /** Every identifier written inside {@code node}. */
    static Set<String> namesIn(Node node) {
        Set<String> out = new LinkedHashSet<>();
        AstWalker.preorder(node, n -> {
            if (n instanceof Expr.Name name) {
                out.add(name.id());
            }
        });
        return out;
    }

    /**
     * Where {@code name}, as seen from {@code offset}, was last bound before {@code before}: the binding site of the
     * scope it resolves to, preferring one that bound one of {@code objects}. Null when unknown.
     */
    static Span boundAt(DocumentAnalysis analysis, String name, int offset, int before, Pts objects) {
        if (analysis.scopes() == null) {
            return null;
        }
        Scope scope = analysis.scopes().scopeAt(offset);
        Span best = null;
        Span bestMatching = null;
        for (Scope s = scope; s != null; s = s.parent()) {
            Symbol sym = s.symbol(name);
            if (sym == null || sym.bindings().isEmpty()) {
                continue;
            }
            for (Binding b : sym.bindings()) {
                if (!b.kind().binds() || b.site().span().start() >= before) {
                    continue;
                }
                Span site = siteName(b.site(), name);
                if (best == null || site.start() > best.start()) {
                    best = site;
                }
                if (objects != null && analysis.facts() != null && b.site() instanceof Expr e) {
                    Pts there = analysis.facts().pointsTo(e);
                    if (there != null && there.intersects(objects)
                            && (bestMatching == null || site.start() > bestMatching.start())) {
                        bestMatching = site;
                    }
                }
            }
            if (best != null) {
                break;
            }
        }
        return bestMatching != null ? bestMatching : best;
    }

    private static Span siteName(Node site, String name) {
        if (site instanceof Expr.Name n) {
            return n.span();
        }
        Span[] found = {null};
        AstWalker.preorder(site, n -> {
            if (found[0] == null && n instanceof Expr.Name x && x.id().equals(name)) {
                found[0] = x.span();
            }
            if (found[0] == null && n instanceof dev.memlens.syntax.ast.Identifier id && id.name().equals(name)) {
                found[0] = id.span();
            }
        });
        return found[0] != null ? found[0] : site.span();
    }

    /** "list", "list (line 3)": what an object is and where it was made. */
    static String describe(DocumentAnalysis analysis, AbstractObject o) {
        String type = o.typeName();
        if (o.site() == null || o.origin() != dev.memlens.analysis.Origin.ALLOCATED) {
            return type;
        }
        return type + " (line " + (analysis.lines().line(o.site().span().start()) + 1) + ")";
    }

    static int line(DocumentAnalysis analysis, int offset) {
        return analysis.lines().line(offset) + 1;
    }

    /** Name parts "a, b +2" within the label budget; each name links to where it was bound. */
    static List<LabelPart> nameParts(DocumentAnalysis analysis, List<String> names, int offset, int before,
                                     Pts objects, String tooltip, int budget) {
        return nameParts(analysis, names, names, offset, before, objects, tooltip, budget);
    }

    /** {@link #nameParts} showing {@code shown} (parallel to names: a name, or an access path from it). */
    static List<LabelPart> nameParts(DocumentAnalysis analysis, List<String> names, List<String> shown, int offset,
                                     int before, Pts objects, String tooltip, int budget) {
        List<LabelPart> parts = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < names.size(); i++) {
            String n = shown.get(i);
            String sep = i == 0 ? "" : ", ";
            int rest = names.size() - i;
            if (used + sep.length() + n.length() > budget - (rest > 1 ? 4 : 0) && i > 0) {
                parts.add(LabelPart.of(" +" + rest));
                break;
            }
            if (!sep.isEmpty()) {
                parts.add(LabelPart.of(sep));
            }
            Span where = boundAt(analysis, names.get(i), offset, before, objects);
            parts.add(new LabelPart(n, tooltip, where == null ? null : SourceLocation.here(where)));
            used += sep.length() + n.length();
        }
        return parts;
    }
}
