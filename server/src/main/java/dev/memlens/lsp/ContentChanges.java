package dev.memlens.lsp;

import dev.memlens.syntax.LineMap;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * Applies {@code didChange} content changes to a text, in order, each against the result of the previous one.
 * Positions past a line's end or the text's end clamp to that end. A change that cannot be understood is reported
 * and skipped: the text is never cut or lost because of one bad change.
 */
final class ContentChanges {

    private ContentChanges() {
    }

    static String apply(String text, List<TextDocumentContentChangeEvent> changes, LineMap.Encoding encoding,
                        Consumer<String> problems) {
        if (changes == null) {
            problems.accept("didChange without contentChanges");
            return text;
        }
        String current = text;
        for (int i = 0; i < changes.size(); i++) {
            TextDocumentContentChangeEvent change = changes.get(i);
            if (change == null || change.getText() == null) {
                problems.accept("content change " + i + " has no text; skipped");
                continue;
            }
            Range range = change.getRange();
            if (range == null) {
                current = change.getText();
                continue;
            }
            if (range.getStart() == null || range.getEnd() == null) {
                problems.accept("content change " + i + " has an incomplete range; skipped");
                continue;
            }
            LineMap lines = new LineMap(current);
            int start = offset(current, lines, range.getStart(), encoding);
            int end = offset(current, lines, range.getEnd(), encoding);
            if (end < start) {
                problems.accept("content change " + i + " ends before it starts " + range + "; skipped");
                continue;
            }
            current = current.substring(0, start) + change.getText() + current.substring(end);
        }
        return current;
    }

    /**
     * In UTF-16, the client's columns are exactly our string indices, so an edit may split a surrogate pair (some
     * editors do when deleting half of one): honour it rather than round to the pair, or our copy of the text would
     * drift from the client's. The other encodings cannot address half a character anyway.
     */
    private static int offset(String text, LineMap lines, Position p, LineMap.Encoding encoding) {
        int line = p.getLine();
        if (line < 0) {
            return 0;
        }
        if (line >= lines.lineCount()) {
            return text.length();
        }
        if (encoding == LineMap.Encoding.UTF16) {
            int start = lines.lineStart(line);
            long column = Math.max(0, p.getCharacter());
            return (int) Math.min(start + column, lines.lineEnd(line));
        }
        return lines.offset(line, p.getCharacter(), encoding);
    }
}
