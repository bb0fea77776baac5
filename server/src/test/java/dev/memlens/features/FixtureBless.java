package dev.memlens.features;

import dev.memlens.features.FeatureFixturesTest.Produced;
import dev.memlens.testing.FixtureAnnotations;
import dev.memlens.testing.FixtureAnnotations.Diag;
import dev.memlens.testing.FixtureAnnotations.Expectations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a fixture's expectations to what was produced, in the form each was written: a message substring is
 * kept while the message still contains it (else the whole message is written), a range stated by carets stays a
 * caret line and one stated as {@code @start-end} stays so, and a diagnostic nobody expected gets its code only,
 * as the rule fixtures write them. Comments that are not expectations stay as they were.
 */
final class FixtureBless {

    private FixtureBless() {
    }

    static String rewrite(String[] lines, Expectations expected, Map<Integer, List<Produced>> diags,
                          Map<Integer, List<String>> hints, boolean hintsChecked) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (expected.caretLines()[i]) {
                continue; // written again below the line it points at
            }
            List<Diag> wanted = new ArrayList<>();
            for (Diag d : expected.diags()) {
                if (d.line() == i) {
                    wanted.add(d);
                }
            }
            List<String> trailing = new ArrayList<>();
            List<String> carets = new ArrayList<>();
            for (Produced p : diags.getOrDefault(i, List.of())) {
                Diag was = null;
                for (Diag d : wanted) {
                    if (d.code().equals(p.code())) {
                        was = d;
                        break;
                    }
                }
                wanted.remove(was);
                String message = was == null || was.message() == null ? null
                        : p.message().contains(was.message()) ? was.message() : p.message();
                boolean caret = was != null && was.caret() && p.range().endLines() == 0
                        && p.range().startColumn() >= 2 && p.range().endColumn() >= p.range().startColumn();
                Diag now = new Diag(i, p.code(), message,
                        was != null && (was.range() != null) ? p.range() : null, caret);
                if (caret) {
                    carets.add(" ".repeat(p.range().startColumn() - 2) + "#"
                            + "^".repeat(p.range().endColumn() - p.range().startColumn() + 1) + " diag: "
                            + now.clause());
                } else {
                    trailing.add(now.clause());
                }
            }
            List<String> clauses = new ArrayList<>();
            if (!trailing.isEmpty()) {
                clauses.add("diag: " + String.join(" ", trailing));
            }
            if (hintsChecked) {
                hints.getOrDefault(i, List.of()).forEach(label -> clauses.add("hint: " + label));
            } else {
                for (FixtureAnnotations.Hint h : expected.hints()) {
                    if (h.line() == i) {
                        clauses.add("hint: " + h.label());
                    }
                }
            }
            out.add(withClauses(lines[i], clauses));
            out.addAll(carets);
        }
        return String.join("\n", out);
    }

    /** The line with its diag and hint clauses replaced by these; its other comment text kept. */
    private static String withClauses(String line, List<String> clauses) {
        int at = FixtureAnnotations.commentStart(line);
        String code = line;
        List<String> kept = new ArrayList<>();
        if (at >= 0) {
            code = line.substring(0, at).stripTrailing();
            for (String clause : FixtureAnnotations.clauses(line.substring(at + 1))) {
                String c = clause.strip();
                if (!c.isEmpty() && !c.startsWith("diag:") && !c.startsWith("hint:")) {
                    kept.add(c);
                }
            }
        }
        kept.addAll(clauses);
        return kept.isEmpty() ? code : code + (code.isBlank() ? "# " : "  # ") + String.join("; ", kept);
    }
}
