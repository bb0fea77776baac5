package dev.memlens.cli;

import dev.memlens.features.CodeActionItem;
import dev.memlens.features.Finding;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.Severity;
import dev.memlens.features.TextChange;
import dev.memlens.syntax.LineMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A file as {@code memlens annotate} prints it: numbered lines with the inlay hints written in where an editor
 * shows them, and each diagnostic under its line (a squiggle under its range, the message, then its quick fixes and
 * the line a fix would produce). Colors are ANSI escapes, only when asked for; without them the listing is plain
 * text for pipes and files.
 */
final class AnnotatedListing {

    /** A diagnostic with the quick fixes offered for it. */
    record Annotation(Finding finding, List<CodeActionItem> fixes) {
    }

    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String HINT = "\u001b[2;3m";
    private static final String FIX = "\u001b[32m";

    private final String text;
    private final LineMap lines;
    private final boolean color;
    private final int width;

    AnnotatedListing(String text, boolean color, int width) {
        this.text = text;
        this.lines = new LineMap(text);
        this.color = color;
        this.width = Math.max(40, width);
    }

    String render(List<InlayHintItem> hints, List<Annotation> annotations) {
        int digits = Integer.toString(lines.lineCount()).length();
        String blankGutter = " ".repeat(digits + 2) + "│ ";
        StringBuilder out = new StringBuilder();
        List<InlayHintItem> sortedHints = new ArrayList<>(hints);
        sortedHints.sort(Comparator.comparingInt(InlayHintItem::offset));
        int nextHint = 0;
        for (int line = 0; line < lines.lineCount(); line++) {
            int start = lines.lineStart(line);
            int end = lines.lineEnd(line);
            if (line == lines.lineCount() - 1 && start == end && line > 0) {
                break; // the empty "line" after a final newline is not shown
            }
            List<InlayHintItem> onLine = new ArrayList<>();
            while (nextHint < sortedHints.size() && sortedHints.get(nextHint).offset() <= end) {
                if (sortedHints.get(nextHint).offset() >= start) {
                    onLine.add(sortedHints.get(nextHint));
                }
                nextHint++;
            }
            RenderedLine rendered = renderLine(start, end, onLine);
            String number = String.format("%" + (digits + 1) + "d │", line + 1);
            out.append(paint(DIM, number));
            if (!rendered.text().isEmpty()) {
                out.append(' ').append(rendered.text());
            }
            out.append('\n');
            for (Annotation a : annotations) {
                if (lines.line(a.finding().range().start()) == line) {
                    appendAnnotation(out, blankGutter, rendered, start, end, a);
                }
            }
        }
        return out.toString();
    }

    /**
     * One source line with its hints after the code, as the README's picture shows them (an editor draws them at
     * their offsets; at the end of the line they read like a comment and never split the code). {@code columns[i]}
     * is where source column i (a UTF-16 index) is displayed.
     */
    private record RenderedLine(String text, int[] columns) {
    }

    private RenderedLine renderLine(int start, int end, List<InlayHintItem> hints) {
        String source = text.substring(start, end).replace('\t', ' ').stripTrailing();
        int[] columns = new int[end - start + 1];
        int visible = 0;
        for (int i = 0; i < columns.length; i++) {
            columns[i] = visible;
            if (i < source.length() && !Character.isLowSurrogate(source.charAt(i))) {
                visible++;
            }
        }
        StringBuilder sb = new StringBuilder(source);
        for (int h = 0; h < hints.size(); h++) {
            sb.append(h == 0 ? "   " : "  ").append(paint(HINT, hints.get(h).labelText()));
        }
        return new RenderedLine(sb.toString(), columns);
    }

    private void appendAnnotation(StringBuilder out, String gutter, RenderedLine line, int lineStart, int lineEnd,
                                  Annotation a) {
        Finding f = a.finding();
        int from = Math.min(f.range().start(), lineEnd) - lineStart;
        int to = Math.min(Math.max(f.range().end(), f.range().start() + 1), lineEnd) - lineStart;
        int col = line.columns()[from];
        int squiggle = Math.max(1, line.columns()[Math.max(from, to)] - col);
        String sev = severityColor(f.severity());
        String head = "~".repeat(squiggle) + " " + symbol(f.severity()) + " " + f.code() + " ";
        int indent = col + head.codePointCount(0, head.length()) - f.code().length() - 1;
        List<String> wrapped = wrap(f.message(), width - gutter.length() - indent);
        out.append(paint(DIM, gutter)).append(" ".repeat(col)).append(paint(sev, head + wrapped.get(0))).append('\n');
        for (int i = 1; i < wrapped.size(); i++) {
            out.append(paint(DIM, gutter)).append(" ".repeat(indent)).append(paint(sev, wrapped.get(i))).append('\n');
        }
        int fixIndent = col + squiggle + 1;
        for (CodeActionItem fix : a.fixes()) {
            String result = resultLine(fix.edits());
            out.append(paint(DIM, gutter)).append(" ".repeat(fixIndent))
                    .append(paint(FIX, "💡 " + fix.title() + (result == null ? "" : "   → " + result))).append('\n');
        }
    }

    /** "line N becomes ..." for a fix whose edits stay on one line; null otherwise. */
    private String resultLine(List<TextChange> edits) {
        if (edits.isEmpty()) {
            return null;
        }
        int line = lines.line(edits.get(0).range().start());
        for (TextChange e : edits) {
            if (lines.line(e.range().start()) != line || lines.line(e.range().end()) != line
                    || e.newText().indexOf('\n') >= 0) {
                return null;
            }
        }
        int start = lines.lineStart(line);
        StringBuilder sb = new StringBuilder(text.substring(start, lines.lineEnd(line)));
        List<TextChange> backwards = new ArrayList<>(edits);
        backwards.sort(Comparator.comparingInt((TextChange e) -> e.range().start()).reversed());
        for (TextChange e : backwards) {
            sb.replace(e.range().start() - start, e.range().end() - start, e.newText());
        }
        return "line " + (line + 1) + " becomes " + sb.toString().strip();
    }

    static List<String> wrap(String message, int width) {
        int w = Math.max(30, width);
        List<String> out = new ArrayList<>();
        for (String paragraph : message.split("\n")) {
            StringBuilder cur = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (cur.length() > 0 && cur.length() + 1 + word.length() > w) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (cur.length() > 0) {
                    cur.append(' ');
                }
                cur.append(word);
            }
            out.add(cur.toString());
        }
        return out;
    }

    private static final Map<Severity, String> SYMBOLS = Map.of(Severity.ERROR, "✖", Severity.WARNING, "⚠",
            Severity.INFORMATION, "ℹ", Severity.HINT, "·");

    static String symbol(Severity s) {
        return SYMBOLS.get(s);
    }

    private static String severityColor(Severity s) {
        return switch (s) {
            case ERROR -> "\u001b[31m";
            case WARNING -> "\u001b[33m";
            case INFORMATION -> "\u001b[34m";
            case HINT -> DIM;
        };
    }

    private String paint(String style, String s) {
        return color ? style + s + RESET : s;
    }
}
