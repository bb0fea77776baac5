package dev.memlens.features;

import java.util.List;
import java.util.Objects;

/** An inlay hint: a label shown at an offset between characters. */
public record InlayHintItem(int offset, List<LabelPart> label, HintCategory category,
                            boolean paddingLeft, boolean paddingRight) {

    public InlayHintItem {
        Objects.requireNonNull(category, "category");
        label = List.copyOf(label);
        if (label.isEmpty()) {
            throw new IllegalArgumentException("an inlay hint needs a label");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
    }

    public String labelText() {
        StringBuilder sb = new StringBuilder();
        label.forEach(p -> sb.append(p.text()));
        return sb.toString();
    }
}
