package dev.memlens.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature results about a notebook's module told in the notebook's terms. A name in a hint label that was bound in
 * another cell says which ({@code also changes df (cell 2)}), since aliasing across cells is what a notebook hides;
 * line numbers in hovers and messages become cell and line ({@code created on cell 1, line 3}).
 */
public final class NotebookLabels {

    private final NotebookModule module;
    private final String sourceUri;

    /** @param sourceUri the URI the module was analyzed under; targets with it (or none) are in the module */
    public NotebookLabels(NotebookModule module, String sourceUri) {
        this.module = module;
        this.sourceUri = sourceUri;
    }

    /**
     * The hint with each name from another cell labelled with it; the names that no longer fit the label's budget
     * with their cells become {@code +N}.
     */
    public InlayHintItem hint(InlayHintItem item) {
        NotebookModule.Cell here = module.cellAt(item.offset());
        List<LabelPart> label = new ArrayList<>(item.label().size() + 2);
        int used = 0;
        int left = 0;
        List<LabelPart> parts = item.label();
        for (int i = 0; i < parts.size(); i++) {
            LabelPart part = parts.get(i);
            boolean name = i > 0 && !part.text().equals(", ") && !part.text().startsWith(" +");
            if (left > 0 || part.text().startsWith(" +")) {
                left += part.text().startsWith(" +") ? Integer.parseInt(part.text().substring(2).trim()) : name ? 1 : 0;
                continue;
            }
            NotebookModule.Cell there = cellOf(part.target());
            String cell = there != null && here != null && there.number() != here.number()
                    ? " (cell " + there.number() + ")" : "";
            boolean more = i + 1 < parts.size(); // a name or "+N" follows: room for " +N" is kept
            if (name && used + part.text().length() + cell.length() > Names.MAX_LABEL - (more ? 4 : 0) && i > 1) {
                label.remove(label.size() - 1); // the ", " before it
                left = 1;
                continue;
            }
            label.add(new LabelPart(part.text(), module.relabelLines(part.tooltip()), part.target()));
            if (!cell.isEmpty()) {
                label.add(new LabelPart(cell, module.relabelLines(part.tooltip()), part.target()));
            }
            used += part.text().length() + cell.length();
        }
        if (left > 0) {
            label.add(LabelPart.of(" +" + left));
        }
        return new InlayHintItem(item.offset(), label, item.category(), item.paddingLeft(), item.paddingRight());
    }

    public HoverItem hover(HoverItem item) {
        return new HoverItem(module.relabelLines(item.markdown()), item.range());
    }

    public Finding finding(Finding f) {
        List<RelatedLocation> related = new ArrayList<>(f.related().size());
        for (RelatedLocation r : f.related()) {
            related.add(new RelatedLocation(r.location(), module.relabelLines(r.message())));
        }
        return new Finding(f.range(), f.severity(), f.code(), module.relabelLines(f.message()), f.source(), related,
                f.data(), f.href());
    }

    public CodeActionItem action(CodeActionItem a) {
        return new CodeActionItem(module.relabelLines(a.title()), a.kind(), a.edits(), a.preferred(),
                a.diagnostics().stream().map(this::finding).toList());
    }

    private NotebookModule.Cell cellOf(SourceLocation target) {
        if (target == null || (target.uri() != null && !target.uri().equals(sourceUri))) {
            return null;
        }
        return module.cellAt(target.span().start());
    }
}
