package dev.memlens.features;

import dev.memlens.analysis.Pts;
import dev.memlens.analysis.RefCount;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code refs: 2} after a binding target: how many references keep the object alive. {@code aliased} (default)
 * shows it only for objects held by more than one name, {@code all} for every binding. At
 * {@code sys.getrefcount(x)} it shows what CPython will print: one more than the references, for the argument.
 */
public final class RefcountHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.REFCOUNT;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of(); // not interpreted (too long, or failed): no statement has facts
        }
        FactIndex index = analysis.index();
        boolean all = settings.refcount() == Settings.RefcountMode.ALL;
        List<InlayHintItem> out = new ArrayList<>();
        for (Stmt s : index.statementsIn(range)) {
            StatementFacts sf = index.after(s);
            if (sf == null) {
                continue;
            }
            List<Expr.Name> targets = Names.targets(s);
            for (Expr.Name target : targets) {
                List<String> group = groupOf(sf, target.id());
                if (!all && group.size() < 2) {
                    continue; // not aliased: no hint, and no reference count worked out for it
                }
                RefCount rc = sf.refcounts().get(target.id());
                if (rc == null) {
                    continue;
                }
                Pts pts = sf.pointsToOf(target.id());
                if (!all && (rc.immortal() || index.allScalar(pts))) {
                    continue;
                }
                String tooltip = rc.immortal()
                        ? "`" + target.id() + "` refers to an object whose reference count is not a count: it is "
                        + "immortal (CPython 3.12+) or also held by the compiled code, so it lives as long as the "
                        + "program."
                        : "References that keep this object alive after the statement: " + holders(group, rc)
                        + ". `sys.getrefcount(" + target.id() + ")` would print " + printed(analysis, target, rc)
                        + ".";
                out.add(new InlayHintItem(target.span().end(),
                        List.of(new LabelPart("refs: " + count(rc), tooltip, null)), HintCategory.REFCOUNT, true,
                        false));
            }
            AstWalker.preorder(s, n -> {
                if (n instanceof Expr.Call call && isGetrefcount(call) && call.args().size() == 1
                        && call.args().get(0) instanceof Expr.Name arg) {
                    RefCount rc = sf.refcounts().get(arg.id());
                    if (rc == null) {
                        return;
                    }
                    String label;
                    String tooltip;
                    GetrefcountPrediction p = GetrefcountPrediction.of(rc, analysis.target(),
                            GetrefcountPrediction.borrowed(analysis.scopes(), arg, analysis.target()));
                    if (rc.immortal()) {
                        label = analysis.target().atLeast(dev.memlens.syntax.PythonVersion.PY312)
                                ? "immortal: prints a huge number" : "not a count: prints a large number";
                        tooltip = "`" + arg.id() + "`: " + p.why();
                    } else {
                        label = "prints " + p.printed();
                        tooltip = "The program holds " + count(rc) + " reference" + (rc.lo() == 1 && rc.exact() ? ""
                                : "s") + " to this object; " + p.why();
                    }
                    out.add(new InlayHintItem(call.span().end(), List.of(new LabelPart(label, tooltip, null)),
                            HintCategory.REFCOUNT, true, false));
                }
            });
        }
        return out;
    }

    static boolean isGetrefcount(Expr.Call call) {
        return call.func() instanceof Expr.Attribute a && a.attr().name().equals("getrefcount")
                && a.value() instanceof Expr.Name m && m.id().equals("sys")
                || call.func() instanceof Expr.Name n && n.id().equals("getrefcount");
    }

    /** The must-alias group of {@code name} after the statement, or just the name. */
    static List<String> groupOf(StatementFacts sf, String name) {
        List<String> group = sf.mustAliasOf(name);
        return group.isEmpty() ? List.of(name) : group;
    }

    static String count(RefCount rc) {
        if (rc.immortal()) {
            return "immortal";
        }
        if (rc.exact()) {
            return Integer.toString(rc.lo());
        }
        return rc.hi() == RefCount.UNBOUNDED ? rc.lo() + "+" : rc.lo() + "–" + rc.hi();
    }

    /** What {@code sys.getrefcount(name)} would print right after {@code name} is bound, for the target. */
    static String printed(DocumentAnalysis analysis, Expr.Name name, RefCount rc) {
        return GetrefcountPrediction.of(rc, analysis.target(),
                GetrefcountPrediction.borrowed(analysis.scopes(), name, analysis.target())).printed();
    }

    static String printed(RefCount rc) {
        if (rc.exact()) {
            return Integer.toString(rc.lo() + 1);
        }
        return rc.hi() == RefCount.UNBOUNDED ? "at least " + (rc.lo() + 1) : (rc.lo() + 1) + " to " + (rc.hi() + 1);
    }

    private static String holders(List<String> group, RefCount rc) {
        String names = "`" + String.join("`, `", group) + "`";
        int others = rc.lo() - group.size();
        return count(rc) + " (" + names + (others > 0 ? " and " + others + " container slot"
                + (others == 1 ? "" : "s") + " or attribute" + (others == 1 ? "" : "s") : "") + ")";
    }
}
