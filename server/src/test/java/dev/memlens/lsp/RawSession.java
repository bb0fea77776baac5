package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that speaks JSON-RPC by hand, for what lsp4j's client would never send: broken JSON, wrong params,
 * unknown methods, escaped lone surrogates. Reads the server's output strictly, so anything on the protocol stream
 * that is not a well-formed message is recorded as garbage. Answers the server's own requests with null.
 */
final class RawSession implements AutoCloseable {

    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    final List<String> garbage = new CopyOnWriteArrayList<>();
    /** The answer to the server's {@code workspace/configuration}: one empty section unless a test sets it. */
    volatile JsonElement configuration = JsonParser.parseString("[{}]");
    /** Every response by its numeric id, until {@link #take} removes it. */
    final java.util.concurrent.ConcurrentHashMap<Long, JsonObject> responses = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Whether {@link #received} keeps every message. Long runs (the soak) turn it off: the client's own memory must
     * not grow with the session, or it would hide the server's.
     */
    volatile boolean keepAll = true;
    private final OutputStream out;
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Thread reader;
    private volatile boolean ended;

    RawSession(InputStream fromServer, OutputStream toServer) {
        this.out = toServer;
        this.reader = new Thread(() -> read(fromServer), "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    boolean ended() {
        return ended;
    }

    void sendRaw(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sendBytes(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), bytes);
    }

    void sendBytes(byte[]... parts) {
        try {
            synchronized (out) {
                for (byte[] p : parts) {
                    out.write(p);
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int request(String method, String paramsJson) {
        int id = ids.incrementAndGet();
        sendRaw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        return id;
    }

    void notify(String method, String paramsJson) {
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
    }

    JsonObject response(int id) {
        return Await.until("response to " + id, () -> {
            for (JsonObject m : received) {
                JsonElement got = m.get("id");
                if (!m.has("method") && got != null && got.isJsonPrimitive() && got.getAsJsonPrimitive().isNumber()
                        && got.getAsBigDecimal().equals(java.math.BigDecimal.valueOf(id))) {
                    return m;
                }
            }
            return null;
        });
    }

    /** The response to {@code id}, removed from {@link #responses}: for sessions that do not keep every message. */
    JsonObject take(int id) {
        return Await.until("response to " + id, () -> responses.remove((long) id));
    }

    JsonObject call(String method, String paramsJson) {
        return response(request(method, paramsJson));
    }

    JsonObject notification(String method, java.util.function.Predicate<JsonObject> matching) {
        return Await.until(method, () -> {
            for (JsonObject m : received) {
                if (method.equals(str(m, "method")) && !m.has("id") && matching.test(m)) {
                    return m;
                }
            }
            return null;
        });
    }

    JsonObject initialize(String resource) {
        JsonObject params = JsonParser.parseString(LspSession.resource(resource)).getAsJsonObject();
        JsonObject r = call("initialize", params.toString());
        notify("initialized", "{}");
        return r;
    }

    JsonObject documentState(String uri) {
        JsonObject p = new JsonObject();
        p.addProperty("uri", uri);
        return call("memlens/test/documentState", p.toString()).getAsJsonObject("result");
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static int errorCode(JsonObject response) {
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    static String quote(String s) {
        JsonArray a = new JsonArray();
        a.add(s);
        String json = a.toString();
        return json.substring(1, json.length() - 1);
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        if (header.size() > 0) {
                            garbage.add("truncated header: " + header.toString(StandardCharsets.US_ASCII));
                        }
                        return;
                    }
                    header.write(b);
                    String h = header.toString(StandardCharsets.US_ASCII);
                    if (h.endsWith("\r\n\r\n")) {
                        for (String line : h.split("\r\n")) {
                            if (line.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            } else if (!line.isEmpty() && !line.toLowerCase().startsWith("content-type:")) {
                                garbage.add("header line: " + line);
                            }
                        }
                        break;
                    }
                    if (header.size() > 200) {
                        garbage.add("not a header: " + h);
                        return;
                    }
                }
                if (length < 0) {
                    garbage.add("no content length");
                    return;
                }
                byte[] body = in.readNBytes(length);
                JsonObject message = JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
                        .getAsJsonObject();
                if (keepAll) {
                    received.add(message);
                }
                JsonElement rid = message.get("id");
                if (!message.has("method") && rid != null && rid.isJsonPrimitive()
                        && rid.getAsJsonPrimitive().isNumber()) {
                    try {
                        responses.merge(rid.getAsBigDecimal().longValueExact(), message, (a, b) -> {
                            garbage.add("a second response to " + rid + ": " + b);
                            return a;
                        });
                    } catch (ArithmeticException notALong) {
                        // ids the tests send are small integers; others are for received to show
                    }
                }
                if (message.has("method") && message.has("id")) {
                    JsonElement result = "workspace/configuration".equals(str(message, "method"))
                            ? configuration : JsonNull.INSTANCE;
                    JsonObject answer = new JsonObject();
                    answer.addProperty("jsonrpc", "2.0");
                    answer.add("id", message.get("id"));
                    answer.add("result", result);
                    sendRaw(answer.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof UncheckedIOException)) {
                garbage.add("reader stopped: " + e);
            }
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
