package dev.memlens.lsp;

import com.google.gson.JsonObject;
import dev.memlens.testing.DeepInputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on input nested far beyond real code: it analyzes it on its own threads and answers as usual. */
class DeepInputServerTest {

    private static final String TEXT = "x = [1]\ny = x\n";

    private static void open(RawSession c, String uri, String text) {
        c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":" + RawSession.quote(uri)
                + ",\"languageId\":\"python\",\"version\":1,\"text\":" + RawSession.quote(text) + "}}");
    }

    private static JsonObject hints(RawSession c, String uri, int lines) {
        return c.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":" + RawSession.quote(uri)
                + "},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":" + lines
                + ",\"character\":0}}}");
    }

    /** Whether the answer holds the hint {@code ≡ name} (its label is in parts: the name is a link). */
    private static boolean aliasHint(JsonObject response, String name) {
        for (var hint : response.getAsJsonArray("result")) {
            StringBuilder label = new StringBuilder();
            for (var part : hint.getAsJsonObject().getAsJsonArray("label")) {
                label.append(part.getAsJsonObject().get("value").getAsString());
            }
            if (label.toString().equals("≡ " + name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aUriOfTwentyThousandSegments() {
        String uri = "file:///tmp" + "/a".repeat(20_000) + "/deep.py";
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, uri, TEXT);
            JsonObject r = hints(c, uri, 2); // answered from the analysis of the text opened
            assertTrue(aliasHint(r, "x"), () -> "no alias hint; " + h.stderr());
            assertFalse(h.stderr().contains("StackOverflowError") || h.stderr().contains("failed"),
                    () -> h.stderr().substring(0, Math.min(2000, h.stderr().length())));
        }
    }

    @Test
    void aTenThousandTermExpressionAndFiveThousandBrackets() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            for (String shape : new String[] {"10,000-term a + a + ...", "5,000 nested ["}) {
                String uri = "file:///tmp/ws/" + shape.hashCode() + ".py";
                String text = DeepInputs.all().get(shape);
                open(c, uri, text);
                JsonObject r = hints(c, uri, (int) text.lines().count());
                assertTrue(aliasHint(r, "y"), () -> shape + ": " + r + "\n" + h.stderr());
            }
            assertFalse(h.stderr().contains("StackOverflowError") || h.stderr().contains("failed"), h.stderr());
        }
    }
}
