package dev.memlens.features;

import java.util.Objects;

/**
 * One piece of an inlay hint's label.
 *
 * @param tooltip markdown shown when hovering this part, or null
 * @param target  where clicking this part goes (the name becomes a link), or null
 */
public record LabelPart(String text, /* nullable */ String tooltip, /* nullable */ SourceLocation target) {

    public LabelPart {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an inlay hint label part may not be empty");
        }
    }

    public static LabelPart of(String text) {
        return new LabelPart(text, null, null);
    }
}
