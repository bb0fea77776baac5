package dev.memlens.lsp;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures what a user feels, against the real server over real JSON-RPC (in-process pipes): time from an edit to
 * its diagnostics, first diagnostics after opening a big file, heap per open file, and process start to an answered
 * {@code initialize}. Prints a report; asserts nothing, since numbers depend on the machine.
 */
public final class LspBench {

    /** Lines of the range an editor asks hints for: about one screen. */
    static final int VIEWPORT_LINES = 60;

    /** Edits per round of the warm-up, whose median CPU per edit is compared with the round before. */
    static final int WARMUP_BATCH = 100;

    /** The warm-up ends when a round's median CPU per edit is within this fraction of the round before... */
    static final double STEADY = 0.05;

    /** ...or after this many rounds beyond the minimum (a machine too noisy to settle). */
    static final int MAX_EXTRA_ROUNDS = 30;

    private final PrintWriter out;

    public LspBench(PrintWriter out) {
        this.out = out;
    }

    /** @param warmup untimed edits before the timed ones in each session, so the JIT has compiled the hot paths */
    public record Options(int edits, int warmup, int startupRuns, String jar) {
    }

    public void run(Options options) throws Exception {
        out.println("memlens bench-lsp (" + Runtime.getRuntime().availableProcessors() + " cpus, java "
                + System.getProperty("java.version") + ")");
        // first, so that "used in all" is this JVM's baseline plus the open files, not leftovers of other sessions
        try (Session s = new Session(0)) {
            s.heap(100, python(1_000));
        }
        // untimed: the JIT compiles the hot paths before the first timed session, so that the default settings
        // (measured first) are not measured colder than debounce 0. A fixed count was not enough on a loaded
        // machine (C2 still compiling during the first timed phase: CPU per edit 5x the warm figure), so the
        // warm-up goes on until the server's CPU per edit settles.
        try (Session s = new Session(0)) {
            out.println("-- JIT warm-up (untimed), 1,000 lines: " + s.warmUntilSteady(python(1_000),
                    options.warmup(), WARMUP_BATCH));
            out.println("-- JIT warm-up (untimed), 10,000 lines: " + s.warmUntilSteady(python(10_000),
                    options.warmup() / 4, WARMUP_BATCH / 4));
        }
        for (int debounce : new int[]{Settings150.DEFAULT, 0}) {
            out.println("-- debounce " + debounce + " ms" + (debounce == 0
                    ? " (memlens.analysis.debounceMs 0: pushed diagnostics too follow every edit at once)"
                    : " (the default settings: a request for the newest text starts its analysis at once; pushed "
                    + "diagnostics without a request wait this long)"));
            try (Session s = new Session(debounce)) {
                s.editLatency("1,000 lines", python(1_000), options.warmup(), options.edits());
                s.editLatency("10,000 lines", python(10_000), options.warmup() / 4, Math.max(10, options.edits() / 4));
            }
        }
        try (Session s = new Session(0)) {
            s.firstDiagnostics(python(10_000), 10);
        }
        startup(options.startupRuns(), options.jar());
        out.flush();
    }

    /** The default debounce, named here so the bench reads as the settings do. */
    private static final class Settings150 {
        static final int DEFAULT = dev.memlens.features.Settings.DEFAULT_DEBOUNCE_MS;
    }

    static String python(int lines) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < lines) {
            if (i % 10 == 0) {
                sb.append("def function_").append(i).append("(items, seen=[]):\n");
                sb.append("    alias = items\n");
                sb.append("    alias.append(len(seen))\n");
                sb.append("    return {'k': alias, 'n': ").append(i).append("}\n");
                i += 4;
            } else {
                sb.append("value_").append(i).append(" = [").append(i).append(", 'text', (1, 2)]\n");
                i++;
            }
        }
        return sb.toString();
    }

    private final class Session implements AutoCloseable {
        final Map<String, Long> expectedVersion = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        final MemLensServer server;
        final LanguageServer remote;
        final ServerRunner.Running running;
        final OutputStream clientOut;
        final Pipe toClient;
        final java.util.concurrent.Future<Void> listening;
        int counter;

        Session(int debounceMs) throws Exception {
            Pipe toServer = Pipe.open();
            toClient = Pipe.open();
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            server = new MemLensServer(ServerConfig.standard(quiet, code -> { }));
            running = ServerRunner.start(server, Channels.newInputStream(toServer.source()),
                    Channels.newOutputStream(toClient.sink()), List.of());
            clientOut = Channels.newOutputStream(toServer.sink());
            Launcher<LanguageServer> launcher = new Launcher.Builder<LanguageServer>()
                    .setLocalService(new BenchClient())
                    .setRemoteInterface(LanguageServer.class)
                    .setClassLoader(LanguageServer.class.getClassLoader())
                    .setInput(Channels.newInputStream(toClient.source()))
                    .setOutput(clientOut)
                    .create();
            remote = launcher.getRemoteProxy();
            listening = launcher.startListening();
            InitializeParams init = new InitializeParams();
            ClientCapabilities caps = new ClientCapabilities();
            TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
            PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities();
            publish.setVersionSupport(true);
            text.setPublishDiagnostics(publish);
            caps.setTextDocument(text);
            init.setCapabilities(caps);
            init.setInitializationOptions(Map.of("memlens", Map.of("analysis", Map.of("debounceMs", debounceMs),
                    "log", Map.of("level", "warning"))));
            remote.initialize(init).get(30, TimeUnit.SECONDS);
            remote.initialized(new InitializedParams());
        }

        /** The server's own client interface, so its status notifications are taken, not logged as unknown. */
        final class BenchClient implements MemLensClient {
            @Override
            public void analysisStatus(com.google.gson.JsonObject params) {
            }

            @Override
            public void publishDiagnostics(PublishDiagnosticsParams p) {
                Long wanted = expectedVersion.get(p.getUri());
                if (wanted != null && p.getVersion() != null && p.getVersion() >= wanted) {
                    CompletableFuture<Long> f = arrivals.get(p.getUri());
                    if (f != null) {
                        f.complete(System.nanoTime());
                    }
                }
            }

            @Override
            public void telemetryEvent(Object object) {
            }

            @Override
            public void showMessage(MessageParams messageParams) {
            }

            @Override
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void logMessage(MessageParams message) {
            }
        }

        /** Sends, then waits for the diagnostics of exactly that version; returns milliseconds. */
        double timed(String uri, int version, Runnable send) throws Exception {
            CompletableFuture<Long> arrived = new CompletableFuture<>();
            expectedVersion.put(uri, (long) version);
            arrivals.put(uri, arrived);
            long start = System.nanoTime();
            send.run();
            return (arrived.get(60, TimeUnit.SECONDS) - start) / 1e6;
        }

        String open(String text) throws Exception {
            String uri = "file:///bench/file" + (counter++) + ".py";
            timed(uri, 1, () -> remote.getTextDocumentService().didOpen(
                    new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 1, text))));
            return uri;
        }

        /**
         * Untimed edits on {@code text}: at least {@code minimum}, then rounds of {@code batch} until the median
         * server CPU per edit of two rounds in a row is within {@link #STEADY} of the round before (the JIT has
         * compiled what it will); says how many it took and the rounds' medians.
         */
        String warmUntilSteady(String text, int minimum, int batch) throws Exception {
            int done = 0;
            if (minimum > 0) {
                editLatency(null, text, 0, minimum);
                done += minimum;
            }
            List<Double> medians = new ArrayList<>();
            boolean settled = false;
            int steadyRounds = 0;
            for (int round = 0; round < MAX_EXTRA_ROUNDS && !settled; round++) {
                double median = percentile(editLatency(null, text, 0, batch), 50);
                boolean steady = !medians.isEmpty()
                        && Math.abs(median - medians.get(medians.size() - 1)) <= STEADY * median;
                steadyRounds = steady ? steadyRounds + 1 : 0;
                settled = steadyRounds >= 2; // twice in a row, so that one quiet round does not end it early
                medians.add(median);
                done += batch;
            }
            StringBuilder rounds = new StringBuilder();
            for (double m : medians) {
                rounds.append(rounds.length() == 0 ? "" : ", ").append(String.format("%.1f", m));
            }
            return done + " edits, " + (settled ? "until" : "stopped before")
                    + " the server CPU per edit settled (p50 of each round of " + batch + ": " + rounds + " ms)";
        }

        /**
         * Odd edits type one character at the start of a random line, even edits delete it again, so the file is
         * valid or broken in one statement, as while typing (edits that only add would leave a file broken in ever
         * more places, whose analysis is cheaper than a real one). After each, as an editor does, the client asks
         * for the inlay hints of the viewport around it at once. The hint answer waits for the analysis of exactly
         * the edited text, so its arrival is "edit -> fresh hints"; the diagnostics of that version are timed from
         * the same moment.
         *
         * @param label what the figures are printed as, or null for an untimed warm-up (nothing is printed)
         * @return the server CPU per edit until its hints answered, of the {@code edits} after the warm-up
         */
        List<Double> editLatency(String label, String text, int warmup, int edits) throws Exception {
            String uri = open(text);
            int lines = text.split("\n", -1).length - 1;
            Random random = new Random(42);
            List<Double> hintTimes = new ArrayList<>();
            List<Double> diagnosticTimes = new ArrayList<>();
            List<Double> cpuTimes = new ArrayList<>();
            List<Double> hintCpuTimes = new ArrayList<>();
            int stale = 0;
            long[] gcBefore = null;
            int line = 0;
            for (int v = 2; v < warmup + edits + 2; v++) {
                boolean timed = v >= warmup + 2;
                if (timed && gcBefore == null) {
                    gcBefore = collections();
                }
                long cpuBefore = serverCpuNanos();
                boolean typing = v % 2 == 0;
                if (typing) {
                    line = random.nextInt(lines);
                }
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                        new Range(new Position(line, 0), new Position(line, typing ? 0 : 1)), typing ? "x" : "");
                CompletableFuture<Long> diagnosed = new CompletableFuture<>();
                expectedVersion.put(uri, (long) v);
                arrivals.put(uri, diagnosed);
                Range viewport = new Range(new Position(Math.max(0, line - VIEWPORT_LINES / 2), 0),
                        new Position(Math.min(lines, line + VIEWPORT_LINES / 2), 0));
                long start = System.nanoTime();
                remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, v), List.of(change)));
                CompletableFuture<List<InlayHint>> hints = remote.getTextDocumentService().inlayHint(
                        new InlayHintParams(new TextDocumentIdentifier(uri), viewport));
                try {
                    hints.get(60, TimeUnit.SECONDS);
                    if (timed) {
                        hintTimes.add((System.nanoTime() - start) / 1e6);
                        hintCpuTimes.add((serverCpuNanos() - cpuBefore) / 1e6);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    stale += timed ? 1 : 0;
                }
                long diagnosedAt = diagnosed.get(60, TimeUnit.SECONDS);
                if (timed) {
                    diagnosticTimes.add((diagnosedAt - start) / 1e6);
                    cpuTimes.add((serverCpuNanos() - cpuBefore) / 1e6);
                }
            }
            if (label == null) {
                return hintCpuTimes; // a warm-up
            }
            out.printf("edit -> fresh inlay hints (%d-line viewport), %s (%d edits after %d untimed): p50 %.1f ms, "
                            + "p95 %.1f ms, max %.1f ms%s%n", VIEWPORT_LINES, label, edits, warmup,
                    percentile(hintTimes, 50),
                    percentile(hintTimes, 95), Collections.max(hintTimes),
                    stale == 0 ? "" : " (" + stale + " answered ContentModified, left out)");
            out.printf("edit -> diagnostics, %s (%d edits): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", label, edits,
                    percentile(diagnosticTimes, 50), percentile(diagnosticTimes, 95),
                    Collections.max(diagnosticTimes));
            out.printf("server threads' CPU per edit (what a loaded machine cannot inflate; GC threads not "
                    + "counted), %s: until the hints answered (with what the rules did meanwhile) p50 %.1f ms, "
                    + "p95 %.1f ms; until the diagnostics p50 %.1f ms, p95 %.1f ms%n", label, percentile(hintCpuTimes, 50),
                    percentile(hintCpuTimes, 95), percentile(cpuTimes, 50), percentile(cpuTimes, 95));
            long[] gcAfter = collections();
            if (gcBefore == null) {
                gcBefore = gcAfter;
            }
            out.printf("garbage collections during the timed edits, %s: %d, %d ms in all (pauses land on some edits: "
                    + "they make most of a p95 above the CPU figures)%n", label, gcAfter[0] - gcBefore[0],
                    gcAfter[1] - gcBefore[1]);
            out.flush();
            return hintCpuTimes;
        }

        void firstDiagnostics(String text, int runs) throws Exception {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String uri = "file:///bench/open" + i + ".py";
                times.add(timed(uri, 1, () -> remote.getTextDocumentService().didOpen(
                        new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 1, text)))));
            }
            out.printf("didOpen 10,000 lines -> first diagnostics: first %.1f ms, median of %d %.1f ms%n",
                    times.get(0), runs, percentile(times, 50));
            out.flush();
        }

        void heap(int files, String text) throws Exception {
            long before = usedHeap();
            for (int i = 0; i < files; i++) {
                open(text);
            }
            long after = usedHeap();
            out.printf("heap with %d open files of 1,000 lines (%d KB of text each): +%.1f MB (%.0f KB per file), "
                            + "%.1f MB used in all after a full GC%n", files, text.length() * 2 / 1024,
                    (after - before) / 1e6, (after - before) / 1e3 / files, after / 1e6);
            out.flush();
        }

        @Override
        public void close() throws Exception {
            remote.shutdown().get(10, TimeUnit.SECONDS);
            remote.exit();
            clientOut.close();
            running.executor().shutdown();
            // the client's reader thread would otherwise block on the pipe for the rest of the run, keeping this
            // session's server, its documents and their analyses alive: the later phases would measure their GC
            listening.cancel(true);
            toClient.source().close();
            toClient.sink().close();
        }
    }

    /** How many collections the JVM's collectors made so far, and their accumulated time in ms. */
    private static long[] collections() {
        long count = 0;
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{count, ms};
    }

    /** CPU time of the server's own threads (analysis, requests, JSON-RPC), all sessions alive in this JVM. */
    private static long serverCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("memlens-")) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Process start to the initialize response, over the process's stdio, {@code runs} times. */
    private void startup(int runs, String jar) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = jar != null
                ? List.of(java, "-jar", jar, "serve", "--stdio")
                : List.of(java, "-cp", System.getProperty("java.class.path"), "dev.memlens.cli.Main", "serve",
                "--stdio");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream in = p.getOutputStream();
                in.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                in.write(bytes);
                in.flush();
                readMessage(p.getInputStream());
                times.add((System.nanoTime() - start) / 1e6);
                in.close();
                p.waitFor(10, TimeUnit.SECONDS);
            } finally {
                p.destroyForcibly();
            }
        }
        out.printf("process start -> initialize answered (%s, %d runs): median %.0f ms, min %.0f ms, max %.0f ms%n",
                jar != null ? "java -jar " + jar : "java -cp <classpath>", runs, percentile(times, 50),
                Collections.min(times), Collections.max(times));
        out.flush();
    }

    private static void readMessage(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed stdout");
            }
            header.append((char) b);
            if (header.toString().endsWith("\r\n\r\n")) {
                for (String line : header.toString().split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                break;
            }
        }
        in.readNBytes(length);
    }
}
