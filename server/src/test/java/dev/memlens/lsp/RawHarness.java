package dev.memlens.lsp;

import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An in-process server with a {@link RawSession} as its client. */
final class RawHarness implements AutoCloseable {

    final MemLensServer server;
    final RawSession client;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ServerRunner.Running running;
    private final OutputStream serverOut;

    RawHarness() {
        this(DocumentAnalyzer.standard(), FeatureRegistry.standard());
    }

    RawHarness(DocumentAnalyzer analyzer, FeatureRegistry registry) {
        try {
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            server = new MemLensServer(new ServerConfig(analyzer, registry,
                    new PrintStream(stderr, true, StandardCharsets.UTF_8), exitCode::complete, 2,
                    RecentAnalyses.DEFAULT_CAPACITY));
            serverOut = Channels.newOutputStream(toClient.sink());
            running = ServerRunner.start(server, Channels.newInputStream(toServer.source()), serverOut,
                    List.of(new TestProbe(server)));
            client = new RawSession(Channels.newInputStream(toClient.source()),
                    Channels.newOutputStream(toServer.sink()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        try {
            running.listening().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing the output below ends it anyway
        }
        try {
            serverOut.close();
        } catch (IOException ignored) {
            // already closed
        }
        running.executor().shutdown();
    }
}
