package dev.memlens.lsp;

import dev.memlens.syntax.LineMap;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random incremental edits in every encoding: the server's copy must equal the client's after each batch. The
 * client's side here is the obvious model, independent of the server's code.
 */
class DocumentSyncTest {

    private static final String URI = "file:///tmp/ws/sync.py";
    private static final String[] PIECES = {"a", "xyz", "\n", "\r\n", "\r", "é", "🐍", "中文", "\t", "", "  ",
            "def f():\n    return 1\n"};

    @Test
    void randomEditsStayExactInEveryEncoding() {
        for (String encoding : List.of("utf-16", "utf-8", "utf-32")) {
            try (LspSession s = new LspSession()) {
                InitializeParams p = LspSession.params("vscode-initialize.json");
                p.getCapabilities().getGeneral().setPositionEncodings(List.of(encoding));
                s.initialize(p);
                Random random = new Random(encoding.hashCode());
                String text = "x = 1\ny = 'é🐍'\r\nz = [x, y]\n";
                s.open(URI, text);
                for (int version = 2; version < 60; version++) {
                    int n = 1 + random.nextInt(3);
                    List<TextDocumentContentChangeEvent> changes = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int a = codePointBoundary(text, random.nextInt(text.length() + 1));
                        int b = codePointBoundary(text, Math.min(text.length(), a + random.nextInt(6)));
                        String insert = PIECES[random.nextInt(PIECES.length)];
                        if (text.charAt(Math.max(0, a - 1)) == '\r' && a < text.length() && text.charAt(a) == '\n') {
                            a--;   // a position between \r and \n does not exist for the client either
                        }
                        if (b > 0 && b < text.length() && text.charAt(b - 1) == '\r' && text.charAt(b) == '\n') {
                            b++;
                        }
                        changes.add(new TextDocumentContentChangeEvent(
                                new Range(position(text, a, encoding), position(text, b, encoding)), insert));
                        text = text.substring(0, a) + insert + text.substring(b);
                    }
                    s.change(URI, version, changes.toArray(TextDocumentContentChangeEvent[]::new));
                    if (version % 10 == 0 || version == 59) {
                        assertEquals(TestProbe.digest(text), s.state(URI).get("digest").getAsString(),
                                encoding + " v" + version + ": " + text);
                    }
                }
                assertEquals(59, s.state(URI).get("version").getAsInt());
            }
        }
    }

    private static int codePointBoundary(String text, int offset) {
        if (offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))
                && Character.isHighSurrogate(text.charAt(offset - 1))) {
            return offset - 1;
        }
        return offset;
    }

    /** The client's view of a position, counted by hand. */
    private static Position position(String text, int offset, String encoding) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        String prefix = text.substring(lineStart, offset);
        int column = switch (encoding) {
            case "utf-8" -> prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case "utf-32" -> prefix.codePointCount(0, prefix.length());
            default -> prefix.length();
        };
        return new Position(line, column);
    }

    @Test
    void fullReplacementAndVersions() {
        try (LspSession s = new LspSession()) {
            s.initialize("vscode-initialize.json");
            s.open(URI, "old", 7);
            s.change(URI, 8, new TextDocumentContentChangeEvent("new text\n"));
            assertEquals(TestProbe.digest("new text\n"), s.state(URI).get("digest").getAsString());
            assertEquals(8, s.state(URI).get("version").getAsInt());
            s.close(URI);
            assertEquals(false, s.state(URI).get("open").getAsBoolean());
            s.open(URI, "again", 1);
            s.open(URI, "reopened without a close", 1);
            assertEquals(TestProbe.digest("reopened without a close"), s.state(URI).get("digest").getAsString());
        }
    }

    @Test
    void lineMapAgreesWithTheClientModel() {
        String text = "a\r\nb\rc\n🐍é\n";
        LineMap lines = new LineMap(text);
        for (int o = 0; o <= text.length(); o++) {
            if (o > 0 && o < text.length() && Character.isLowSurrogate(text.charAt(o))) {
                continue;
            }
            if (o > 0 && text.charAt(o - 1) == '\r' && o < text.length() && text.charAt(o) == '\n') {
                continue;
            }
            Position p = position(text, o, "utf-16");
            assertEquals(o, lines.offset(p.getLine(), p.getCharacter()), "offset " + o);
        }
    }
}
