package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Learning profile: {@code a = 42} shows {@code small int: cached} and {@code s = "hello"} shows
 * {@code interned str}: the literal's object is one CPython shares process-wide, which is why a second
 * {@code b = 42} is the very same object (the tutorial's "Variable Caching").
 */
public final class CachingHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.IDENTITY;
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
        for (Stmt s : index.statementsIn(range)) {
            if (!(s instanceof Stmt.Assign a) || !(a.value() instanceof Expr.Constant value)
                    || !(a.targets().get(a.targets().size() - 1) instanceof Expr.Name target)) {
                continue;
            }
            StatementFacts sf = index.after(s);
            AbstractObject o = sf == null ? null : index.single(sf.pointsTo().get(target.id()));
            if (o == null || o.origin() != Origin.SINGLETON) {
                continue;
            }
            String label;
            String tooltip;
            if (o.kind() == ObjKind.INT) {
                label = "small int: cached";
                tooltip = "CPython makes the ints from -5 to 256 once, at start-up, and every `" + value.raw()
                        + "` in the program is that one object: another name bound to " + o.label()
                        + " is the same object (`is` is True, `id()` is equal). A CPython detail, not a language "
                        + "rule: compare numbers with `==`.";
            } else if (o.kind() == ObjKind.STR) {
                label = "short str: interned";
                tooltip = "CPython interns string constants that look like identifiers: every " + o.label()
                        + " constant is one object, so equal names share it (`is` is True). Other strings may or "
                        + "may not be shared: compare strings with `==`.";
            } else {
                continue; // None, True, False: singletons by definition, nothing to learn from a hint each time
            }
            out.add(new InlayHintItem(value.span().end(), List.of(new LabelPart(label, tooltip, null)),
                    HintCategory.IDENTITY, true, false));
        }
        return out;
    }
}
