package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.fuzz.FuzzOptions;
import dev.memlens.rules.Checker;
import dev.memlens.rules.Finding;
import dev.memlens.rules.RuleSettings;
import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The LSP differential fuzzer: random incremental edits (multi-line, surrogate pairs, CRLF, deletions down to
 * nothing) on several documents, with requests racing the edits and cancellations racing the requests. Every
 * {@link #CHECK_EVERY} edits each document's text on the server must be the client's copy, and its diagnostics what
 * {@code check} (the parser, then the rules with default settings) says about that copy. At the end every request
 * must have exactly one answer: a result, RequestCancelled or ContentModified.
 */
final class LspDifferentialFuzzer {

    static final int CHECK_EVERY = 50;
    private static final int REQUEST_CANCELLED = -32800;
    private static final int CONTENT_MODIFIED = -32801;

    private static final String[] SNIPPETS = {
        "\ud83d\udc0d", "\r\n", "\n", "\r", "x = [1, [2, 3]]\n", "y = x\n", "import copy\ns = copy.copy(x)\n",
        "s[1].append(4)\n", "def f(a=[]):\n    a.append(1)\n    return a\n", "(", ")", "[", "]", "'", "\"", ":", "    ",
        "\t", "\u00e9t\u00e9 = {}\n", "class C:\n    items = []\n    def add(self, v):\n        self.items.append(v)\n",
        "for i in range(3):\n    fs.append(lambda: i)\n", "if x is 1:\n    pass\n", "\ud83d\ude00 = 1\r\n",
        "global g\n", "m = memoryview(b)\n", "grid = [[0] * 3] * 3\n", "d = dict.fromkeys('ab', [])\n",
    };

    record Report(long edits, int documents, int checks, long requests, long results, long cancelled,
                  long contentModified, List<String> divergences, List<String> unanswered, List<String> wrongAnswers,
                  boolean alive, long nanos) {
        String summary() {
            return String.format(java.util.Locale.ROOT, "%d edits over %d documents in %.0f s, %d checkpoints: "
                            + "%d divergences; %d requests: %d results, %d RequestCancelled, %d ContentModified, "
                            + "%d unanswered, %d wrong answers; server %s", edits, documents, nanos / 1e9, checks,
                    divergences.size(), requests, results, cancelled, contentModified, unanswered.size(),
                    wrongAnswers.size(), alive ? "alive" : "NOT ALIVE");
        }
    }

    private final RawSession client;
    private final Random random;
    private final List<ClientCopy> documents = new ArrayList<>();
    private final Map<Integer, String> pending = new TreeMap<>();
    private final List<String> divergences = new ArrayList<>();
    private int checks;

    LspDifferentialFuzzer(RawSession client, long seed) {
        this.client = client;
        this.random = new Random(seed);
    }

    Report run(FuzzOptions options, List<String> texts, Duration settle) {
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        for (int i = 0; i < texts.size(); i++) {
            ClientCopy d = new ClientCopy("file:///tmp/fuzz/doc" + i + ".py", texts.get(i));
            documents.add(d);
            client.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + d.uri
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":" + RawSession.quote(d.text) + "}}");
        }
        long edits = 0;
        while (edits < options.count() && System.nanoTime() < deadline) {
            edit(documents.get(random.nextInt(documents.size())));
            edits++;
            int racing = random.nextInt(3);
            for (int r = 0; r < racing; r++) {
                request(documents.get(random.nextInt(documents.size())));
            }
            if (!pending.isEmpty() && random.nextInt(8) == 0) {
                List<Integer> ids = new ArrayList<>(pending.keySet());
                int id = ids.get(random.nextInt(ids.size()));
                client.notify("$/cancelRequest", "{\"id\":" + id + "}");
            }
            if (edits % CHECK_EVERY == 0) {
                checkpoint(edits);
            }
        }
        if (edits % CHECK_EVERY != 0) {
            checkpoint(edits);
        }
        List<String> unanswered = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long results = 0;
        long cancelled = 0;
        long modified = 0;
        long settleBy = System.nanoTime() + settle.toNanos();
        for (Map.Entry<Integer, String> e : pending.entrySet()) {
            JsonObject r = client.responses.get((long) e.getKey());
            while (r == null && System.nanoTime() < settleBy) {
                sleep();
                r = client.responses.get((long) e.getKey());
            }
            if (r == null) {
                unanswered.add(e.getKey() + " " + e.getValue());
            } else if (r.has("result")) {
                results++;
            } else {
                int code = RawSession.errorCode(r);
                if (code == REQUEST_CANCELLED) {
                    cancelled++;
                } else if (code == CONTENT_MODIFIED) {
                    modified++;
                } else {
                    wrong.add(e.getValue() + ": " + r);
                }
            }
        }
        wrong.addAll(client.garbage);
        JsonObject hover = client.call("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + documents.get(0).uri
                + "\"},\"position\":{\"line\":0,\"character\":0}}");
        boolean alive = hover.has("result") && !client.ended();
        return new Report(edits, documents.size(), checks, pending.size(), results, cancelled, modified,
                List.copyOf(divergences), unanswered, wrong, alive, System.nanoTime() - start);
    }

    private void edit(ClientCopy d) {
        int changes = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
        StringBuilder json = new StringBuilder();
        for (int c = 0; c < changes; c++) {
            if (c > 0) {
                json.append(',');
            }
            json.append(change(d));
        }
        d.version++;
        client.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + d.uri + "\",\"version\":" + d.version
                + "},\"contentChanges\":[" + json + "]}");
    }

    private String change(ClientCopy d) {
        int kind = random.nextInt(100);
        if (kind == 0) {
            return d.replace(0, d.text.length(), "");
        }
        if (kind == 1) {
            return d.replaceAll(SNIPPETS[random.nextInt(SNIPPETS.length)]);
        }
        int a = d.cursor(random.nextInt(d.text.length() + 1));
        if (kind < 45) {
            return d.replace(a, a, SNIPPETS[random.nextInt(SNIPPETS.length)]);
        }
        int span = kind < 75 ? 1 + random.nextInt(8) : 1 + random.nextInt(200);
        int b = d.cursor(Math.min(d.text.length(), a + span));
        if (b < a) {
            b = a;
        }
        String text = kind < 60 ? "" : SNIPPETS[random.nextInt(SNIPPETS.length)];
        return d.replace(a, b, text);
    }

    private void request(ClientCopy d) {
        ClientCopy.Position p = d.position(d.cursor(random.nextInt(d.text.length() + 1)));
        ClientCopy.Position end = d.position(d.text.length());
        String doc = "{\"uri\":\"" + d.uri + "\"}";
        String range = "{\"start\":{\"line\":0,\"character\":0},\"end\":" + end.json() + "}";
        int id;
        String method;
        switch (random.nextInt(4)) {
            case 0 -> {
                method = "textDocument/hover";
                id = client.request(method, "{\"textDocument\":" + doc + ",\"position\":" + p.json() + "}");
            }
            case 1 -> {
                method = "textDocument/inlayHint";
                id = client.request(method, "{\"textDocument\":" + doc + ",\"range\":" + range + "}");
            }
            case 2 -> {
                method = "textDocument/codeAction";
                id = client.request(method, "{\"textDocument\":" + doc + ",\"range\":{\"start\":" + p.json()
                        + ",\"end\":" + p.json() + "},\"context\":{\"diagnostics\":[]}}");
            }
            default -> {
                method = "textDocument/diagnostic";
                id = client.request(method, "{\"textDocument\":" + doc + "}");
            }
        }
        pending.put(id, method + " " + d.uri + " v" + d.version);
    }

    /** Every document: the server's text is the client's, and its diagnostics are check's on that text. */
    private void checkpoint(long edits) {
        checks++;
        for (ClientCopy d : documents) {
            JsonObject state = client.documentState(d.uri);
            if (!TestProbe.digest(d.text).equals(state.get("digest").getAsString())
                    || state.get("version").getAsInt() != d.version) {
                divergences.add("after " + edits + " edits, " + d.uri + ": the server's text is not the client's ("
                        + state + ", client v" + d.version + " length " + d.text.length() + ")");
                continue;
            }
            JsonObject r = client.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + d.uri + "\"}}");
            if (!r.has("result")) {
                divergences.add("after " + edits + " edits, " + d.uri + ": diagnostic failed: " + r);
                continue;
            }
            Map<String, Integer> server = new HashMap<>();
            for (JsonElement e : r.getAsJsonObject("result").getAsJsonArray("items")) {
                JsonObject o = e.getAsJsonObject();
                JsonObject s = o.getAsJsonObject("range").getAsJsonObject("start");
                String code = o.has("code") ? o.get("code").getAsString() : "";
                server.merge(code + "@" + s.get("line").getAsInt() + ":" + s.get("character").getAsInt(), 1,
                        Integer::sum);
            }
            Map<String, Integer> expected = expected(d);
            if (!server.equals(expected)) {
                divergences.add("after " + edits + " edits, " + d.uri + " v" + d.version + ": server " + server
                        + ", check " + expected + "; text " + RawSession.quote(abbreviate(d.text)));
            }
        }
    }

    /** What check says about the client's copy, keyed like the server's diagnostics: code@line:character. */
    private static Map<String, Integer> expected(ClientCopy d) {
        ParseResult parsed = SourceParser.parse(new SourceText("t.py", d.text));
        Map<String, Integer> out = new HashMap<>();
        if (parsed.hasErrors()) {
            for (ParseError e : parsed.errors()) {
                ClientCopy.Position p = d.position(Math.min(e.span().start(), d.text.length()));
                out.merge("syntax-error@" + p.line() + ":" + p.character(), 1, Integer::sum);
            }
            return out;
        }
        for (Finding f : Checker.allDefault().check(parsed, RuleSettings.DEFAULT, problem -> { })) {
            ClientCopy.Position p = d.position(f.span().start());
            out.merge(f.code() + "@" + p.line() + ":" + p.character(), 1, Integer::sum);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonArray settings(int debounceMs) {
        return JsonParser.parseString("[{\"analysis\":{\"debounceMs\":" + debounceMs + "}}]").getAsJsonArray();
    }
}
