package dev.memlens.features;

import dev.memlens.rules.Fix;
import dev.memlens.rules.TextEdit;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick fixes of rule findings (from the diagnostic's data, so no server state), "Ignore MEMxxx on this line", and
 * {@value #FIX_ALL} with every safe fix of the document. Only safe fixes are preferred.
 */
public final class RuleCodeActions implements CodeActionProvider {

    public static final String FIX_ALL = "source.fixAll.memlens";
    private static final Pattern SUPPRESSION = Pattern.compile("#\\s*memlens:\\s*ignore\\[([^\\]]*)\\]",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public List<CodeActionItem> actions(DocumentAnalysis analysis, Span range, List<Finding> findings,
                                        Settings settings, Cancellation cancel) {
        List<CodeActionItem> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!RuleFilter.isRule(f.code())) {
                continue;
            }
            for (Fix fix : fixesOf(analysis, f)) {
                out.add(new CodeActionItem(fix.title() + (fix.isSafe() ? "" : " (unsafe)"), CodeActionItem.QUICK_FIX,
                        changes(fix.edits()), fix.isSafe() && fix.preferred(), List.of(f)));
            }
            TextChange ignore = ignoreComment(analysis, f.range().start(), f.code());
            if (ignore != null) {
                out.add(new CodeActionItem("Ignore " + f.code() + " on this line", CodeActionItem.QUICK_FIX,
                        List.of(ignore), false, List.of(f)));
            }
        }
        CodeActionItem all = fixAll(analysis, settings);
        if (all != null) {
            out.add(all);
        }
        return out;
    }

    /** The fixes the diagnostic carries; for data of another version, those of the same finding now. */
    static List<Fix> fixesOf(DocumentAnalysis analysis, Finding f) {
        List<Fix> fixes = FixData.decode(f.data(), analysis.version(), analysis.text().length());
        if (!fixes.isEmpty() || Integer.toString(analysis.version()).equals(f.data().get(FixData.VERSION))) {
            return fixes;
        }
        for (dev.memlens.rules.Finding now : analysis.ruleFindings()) {
            if (now.code().equals(f.code()) && now.span().equals(f.range())) {
                return now.fixes();
            }
        }
        return List.of();
    }

    /** All safe fixes of the findings the settings show, first fix of each finding, none overlapping another. */
    static CodeActionItem fixAll(DocumentAnalysis analysis, Settings settings) {
        List<TextEdit> accepted = new ArrayList<>();
        List<Finding> fixed = new ArrayList<>();
        List<Finding> shown = new RuleDiagnostics().diagnostics(analysis, Cancellation.NEVER);
        for (Finding f : shown) {
            if (RuleFilter.apply(f, settings.rules()) == null) {
                continue;
            }
            for (Fix fix : FixData.decode(f.data(), analysis.version(), analysis.text().length())) {
                if (!fix.isSafe()) {
                    continue;
                }
                boolean clash = false;
                for (TextEdit e : fix.edits()) {
                    for (TextEdit a : accepted) {
                        clash |= overlaps(a, e);
                    }
                }
                if (!clash) {
                    accepted.addAll(fix.edits());
                    fixed.add(f);
                }
                break;
            }
        }
        if (accepted.isEmpty()) {
            return null;
        }
        accepted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        return new CodeActionItem("Fix all safe MemLens findings (" + fixed.size() + ")", FIX_ALL,
                changes(accepted), false, fixed);
    }

    private static boolean overlaps(TextEdit a, TextEdit b) {
        if (a.start() == a.end() && b.start() == b.end()) {
            return a.start() == b.start();
        }
        return a.start() < b.end() && b.start() < a.end();
    }

    private static List<TextChange> changes(List<TextEdit> edits) {
        List<TextChange> out = new ArrayList<>(edits.size());
        for (TextEdit e : edits) {
            out.add(new TextChange(new Span(e.start(), e.end()), e.replacement()));
        }
        return out;
    }

    /**
     * {@code # memlens: ignore[CODE]} on the line of {@code offset} (where the rules look for it): added to an
     * existing list, or appended to the line; null where a comment cannot go (the line ends inside a string or
     * continues with a backslash).
     */
    static TextChange ignoreComment(DocumentAnalysis analysis, int offset, String code) {
        String text = analysis.text();
        int lineStart = offset;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        int lineEnd = offset;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        String line = text.substring(lineStart, lineEnd);
        Matcher m = SUPPRESSION.matcher(line);
        while (m.find()) {
            if (!insideString(analysis, lineStart + m.start())) {
                String list = m.group(1);
                for (String c : list.split("[\\s,]+")) {
                    if (c.equalsIgnoreCase(code)) {
                        return null;
                    }
                }
                int at = lineStart + m.end(1);
                return new TextChange(new Span(at, at), list.isBlank() ? code : ", " + code);
            }
        }
        int end = lineEnd;
        while (end > lineStart && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > lineStart && text.charAt(end - 1) == '\\' || insideString(analysis, end)) {
            return null;
        }
        return new TextChange(new Span(end, lineEnd), "  # memlens: ignore[" + code + "]");
    }

    private static boolean insideString(DocumentAnalysis analysis, int offset) {
        boolean[] inside = {false};
        AstWalker.preorder(analysis.parse().module(), n -> {
            if (!inside[0] && n.span().start() < offset && offset < n.span().end()
                    && (n instanceof Expr.Constant c && (c.kind() == ConstantKind.STR || c.kind() == ConstantKind.BYTES)
                    || n instanceof Expr.JoinedStr)) {
                inside[0] = true;
            }
        });
        return inside[0];
    }

}
