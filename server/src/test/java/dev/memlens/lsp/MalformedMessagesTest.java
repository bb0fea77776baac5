package dev.memlens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed-message corpus: every way a client or a broken pipe can get a message wrong, replayed against one
 * server. Each case checks the answer the specification asks for (an error with the right code and id for a request,
 * nothing for a notification) and that a hover sent right after it is served.
 */
class MalformedMessagesTest {

    private static final String URI = "file:///tmp/ws/corpus.py";
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int INVALID_PARAMS = -32602;
    private static final int NOT_INITIALIZED = -32002;

    /** What a case must get: an error with this code for this id, a result for it, or no answer at all. */
    private record Expect(JsonElement id, Integer code, boolean result) {
        static Expect error(JsonElement id, int code) {
            return new Expect(id, code, false);
        }

        static Expect result(JsonElement id) {
            return new Expect(id, null, true);
        }

        static Expect nothing() {
            return new Expect(null, null, false);
        }
    }

    private record Case(String name, byte[] bytes, Expect expect) {
        static Case body(String name, String json, Expect expect) {
            return new Case(name, frame(json.getBytes(StandardCharsets.UTF_8)), expect);
        }
    }

    private static byte[] frame(byte[] body) {
        return concat(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static JsonElement id(long n) {
        return new JsonPrimitive(n);
    }

    private static String hover(Object id, String uri) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"" + uri + "\"},\"position\":{\"line\":0,\"character\":0}}}";
    }

    private static String codeAction(int id, String diagnostic) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/codeAction\",\"params\":{"
                + "\"textDocument\":{\"uri\":\"" + URI + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},"
                + "\"end\":{\"line\":0,\"character\":1}},\"context\":{\"diagnostics\":[" + diagnostic + "]}}}";
    }

    private static String array(int bytes) {
        StringBuilder sb = new StringBuilder("[");
        while (sb.length() < bytes) {
            sb.append(sb.length() > 1 ? "," : "").append("12345");
        }
        return sb.append(']').toString();
    }

    /** The corpus, in the order it is replayed (requests after shutdown come last, in their own test). */
    private static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(Case.body("truncated JSON with a readable id",
                "{\"jsonrpc\":\"2.0\",\"id\":7001,\"method\":\"textDocument/hover\",\"params\":{",
                Expect.error(id(7001), PARSE_ERROR)));
        cases.add(Case.body("not JSON at all", "this is not json", Expect.error(JsonNull.INSTANCE, PARSE_ERROR)));
        cases.add(Case.body("a JSON array under 8 KB", array(6_000), Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("a JSON array over 8 KB (desynchronized lsp4j's reader)", array(9_000),
                Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("a JSON array of 1 MB", array(1 << 20), Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("a JSON string", "\"hello\"", Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("a JSON number", "42", Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("JSON null", "null", Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("an empty object", "{}", Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("an empty body", "", Expect.error(JsonNull.INSTANCE, PARSE_ERROR)));
        cases.add(Case.body("trailing data after the message", hover(7002, URI) + "{}",
                Expect.error(id(7002), PARSE_ERROR)));
        cases.add(Case.body("single quotes (lenient JSON)", "{'jsonrpc':'2.0','id':7003,'method':'textDocument/hover'}",
                Expect.error(id(7003), PARSE_ERROR)));
        cases.add(Case.body("a duplicate id (the last one counts, as in lsp4j)",
                hover(7004, URI).replace("\"id\":7004", "\"id\":7004,\"id\":7005"), Expect.result(id(7005))));
        cases.add(Case.body("params nested 100,000 deep", "{\"jsonrpc\":\"2.0\",\"id\":7006,\"method\":"
                + "\"textDocument/hover\",\"params\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                Expect.error(id(7006), PARSE_ERROR)));
        cases.add(Case.body("an object as id", hover("{\"a\":1}", URI), Expect.error(JsonNull.INSTANCE,
                INVALID_REQUEST)));
        cases.add(Case.body("a fraction as id", hover("1.5", URI), Expect.error(new JsonPrimitive(
                new BigDecimal("1.5")), INVALID_REQUEST)));
        cases.add(Case.body("an id beyond 32 bits", hover("5000000000", URI), Expect.error(id(5_000_000_000L),
                INVALID_REQUEST)));
        cases.add(Case.body("a boolean as id", hover("true", URI), Expect.error(JsonNull.INSTANCE, INVALID_REQUEST)));
        cases.add(Case.body("a null id on a request", hover("null", URI), Expect.error(JsonNull.INSTANCE,
                INVALID_REQUEST)));
        cases.add(Case.body("a string id", hover("\"abc\"", URI), Expect.result(new JsonPrimitive("abc"))));
        cases.add(Case.body("a number as method", "{\"jsonrpc\":\"2.0\",\"id\":7010,\"method\":5}",
                Expect.error(id(7010), INVALID_REQUEST)));
        cases.add(Case.body("an object as jsonrpc", "{\"jsonrpc\":{},\"id\":7011,\"method\":\"shutdown\"}",
                Expect.error(id(7011), INVALID_REQUEST)));
        cases.add(Case.body("a string as params", "{\"jsonrpc\":\"2.0\",\"id\":7012,\"method\":\"textDocument/hover\","
                + "\"params\":\"x\"}", Expect.error(id(7012), INVALID_PARAMS)));
        cases.add(Case.body("a string as position", "{\"jsonrpc\":\"2.0\",\"id\":7013,\"method\":"
                + "\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":\"here\"}}",
                Expect.error(id(7013), INVALID_PARAMS)));
        cases.add(Case.body("a string as line", "{\"jsonrpc\":\"2.0\",\"id\":7014,\"method\":"
                + "\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":"
                + "{\"line\":\"zero\",\"character\":0}}}", Expect.error(id(7014), INVALID_PARAMS)));
        cases.add(Case.body("a number as a diagnostic's message in codeAction", codeAction(7015,
                "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":1}},"
                        + "\"message\":42}"), Expect.error(id(7015), INVALID_PARAMS)));
        cases.add(Case.body("an object as a diagnostic's code in codeAction", codeAction(7016,
                "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":1}},"
                        + "\"message\":\"m\",\"code\":{\"x\":1}}"), Expect.error(id(7016), INVALID_PARAMS)));
        cases.add(Case.body("an unknown method", "{\"jsonrpc\":\"2.0\",\"id\":7017,\"method\":\"memlens/nope\"}",
                Expect.error(id(7017), METHOD_NOT_FOUND)));
        cases.add(Case.body("an unknown $/ request", "{\"jsonrpc\":\"2.0\",\"id\":7018,\"method\":\"$/nope\"}",
                Expect.error(id(7018), METHOD_NOT_FOUND)));
        cases.add(Case.body("$/cancelRequest sent as a request", "{\"jsonrpc\":\"2.0\",\"id\":7019,\"method\":"
                + "\"$/cancelRequest\",\"params\":{\"id\":1}}", Expect.error(id(7019), METHOD_NOT_FOUND)));
        cases.add(Case.body("an unknown notification", "{\"jsonrpc\":\"2.0\",\"method\":\"memlens/nope\"}",
                Expect.nothing()));
        cases.add(Case.body("an unknown $/ notification", "{\"jsonrpc\":\"2.0\",\"method\":\"$/nope\",\"params\":{}}",
                Expect.nothing()));
        cases.add(Case.body("a cancel with an object as id", "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                + "\"params\":{\"id\":{}}}", Expect.nothing()));
        cases.add(Case.body("a cancel of a request never sent", "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                + "\"params\":{\"id\":999999}}", Expect.nothing()));
        cases.add(Case.body("a request sent as a notification (hover without id)", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":"
                + "{\"line\":0,\"character\":0}}}", Expect.nothing()));
        cases.add(Case.body("shutdown without an id", "{\"jsonrpc\":\"2.0\",\"method\":\"shutdown\"}", Expect.nothing()));
        cases.add(Case.body("a notification with an id (didOpen)", "{\"jsonrpc\":\"2.0\",\"id\":7020,\"method\":"
                + "\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/ws/with-id.py\","
                + "\"languageId\":\"python\",\"version\":1,\"text\":\"z = [1]\\n\"}}}",
                Expect.error(id(7020), INVALID_REQUEST)));
        cases.add(Case.body("a wrong type in a notification's params", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"},"
                + "\"contentChanges\":7}}", Expect.nothing()));
        cases.add(Case.body("a response to nothing", "{\"jsonrpc\":\"2.0\",\"id\":123456,\"result\":{}}",
                Expect.nothing()));
        cases.add(Case.body("a response with a broken error", "{\"jsonrpc\":\"2.0\",\"id\":123457,\"error\":5}",
                Expect.nothing()));
        cases.add(Case.body("a response with an object id", "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":1}",
                Expect.nothing()));
        cases.add(new Case("a lower-case header and an unknown one", concat(("content-length: "
                + hover(7021, URI).length() + "\r\nX-Whatever: yes\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                hover(7021, URI).getBytes(StandardCharsets.UTF_8)), Expect.result(id(7021))));
        cases.add(new Case("a length that is not a number", concat("Content-Length: twelve\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), hover(7022, URI).getBytes(StandardCharsets.UTF_8)),
                Expect.nothing()));
        cases.add(new Case("a negative length", concat("Content-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                hover(7023, URI).getBytes(StandardCharsets.UTF_8)), Expect.nothing()));
        cases.add(new Case("no header at all", hover(7024, URI).getBytes(StandardCharsets.UTF_8), Expect.nothing()));
        byte[] longer = hover(7025, URI).getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("a length shorter than the body", concat(("Content-Length: 20\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), longer), Expect.error(JsonNull.INSTANCE, PARSE_ERROR)));
        cases.add(new Case("bare line ends between messages", "\r\n\r\n\n".getBytes(StandardCharsets.US_ASCII),
                Expect.nothing()));
        cases.add(new Case("binary garbage between messages", new byte[]{0, (byte) 0xff, 1, (byte) 0xfe, '\n', 0},
                Expect.nothing()));
        cases.add(new Case("invalid UTF-8 in a document's text", frame(concat(("{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/ws/bad-utf8.py\","
                + "\"languageId\":\"python\",\"version\":1,\"text\":\"x = '").getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xc3, (byte) 0x28, (byte) 0xff}, "'\\n\"}}}".getBytes(StandardCharsets.UTF_8))),
                Expect.nothing()));
        cases.add(Case.body("a BOM before the JSON (JSON readers may skip it)", "\uFEFF" + hover(7026, URI),
                Expect.result(id(7026))));
        cases.add(Case.body("a hover on a document opened with an id", hover(7027, "file:///tmp/ws/with-id.py"),
                Expect.result(id(7027))));
        StringBuilder big = new StringBuilder();
        while (big.length() < 2_000_000) {
            big.append("name_").append(big.length()).append(" = [1, 2, 3]\\n");
        }
        cases.add(Case.body("a 2 MB document", "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
                + "{\"textDocument\":{\"uri\":\"file:///tmp/ws/big.py\",\"languageId\":\"python\",\"version\":1,"
                + "\"text\":\"" + big + "\"}}}", Expect.nothing()));
        return cases;
    }

    @Test
    void everyCaseIsAnsweredAsTheSpecificationSaysAndTheNextHoverIsServed() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":\"x = [1]\\ny = x\\n\"}}");
            int served = 0;
            for (Case k : corpus()) {
                replay(c, k);
                served++;
            }
            assertTrue(c.garbage.isEmpty(), c.garbage.toString());
            assertEquals("x = [1]\ny = x\n".length(), c.documentState(URI).get("length").getAsInt(),
                    "the wrongly typed didChange left the text alone");
            System.out.println("[malformed corpus] " + served + " cases answered as specified, each followed by a "
                    + "served hover");
        }
    }

    @Test
    void oversizedBodyIsSkippedAndItsRequestAnswered() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":\"x = 1\\n\"}}");
            byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":7100,\"method\":\"textDocument/hover\",\"params\":{\"pad\":\"")
                    .getBytes(StandardCharsets.UTF_8);
            long length = GuardedMessageReader.MAX_BODY + 10;
            byte[] header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            c.sendBytes(header, head);
            long rest = length - head.length;
            while (rest > 0) {
                int n = (int) Math.min(chunk.length, rest);
                c.sendBytes(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n));
                rest -= n;
            }
            JsonObject r = Await.until("answer to the oversized request", () -> firstFor(c, id(7100), 0));
            assertEquals(INVALID_REQUEST, RawSession.errorCode(r), r.toString());
            replay(c, new Case("nothing more", new byte[0], Expect.nothing()));
        }
    }

    @Test
    void requestsAfterShutdownAreInvalidAndExitStillWorks() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            assertTrue(c.call("shutdown", "null").has("result"));
            for (String method : new String[]{"textDocument/hover", "memlens/nope", "$/nope", "shutdown",
                    "initialize"}) {
                JsonObject r = c.call(method, "{}");
                assertEquals(INVALID_REQUEST, RawSession.errorCode(r), method + ": " + r);
            }
            c.notify("exit", "null");
            assertEquals(0, h.exitCode.join());
        }
    }

    @Test
    void requestsBeforeInitializeAreNotInitialized() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            for (String method : new String[]{"textDocument/hover", "memlens/nope", "shutdown"}) {
                JsonObject r = c.call(method, "{}");
                assertEquals(NOT_INITIALIZED, RawSession.errorCode(r), method + ": " + r);
            }
            assertTrue(c.initialize("vscode-initialize.json").has("result"));
        }
    }

    /** Sends one case, then a hover, and checks the case's answer and the hover's. */
    private static void replay(RawSession c, Case k) {
        int before = c.received.size();
        long nullIdBefore = countFor(c, JsonNull.INSTANCE);
        c.sendBytes(k.bytes());
        JsonObject hover = c.response(c.request("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + URI
                + "\"},\"position\":{\"line\":1,\"character\":0}}"));
        assertTrue(hover.has("result"), k.name() + ": the hover after it was not served: " + hover);
        Expect e = k.expect();
        if (e.id() == null) {
            for (JsonObject m : c.received.subList(before, c.received.size())) {
                boolean response = !m.has("method") && m.has("id");
                assertFalse(response && m != hover, k.name() + ": expected no answer, got " + m);
            }
            return;
        }
        JsonObject answer = Await.until(k.name(), () -> firstFor(c, e.id(), before));
        long count = e.id().isJsonNull() ? countFor(c, e.id()) - nullIdBefore : countFor(c, e.id());
        assertEquals(1, count, k.name() + ": answered " + count + " times");
        if (e.result()) {
            assertTrue(answer.has("result"), k.name() + ": " + answer);
        } else {
            assertTrue(answer.has("error"), k.name() + ": " + answer);
            assertEquals(e.code().intValue(), RawSession.errorCode(answer), k.name() + ": " + answer);
            assertFalse(answer.getAsJsonObject("error").has("data"), k.name() + ": " + answer);
        }
    }

    private static JsonObject firstFor(RawSession c, JsonElement id, int from) {
        for (JsonObject m : c.received.subList(from, c.received.size())) {
            if (!m.has("method") && sameId(m.get("id"), id)) {
                return m;
            }
        }
        return null;
    }

    private static long countFor(RawSession c, JsonElement id) {
        return c.received.stream().filter(m -> !m.has("method") && sameId(m.get("id"), id)).count();
    }

    private static boolean sameId(JsonElement a, JsonElement b) {
        if (a == null) {
            return false;
        }
        if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()
                && b.getAsJsonPrimitive().isNumber()) {
            return a.getAsBigDecimal().compareTo(b.getAsBigDecimal()) == 0;
        }
        return a.equals(b) || JsonParser.parseString(a.toString()).equals(b);
    }
}
