package dev.memlens.lsp;

import dev.memlens.syntax.DeepStack;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link MemLensServer} over a pair of streams until the client says {@code exit} or goes away, and
 * returns the process exit code: 0 after {@code shutdown}, 1 otherwise.
 */
public final class ServerRunner {

    private ServerRunner() {
    }

    /**
     * Serves over this process's stdin and stdout. Before anything else, stdout is taken for the protocol and
     * {@code System.out} becomes stderr, so a stray print can never corrupt a message.
     */
    public static int serveStdio() {
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(stderr);
        InputStream protocolIn = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        System.setIn(InputStream.nullInputStream());
        return serve(protocolIn, protocolOut, stderr);
    }

    /** Listens on localhost:{@code port} and serves the first connection: for attaching a client while debugging. */
    public static int serveSocket(int port) throws IOException {
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(stderr);
        try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            stderr.println("[memlens info] listening on " + listener.getLocalSocketAddress());
            try (Socket socket = listener.accept()) {
                return serve(new BufferedInputStream(socket.getInputStream()),
                        new BufferedOutputStream(socket.getOutputStream()), stderr);
            }
        }
    }

    public static int serve(InputStream in, OutputStream out, PrintStream stderr) {
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        MemLensServer server = new MemLensServer(ServerConfig.standard(stderr, exitCode::complete));
        java.util.logging.Logger bridged = Lsp4jLogBridge.install(server.log);
        Running running = start(server, in, out, List.of());
        running.listening().whenComplete((v, e) -> exitCode.complete(server.shutdownRequested() ? 0 : 1));
        int code = exitCode.join();
        running.executor().shutdownNow();
        bridged.setLevel(null);
        return code;
    }

    /** A server connected to its client, listening on a thread of {@code executor}. */
    public record Running(MemLensServer server, LanguageClient client, CompletableFuture<Void> listening,
                          ExecutorService executor) {
    }

    /**
     * Connects {@code server} to streams and starts listening. {@code extraServices} are further JSON-RPC service
     * objects served alongside (tests add probes).
     */
    public static Running start(MemLensServer server, InputStream in, OutputStream out,
                                Collection<Object> extraServices) {
        ExecutorService executor = Executors.newCachedThreadPool(daemon());
        List<Object> services = new ArrayList<>();
        services.add(server);
        services.addAll(extraServices);
        Launcher<MemLensClient> launcher = new ServerLauncher(server.log, server::refusal)
                .setLocalServices(services)
                .setRemoteInterface(MemLensClient.class)
                .setClassLoader(LanguageClient.class.getClassLoader())
                .setInput(in)
                .setOutput(out)
                .setExecutorService(executor)
                // no validation of incoming messages: real clients send nulls the schema forbids (VS Code's
                // didChangeConfiguration has "settings": null), and every handler copes with missing fields
                .setExceptionHandler(e -> errorResponse(server, e))
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> future = launcher.startListening();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            try {
                future.get();
                listening.complete(null);
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        }, "memlens-connection-watch");
        watcher.setDaemon(true);
        watcher.start();
        return new Running(server, launcher.getRemoteProxy(), listening, executor);
    }

    /**
     * What a service method that threw becomes. lsp4j's interfaces implement the methods we do not support by
     * throwing UnsupportedOperationException: for the client that is an unknown method, not our crash.
     */
    private static ResponseError errorResponse(MemLensServer server, Throwable e) {
        Throwable cause = Requests.unwrap(e);
        if (cause instanceof ResponseErrorException r) {
            return r.getResponseError();
        }
        if (cause instanceof UnsupportedOperationException) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "not supported by memlens", null);
        }
        server.log.error("request failed: " + Traces.of(cause));
        return new ResponseError(ResponseErrorCode.InternalError, "internal error: " + cause, null);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "memlens-jsonrpc-" + count.incrementAndGet(), DeepStack.STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }
}
