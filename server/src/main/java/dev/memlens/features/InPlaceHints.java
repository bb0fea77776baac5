package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.MutationFact;
import dev.memlens.analysis.ObjKind;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Learning profile: {@code nums.append(4)} shows {@code same list, changed in place}: a mutation changes the object
 * itself, so its identity ({@code id()}) stays and every name for it sees the change. {@link MutationHints} says
 * who else sees it; this says what happened, also when no one else does.
 */
public final class InPlaceHints implements InlayHintProvider {

    /** The containers the tutorial's fact is about; setting an attribute of an instance is another story. */
    private static final Set<ObjKind> IN_PLACE = EnumSet.of(ObjKind.LIST, ObjKind.DICT, ObjKind.SET,
            ObjKind.BYTEARRAY);

    @Override
    public HintCategory category() {
        return HintCategory.MUTATION;
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
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<InlayHintItem> out = new ArrayList<>();
        for (MutationFact m : analysis.facts().mutations()) {
            Span sp = m.site().span();
            if (sp.end() < range.start() || sp.end() > range.end() || !m.certain() || done.contains(m.site())) {
                continue;
            }
            AbstractObject o = analysis.index().single(m.objects());
            if (o == null || !IN_PLACE.contains(o.kind())) {
                continue; // which object is not known for sure, or an instance (its attributes: not this fact)
            }
            done.add(m.site());
            String tooltip = "This changes the " + Names.describe(analysis, o) + " itself: no new object is made, "
                    + "so its `id()` stays the same and every name that refers to it sees the change.";
            out.add(new InlayHintItem(sp.end(), List.of(new LabelPart("same " + o.typeName()
                    + ", changed in place", tooltip, null)), HintCategory.MUTATION, true, false));
        }
        return out;
    }
}
