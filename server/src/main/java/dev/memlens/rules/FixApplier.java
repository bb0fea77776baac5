package dev.memlens.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies fixes to a text: edits of one fix together, fixes in order, skipping any that overlap an earlier one. */
public final class FixApplier {
    private FixApplier() {
    }

    public record Result(String text, int applied) {}

    public static Result apply(String text, List<Fix> fixes) {
        List<TextEdit> accepted = new ArrayList<>();
        int applied = 0;
        for (Fix fix : fixes) {
            boolean clash = false;
            for (TextEdit e : fix.edits()) {
                if (e.end() > text.length()) {
                    clash = true;
                }
                for (TextEdit a : accepted) {
                    if (overlaps(a, e)) {
                        clash = true;
                    }
                }
            }
            if (!clash) {
                accepted.addAll(fix.edits());
                applied++;
            }
        }
        accepted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        StringBuilder sb = new StringBuilder(text);
        for (int i = accepted.size() - 1; i >= 0; i--) {
            TextEdit e = accepted.get(i);
            sb.replace(e.start(), e.end(), e.replacement());
        }
        return new Result(sb.toString(), applied);
    }

    /** Two edits conflict when their ranges intersect, or both insert at the same point. */
    static boolean overlaps(TextEdit a, TextEdit b) {
        if (a.start() == a.end() && b.start() == b.end()) {
            return a.start() == b.start();
        }
        return a.start() < b.end() && b.start() < a.end();
    }
}
