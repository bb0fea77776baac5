package dev.memlens.cli;

import dev.memlens.lsp.ServerRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code memlens serve}: the language server, over stdio unless a socket is asked for. */
@Command(name = "serve", description = "Run the language server (LSP over stdio, or on a local socket).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--stdio", description = "Serve over stdin/stdout (the default; editors pass it).")
    boolean stdio;

    @Option(names = "--socket", paramLabel = "PORT",
            description = "Listen on localhost:PORT and serve the first client that connects (for debugging).")
    Integer socket;

    @Option(names = "--clientProcessId", hidden = true, description = "Passed by some clients; unused.")
    Long clientProcessId;

    @Override
    public Integer call() throws Exception {
        if (socket != null) {
            return ServerRunner.serveSocket(socket);
        }
        return ServerRunner.serveStdio();
    }
}
