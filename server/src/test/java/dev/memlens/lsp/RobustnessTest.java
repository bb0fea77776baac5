package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input of every kind gets an error or an empty answer, and the server goes on serving the exact text. */
class RobustnessTest {

    private static final String URI = "file:///tmp/ws/t.py";

    private static void open(RawSession c, String uri, String textJson) {
        c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri
                + "\",\"languageId\":\"python\",\"version\":1,\"text\":" + textJson + "}}");
    }

    private static String hoverParams(String uri, int line, int character) {
        return "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":" + line + ",\"character\":"
                + character + "}}";
    }

    /** Still alive and answering: a hover round trip. */
    private static void assertServing(RawSession c) {
        JsonObject r = c.call("textDocument/hover", hoverParams(URI, 0, 0));
        assertTrue(r.has("result"), "server answers: " + r);
    }

    @Test
    void brokenJsonIsAnsweredOrDroppedAndServingGoesOn() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, URI, "\"x = 1\\n\"");
            c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{");
            c.sendRaw("this is not json");
            c.sendRaw("[1, 2, 3]");
            c.sendRaw("{}");
            c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":2}");
            assertServing(c);
            assertEquals("x = 1\n".length(), c.documentState(URI).get("length").getAsInt());
            assertTrue(c.garbage.isEmpty(), c.garbage.toString());
        }
    }

    @Test
    void wrongParamsGetAnErrorResponse() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, URI, "\"x = 1\\n\"");
            JsonObject missing = c.call("textDocument/hover", "{}");
            assertTrue(missing.has("error") || missing.get("result").isJsonNull(), missing.toString());
            JsonObject wrongType = c.call("textDocument/hover",
                    "{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":\"here\"}");
            assertTrue(wrongType.has("error"), wrongType.toString());
            JsonObject arrayParams = c.call("textDocument/inlayHint", "[1,2]");
            assertTrue(arrayParams.has("error") || arrayParams.has("result"), arrayParams.toString());
            c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + URI + "\"},\"contentChanges\":7}");
            c.notify("textDocument/didChange", "{\"contentChanges\":[{\"text\":\"gone\"}]}");
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"file:///no-text.py\"}}");
            assertServing(c);
            assertEquals("x = 1\n".length(), c.documentState(URI).get("length").getAsInt());
        }
    }

    @Test
    void unknownMethods() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            JsonObject r = c.call("memlens/noSuchThing", "{}");
            assertEquals(-32601, RawSession.errorCode(r), r.toString());
            JsonObject r2 = c.call("textDocument/semanticTokens/full", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            assertEquals(-32601, RawSession.errorCode(r2), r2.toString());
            c.notify("memlens/unknownNotification", "{}");
            c.notify("$/setTrace", "{\"value\":\"verbose\"}");
            c.notify("$/someExtension", "{}");
            c.notify("$/progress", "{\"token\":1,\"value\":{}}");
            assertServing(c);
            long errorResponses = c.received.stream().filter(m -> m.has("error")).count();
            assertEquals(2, errorResponses, "notifications are never answered");
        }
    }

    @Test
    void requestsForUnopenedDocumentsAreEmpty() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            String other = "file:///never/opened.py";
            assertTrue(c.call("textDocument/hover", hoverParams(other, 3, 4)).get("result").isJsonNull());
            JsonObject hints = c.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":\"" + other
                    + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":9,\"character\":0}}}");
            assertEquals(new JsonArray(), hints.get("result"));
            JsonObject actions = c.call("textDocument/codeAction", "{\"textDocument\":{\"uri\":\"" + other
                    + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},"
                    + "\"context\":{\"diagnostics\":[]}}");
            assertEquals(new JsonArray(), actions.get("result"));
            JsonObject diag = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + other + "\"}}");
            assertEquals("full", diag.getAsJsonObject("result").get("kind").getAsString());
            assertEquals(0, diag.getAsJsonObject("result").getAsJsonArray("items").size());
            c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + other + "\",\"version\":2},"
                    + "\"contentChanges\":[{\"text\":\"y\"}]}");
            c.notify("textDocument/didClose", "{\"textDocument\":{\"uri\":\"" + other + "\"}}");
            assertServing(c);
        }
    }

    @Test
    void outOfRangePositionsAndRangesClamp() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, URI, "\"a = 1\\nb = 2\\n\"");
            for (String pos : new String[]{"0,999", "999,0", "-5,-5", "2147483647,2147483647"}) {
                String[] lc = pos.split(",");
                JsonObject r = c.call("textDocument/hover", hoverParams(URI, Integer.parseInt(lc[0]),
                        Integer.parseInt(lc[1])));
                assertTrue(r.has("result"), r.toString());
            }
            JsonObject hints = c.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\"},\"range\":{\"start\":{\"line\":50,\"character\":3},\"end\":{\"line\":-1,\"character\":0}}}");
            assertEquals(new JsonArray(), hints.get("result"), hints.toString());
        }
    }

    @Test
    void editsPastTheEndClampAndMalformedChangesKeepTheText() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, URI, "\"ab\\ncd\"");
            change(c, 2, "{\"range\":{\"start\":{\"line\":1,\"character\":1},\"end\":{\"line\":99,\"character\":0}},"
                    + "\"text\":\"X\"}");
            assertText(c, "ab\ncX");
            change(c, 3, "{\"range\":{\"start\":{\"line\":0,\"character\":50},\"end\":{\"line\":0,\"character\":70}},"
                    + "\"text\":\"!\"}");
            assertText(c, "ab!\ncX");
            // end before start: skipped, the text stays
            change(c, 4, "{\"range\":{\"start\":{\"line\":1,\"character\":1},\"end\":{\"line\":0,\"character\":0}},"
                    + "\"text\":\"BAD\"}");
            assertText(c, "ab!\ncX");
            // a change without text is skipped; a later good change in the same notification still applies
            change(c, 5, "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}}},"
                    + "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},"
                    + "\"text\":\">\"}");
            assertText(c, ">ab!\ncX");
            assertEquals(5, c.documentState(URI).get("version").getAsInt());
            // a full replacement, then a change whose position is half missing
            change(c, 6, "{\"text\":\"new\\ntext\"},{\"range\":{\"start\":{\"line\":0}},\"text\":\"?\"}");
            assertText(c, "new\ntext");
            assertTrue(h.stderr().contains("skipped"), h.stderr());
            assertServing(c);
        }
    }

    @Test
    void fiftyThousandLines() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 50_000; i++) {
                sb.append("value_").append(i).append(" = [").append(i).append(", 'x']\n");
            }
            String text = sb.toString();
            open(c, URI, RawSession.quote(text));
            change(c, 2, "{\"range\":{\"start\":{\"line\":49999,\"character\":0},\"end\":{\"line\":49999,"
                    + "\"character\":5}},\"text\":\"VALUE\"}");
            String expected = text.substring(0, text.lastIndexOf("value_")) + "VALUE"
                    + text.substring(text.lastIndexOf("value_") + 5);
            assertEquals(TestProbe.digest(expected), c.documentState(URI).get("digest").getAsString());
            JsonObject diag = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            assertEquals(ExpectedDiagnostics.count(expected),
                    diag.getAsJsonObject("result").getAsJsonArray("items").size());
            assertTrue(c.call("textDocument/hover", hoverParams(URI, 49_999, 3)).has("result"));
        }
    }

    @Test
    void binaryFileNamedPy() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            byte[] bytes = new byte[4096];
            new Random(7).nextBytes(bytes);
            // what an editor makes of a binary file: the bytes decoded leniently, NULs and replacement chars included
            String text = new String(bytes, StandardCharsets.UTF_8);
            String uri = "file:///tmp/ws/image.py";
            open(c, uri, RawSession.quote(text));
            assertEquals(TestProbe.digest(text), c.documentState(uri).get("digest").getAsString());
            JsonObject diag = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + uri + "\"}}");
            assertTrue(diag.has("result"), diag.toString());
            assertTrue(c.call("textDocument/hover", hoverParams(uri, 3, 3)).has("result"));
            assertTrue(c.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":\"" + uri
                    + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":99,\"character\":0}}}")
                    .has("result"));
        }
    }

    @Test
    void nulBytesAndLoneSurrogatesStayExact() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            // JSON escapes survive the UTF-8 transport that raw lone surrogates would not
            open(c, URI, "\"a\\u0000b\\ud800c\\udc00d\\ud83d\\udc0de\\n\"");
            String text = "a\u0000b\ud800c\udc00d\ud83d\udc0de\n";
            assertEquals(TestProbe.digest(text), c.documentState(URI).get("digest").getAsString());
            // delete the lone high surrogate (UTF-16 column 3), then the low half of the snake's pair only
            change(c, 2, "{\"range\":{\"start\":{\"line\":0,\"character\":3},\"end\":{\"line\":0,\"character\":4}},"
                    + "\"text\":\"\"}");
            text = "a\u0000bc\udc00d\ud83d\udc0de\n";
            assertEquals(TestProbe.digest(text), c.documentState(URI).get("digest").getAsString());
            change(c, 3, "{\"range\":{\"start\":{\"line\":0,\"character\":7},\"end\":{\"line\":0,\"character\":8}},"
                    + "\"text\":\"\\u0000\"}");
            text = "a\u0000bc\udc00d\ud83d\u0000e\n";
            assertEquals(TestProbe.digest(text), c.documentState(URI).get("digest").getAsString());
            JsonObject diag = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            assertTrue(diag.has("result"));
            assertServing(c);
        }
    }

    @Test
    void vscodesNullSettingsNotificationMeansPullAgain() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            Await.condition("first pull", () -> pulls(c) == 1);
            c.notify("workspace/didChangeConfiguration", "{\"settings\":null}");
            Await.condition("second pull", () -> pulls(c) == 2);
        }
    }

    private static long pulls(RawSession c) {
        return c.received.stream().filter(m -> "workspace/configuration".equals(RawSession.str(m, "method"))).count();
    }

    @Test
    void nothingButProtocolOnTheOutput() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            open(c, URI, "\"x = (\\n\"");
            c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            c.call("shutdown", "null");
            assertTrue(c.garbage.isEmpty(), c.garbage.toString());
            assertFalse(c.ended());
        }
    }

    private static void change(RawSession c, int version, String changes) {
        c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + URI + "\",\"version\":" + version
                + "},\"contentChanges\":[" + changes + "]}");
    }

    private static void assertText(RawSession c, String expected) {
        JsonObject s = c.documentState(URI);
        assertEquals(expected.length(), s.get("length").getAsInt());
        assertEquals(TestProbe.digest(expected), s.get("digest").getAsString());
    }
}
