package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.RefCount;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Learning profile: {@code x = 200} after {@code x = 100} shows {@code now another int; old 100 stays cached} after
 * the {@code x}: assignment rebinds the name and never changes the old object, which then lives on (a cached or constant
 * value, or another name's) or is released (nothing refers to it any more). Only in straight-line code
 * ({@link StraightLine}), where the statement before is the one that ran before.
 */
public final class RebindingHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.ALIAS;
    }

    @Override
    public boolean learning() {
        return true;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
        }
        FactIndex index = analysis.index();
        List<InlayHintItem> out = new ArrayList<>();
        for (List<Stmt> run : StraightLine.runs(analysis.parse().module())) {
            cancel.check();
            for (int i = 1; i < run.size(); i++) {
                Stmt s = run.get(i);
                if (s.span().end() < range.start() || s.span().start() > range.end()
                        || !(s instanceof Stmt.Assign)) {
                    continue;
                }
                StatementFacts before = index.after(run.get(i - 1));
                StatementFacts after = index.after(s);
                if (before == null || after == null || !before.scope().equals(after.scope())) {
                    continue;
                }
                for (Expr.Name target : Names.targets(s)) {
                    AbstractObject old = index.single(before.pointsTo().get(target.id()));
                    AbstractObject now = index.single(after.pointsTo().get(target.id()));
                    if (old == null || now == null || old.id() == now.id() || old.summary() || now.summary()) {
                        continue;
                    }
                    InlayHintItem hint = hint(analysis, after, target, old, now);
                    if (hint != null) {
                        out.add(hint);
                    }
                }
            }
        }
        return out;
    }

    private static InlayHintItem hint(DocumentAnalysis analysis, StatementFacts after, Expr.Name target,
                                      AbstractObject old, AbstractObject now) {
        String name = target.id();
        // the hint sits right after the name; VS Code cuts a line's hints after 43 characters: keep it short
        String head = "now " + (now.origin() == Origin.ALLOCATED ? "a new " : "another ") + now.typeName();
        String oldText = old.constant() != null && old.label() != null && old.label().length() <= 12
                ? old.label() : old.typeName();
        String tail;
        String why;
        if (old.origin() == Origin.SINGLETON) {
            tail = "old " + oldText + " stays cached";
            why = "CPython keeps it for the whole run (small ints, interned strings, None, True and False are "
                    + "shared, never freed).";
        } else if (old.origin() == Origin.CONSTANT) {
            tail = "old " + oldText + " stays (constant)";
            why = "it is a constant of the compiled code, which holds it as long as the code exists.";
        } else if (old.origin() == Origin.ALLOCATED && old.kind() != ObjKind.UNKNOWN) {
            List<String> holders = holders(after, old.id(), name);
            RefCount rc = after.refcountOf(old.id());
            if (!holders.isEmpty()) {
                tail = "old " + oldText + " still in " + String.join(", ", holders);
                why = "`" + String.join("`, `", holders) + "` still refer" + (holders.size() == 1 ? "s" : "")
                        + " to it.";
            } else if (rc != null && rc.exact() && rc.hi() == 0 && "<module>".equals(after.scope())) {
                tail = "old " + oldText + " is released";
                why = "nothing refers to it any more: its reference count drops to 0 and CPython frees it at once.";
            } else {
                return new InlayHintItem(target.span().end(), List.of(new LabelPart(head, "`" + name
                        + "` is bound to another object; the old " + old.typeName() + " itself is unchanged.",
                        null)), HintCategory.ALIAS, true, false);
            }
        } else {
            return null;
        }
        String tooltip = "`" + name + "` now names another object: assignment rebinds the name and never changes the "
                + "old object. "
                + "The old one, the " + Names.describe(analysis, old) + ": " + why;
        return new InlayHintItem(target.span().end(), List.of(new LabelPart(head + "; " + tail, tooltip, null)),
                HintCategory.ALIAS, true, false);
    }

    /** Other names that still refer to {@code obj} on every path after the statement. */
    private static List<String> holders(StatementFacts after, int obj, String except) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Pts> e : after.pointsTo().entrySet()) {
            if (!e.getKey().equals(except) && e.getValue().single() == obj) {
                out.add(e.getKey());
            }
        }
        return out.size() > 2 ? out.subList(0, 2) : out;
    }
}
