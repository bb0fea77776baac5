package dev.memlens.lsp;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's own copy of a document, edited the way an editor edits it: LSP positions in UTF-16 code units, lines
 * ending at {@code \n}, {@code \r\n} or a lone {@code \r}. Written here from the specification, not with the server's
 * classes, so that a mistake in the server's position arithmetic shows as a difference.
 */
final class ClientCopy {

    /** A position in LSP terms. */
    record Position(int line, int character) {
        String json() {
            return "{\"line\":" + line + ",\"character\":" + character + "}";
        }
    }

    final String uri;
    String text;
    int version = 1;

    ClientCopy(String uri, String text) {
        this.uri = uri;
        this.text = text;
    }

    /** The offsets where lines start. */
    private List<Integer> lineStarts() {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r') {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    Position position(int offset) {
        List<Integer> starts = lineStarts();
        int line = 0;
        while (line + 1 < starts.size() && starts.get(line + 1) <= offset) {
            line++;
        }
        return new Position(line, offset - starts.get(line));
    }

    /**
     * An offset an editor could put a cursor at: never inside a surrogate pair or between the {@code \r} and the
     * {@code \n} of a line break, which no LSP position can name.
     */
    int cursor(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        while (o > 0 && o < text.length() && (Character.isLowSurrogate(text.charAt(o))
                && Character.isHighSurrogate(text.charAt(o - 1))
                || text.charAt(o) == '\n' && text.charAt(o - 1) == '\r')) {
            o--;
        }
        return o;
    }

    /** Replaces {@code [start, end)} and returns the change as a {@code TextDocumentContentChangeEvent}. */
    String replace(int start, int end, String newText) {
        Position s = position(start);
        Position e = position(end);
        text = text.substring(0, start) + newText + text.substring(end);
        return "{\"range\":{\"start\":" + s.json() + ",\"end\":" + e.json() + "},\"text\":" + RawSession.quote(newText)
                + "}";
    }

    /** Replaces the whole text (a change without a range). */
    String replaceAll(String newText) {
        text = newText;
        return "{\"text\":" + RawSession.quote(newText) + "}";
    }
}
