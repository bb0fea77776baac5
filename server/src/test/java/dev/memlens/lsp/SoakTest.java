package dev.memlens.lsp;

import com.google.gson.JsonObject;
import dev.memlens.fuzz.FuzzLoad;
import dev.memlens.fuzz.FuzzOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak: one 1,000-line file edited over and over, each edit followed by the inlay-hint request an editor sends,
 * with the heap measured after a full GC at regular points. What the server keeps must not grow with the number of
 * edits: the heap at the end within 10% (at least 1 MB) of the heap at the first sample. CI runs 1,000 edits (at most 3 minutes); the acceptance run is
 * {@code -Dmemlens.fuzz.count=10000} (samples every 1,000 edits). The process's RSS is printed with each sample.
 */
class SoakTest {

    static String thousandLines() {
        StringBuilder sb = new StringBuilder("import copy\n\n");
        int line = 2;
        for (int block = 0; line < 1000; block++) {
            String[] lines = {
                "def f" + block + "(items, extra=None):",
                "    seen = list(items)",
                "    alias = seen",
                "    alias.append(" + block + ")",
                "    return seen",
                "",
                "data" + block + " = [[" + block + ", 1], [2, 3]]",
                "view" + block + " = data" + block,
                "shallow" + block + " = copy.copy(data" + block + ")",
                "shallow" + block + "[0].append(4)",
                "result" + block + " = f" + block + "(data" + block + ")",
                "",
            };
            for (String l : lines) {
                sb.append(l).append('\n');
                line++;
            }
        }
        return sb.toString();
    }

    @Test
    void heapStaysFlatOverThousandsOfEdits() {
        FuzzOptions options = FuzzOptions.fromSystem(20261207L, Duration.ofMinutes(3), 1_000);
        long every = Math.max(100, options.count() / 10);
        String uri = "file:///tmp/soak/big.py";
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.configuration = LspDifferentialFuzzer.settings(0);
            c.initialize("vscode-initialize.json");
            c.keepAll = false;
            c.received.clear();
            ClientCopy doc = new ClientCopy(uri, thousandLines());
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":" + RawSession.quote(doc.text) + "}}");
            Random random = new Random(options.seed());
            List<Long> heaps = new ArrayList<>();
            List<String> samples = new ArrayList<>();
            long results = 0;
            long start = System.nanoTime();
            long edits = 0;
            while (edits < options.count() && System.nanoTime() - start < options.duration().toNanos()) {
                edit(doc, random);
                c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + uri + "\",\"version\":"
                        + doc.version + "},\"contentChanges\":[" + lastChange + "]}");
                edits++;
                int top = doc.position(doc.cursor(random.nextInt(doc.text.length() + 1))).line();
                int id = c.request("textDocument/inlayHint", "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"range\":"
                        + "{\"start\":{\"line\":" + top + ",\"character\":0},\"end\":{\"line\":" + (top + 60)
                        + ",\"character\":0}}}");
                JsonObject r = c.take(id);
                assertTrue(r.has("result") || RawSession.errorCode(r) == -32801, r.toString());
                results += r.has("result") ? 1 : 0;
                if (edits % every == 0) {
                    long heap = heapAfterGc();
                    heaps.add(heap);
                    String sample = String.format(java.util.Locale.ROOT, "%d edits: heap %.1f MB, RSS %s, %.0f s",
                            edits, heap / 1e6, rss(), (System.nanoTime() - start) / 1e9);
                    samples.add(sample);
                    System.out.println("[soak] " + sample);
                }
            }
            c.keepAll = true;
            JsonObject state = c.documentState(uri);
            assertEquals(TestProbe.digest(doc.text), state.get("digest").getAsString(), "the server's text");
            System.out.println("[soak] " + options + ": " + edits + " edits, " + results + " hint results; load "
                    + FuzzLoad.average());
            assertTrue(heaps.size() >= 2, "at least two samples: " + samples);
            long first = heaps.get(0);
            long last = heaps.get(heaps.size() - 1);
            // 10%, but never less than 1 MB: the heap after GC is a few MB, and a few hundred KB of it move with
            // what the JIT and the JDK keep, whatever the server does
            assertTrue(last <= Math.max(first * 1.10, first + 1_000_000), "heap after GC grew more than 10%: "
                    + samples);
        }
    }

    private String lastChange;

    /** A typing-sized edit that keeps the file near 1,000 lines: replace a few characters, or move a line. */
    private void edit(ClientCopy doc, Random random) {
        int at = doc.cursor(random.nextInt(doc.text.length() + 1));
        switch (random.nextInt(4)) {
            case 0 -> lastChange = doc.replace(at, at, Integer.toString(random.nextInt(10)));
            case 1 -> {
                int end = doc.cursor(Math.min(doc.text.length(), at + 1 + random.nextInt(3)));
                lastChange = doc.replace(at, Math.max(at, end), "");
            }
            case 2 -> {
                int lineStart = doc.text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                lastChange = doc.replace(lineStart, lineStart, "tmp = [" + random.nextInt(100) + "]\n");
            }
            default -> {
                int nl = doc.text.indexOf('\n', at);
                int lineStart = doc.text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                lastChange = nl < 0 ? doc.replace(at, at, " ") : doc.replace(lineStart, nl + 1, "");
            }
        }
        doc.version++;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of this process (Linux), or "?" elsewhere. */
    static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }
}
