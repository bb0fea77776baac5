package dev.memlens.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A server and lsp4j's own client, connected in-process by pipes (the server is the real one; only its analyzer
 * and registry may be swapped), or the built jar as its own process over stdio ({@link #overStdio}), as an editor
 * starts it. In the process form there is no {@link #server} object and no test probe: only what the protocol shows.
 */
final class LspSession implements AutoCloseable {

    static final Gson LSP_GSON = new MessageJsonHandler(Map.of()).getGson();

    final TestClient client = new TestClient();
    final MemLensServer server;
    final ProbedServer remote;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ServerRunner.Running running;
    private final Process process;
    private final ExecutorService clientExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-client");
        t.setDaemon(true);
        return t;
    });
    private final OutputStream clientOut;
    private final OutputStream serverOut;

    LspSession() {
        this(DocumentAnalyzer.standard(), FeatureRegistry.standard());
    }

    LspSession(DocumentAnalyzer analyzer, FeatureRegistry registry) {
        this(analyzer, registry, RecentAnalyses.DEFAULT_CAPACITY);
    }

    LspSession(DocumentAnalyzer analyzer, FeatureRegistry registry, int retainedAnalyses) {
        process = null;
        try {
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
            server = new MemLensServer(new ServerConfig(analyzer, registry, err, exitCode::complete, 2,
                    retainedAnalyses));
            InputStream serverIn = Channels.newInputStream(toServer.source());
            serverOut = Channels.newOutputStream(toClient.sink());
            running = ServerRunner.start(server, serverIn, serverOut, List.of(new TestProbe(server)));
            clientOut = Channels.newOutputStream(toServer.sink());
            remote = connect(Channels.newInputStream(toClient.source()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LspSession(Process process) {
        this.process = process;
        server = null;
        running = null;
        serverOut = null;
        process.onExit().thenAccept(p -> exitCode.complete(p.exitValue()));
        Thread drain = new Thread(() -> {
            try (InputStream err = process.getErrorStream()) {
                err.transferTo(stderr);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "test-server-stderr");
        drain.setDaemon(true);
        drain.start();
        clientOut = process.getOutputStream();
        remote = connect(process.getInputStream());
    }

    /** lsp4j's client side on the server's output and {@link #clientOut}, checking every message. */
    private ProbedServer connect(InputStream fromServer) {
        Launcher<ProbedServer> launcher = new Launcher.Builder<ProbedServer>()
                .setLocalService(client)
                .setRemoteInterface(ProbedServer.class)
                .setClassLoader(ProbedServer.class.getClassLoader())
                .setInput(fromServer)
                .setOutput(clientOut)
                .setExecutorService(clientExecutor)
                .validateMessages(true)
                .create();
        launcher.startListening();
        return launcher.getRemoteProxy();
    }

    /** Starts {@code java -jar JAR --stdio} with this JVM's java, as the editor clients do. */
    static LspSession overStdio(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + ": the integration tests run after package");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return new LspSession(new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--stdio").start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends new {@code memlens} settings the way VS Code does (a change notification, then the server asks for them)
     * and waits until the server has applied them: it refreshes hints or diagnostics when settings change.
     */
    void changeSettings(String memlensJson) {
        int before = client.inlayHintRefreshes.get() + client.diagnosticRefreshes.get();
        client.settings = com.google.gson.JsonParser.parseString(memlensJson);
        remote.getWorkspaceService().didChangeConfiguration(
                new org.eclipse.lsp4j.DidChangeConfigurationParams(new JsonObject()));
        Await.condition("settings applied: " + memlensJson,
                () -> client.inlayHintRefreshes.get() + client.diagnosticRefreshes.get() > before);
    }

    static InitializeParams params(String resource) {
        try (InputStream in = LspSession.class.getResourceAsStream("/lsp/" + resource)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return LSP_GSON.fromJson(json, InitializeParams.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = LspSession.class.getResourceAsStream("/lsp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InitializeResult initialize(String resource) {
        return initialize(params(resource));
    }

    InitializeResult initialize(InitializeParams params) {
        InitializeResult result;
        try {
            result = get(remote.initialize(params));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + (exitCode.isDone() ? "; the server exited with "
                    + exitCode.join() : "") + "; its stderr:\n" + stderr(), e);
        }
        remote.initialized(new InitializedParams());
        return result;
    }

    void open(String uri, String text) {
        open(uri, text, 1);
    }

    void open(String uri, String text, int version) {
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "python", version, text)));
    }

    void change(String uri, int version, TextDocumentContentChangeEvent... changes) {
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
    }

    void close(String uri) {
        remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    static TextDocumentContentChangeEvent edit(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    /** The server's copy of a document; a round trip, so every notification sent before it has been handled. */
    JsonObject state(String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        return get(remote.documentState(params));
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    private static void quietlyClose(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!exitCode.isDone()) {
            try {
                remote.shutdown().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the test may have broken the connection on purpose
            }
            remote.exit();
            try {
                exitCode.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the tests that care
            }
        }
        if (process != null) {
            quietlyClose(clientOut);
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            clientExecutor.shutdown();
            return;
        }
        try {
            // a round trip, so that the client has answered every request the server sent before it
            JsonObject nothing = new JsonObject();
            nothing.addProperty("uri", "");
            remote.documentState(nothing).get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // a broken connection is what some tests are about
        }
        // end of input ends both readers quietly; interrupting them would log stack traces
        quietlyClose(clientOut);
        try {
            running.listening().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing its output below ends it anyway
        }
        quietlyClose(serverOut);
        running.executor().shutdown();
        clientExecutor.shutdown();
    }
}
