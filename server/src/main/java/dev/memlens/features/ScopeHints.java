package dev.memlens.features;

import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Learning profile: {@code x = 5} inside a function, where the module also has an {@code x}, shows
 * {@code local x; global x untouched}: the assignment binds a name in the function's own frame, a different
 * namespace, and the module's {@code x} keeps its object.
 */
public final class ScopeHints implements InlayHintProvider {

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
        ScopeTree scopes = analysis.scopes();
        if (scopes == null) {
            return List.of();
        }
        List<InlayHintItem> out = new ArrayList<>();
        for (Stmt s : analysis.index().statementsIn(range)) {
            for (Expr.Name target : Names.targets(s)) {
                Resolution r = scopes.resolve(target);
                if (r == null || r.kind() != ResolutionKind.LOCAL || r.scope() == scopes.module()
                        || scopes.module().symbol(target.id()) == null || scopes.globalBindings(target.id()).isEmpty()) {
                    continue;
                }
                String fn = r.scope().name();
                String tooltip = "Assigning to `" + target.id() + "` inside `" + fn + "` makes a local variable in "
                        + "the function's own frame (another namespace). The module's `" + target.id()
                        + "` still refers to its own object; write `global " + target.id() + "` first to rebind "
                        + "that one instead.";
                out.add(new InlayHintItem(target.span().end(), List.of(new LabelPart("local " + target.id()
                        + "; global " + target.id() + " untouched", tooltip, null)), HintCategory.ALIAS, true,
                        false));
            }
        }
        return out;
    }
}
