package dev.memlens.cli;

import dev.memlens.lsp.ServerRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code memlens serve}: the language server, over stdio unless a socket is asked for. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Run the language server (LSP over stdio, or on a local socket).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--stdio", description = "Serve over stdin/stdout (the default; editors pass it).")
    boolean stdio;

    @Option(names = "--socket", paramLabel = "PORT",
            description = "Listen on localhost:PORT and serve the first client that connects (for debugging).")
    Integer socket;

    @Option(names = "--clientProcessId", hidden = true, description = "Passed by some clients; unused.")
    Long clientProcessId;

    /**
     * Editors start the server for every window, so its startup is felt: for the plain stdio case this serves
     * without building the picocli command tree, which is about a third of the time to an answered initialize.
     * Returns null when the arguments need the full parser (anything but {@code serve [--stdio]
     * [--clientProcessId N]}).
     */
    /** The options an LSP client may put in front of the server's arguments, meaning "serve". */
    public static boolean isServeOption(String arg) {
        return arg.equals("--stdio") || arg.startsWith("--clientProcessId");
    }

    public static Integer fastPath(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return null;
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--stdio") || a.startsWith("--clientProcessId=")) {
                continue;
            }
            if (a.equals("--clientProcessId") && i + 1 < args.length) {
                i++;
                continue;
            }
            return null;
        }
        return ServerRunner.serveStdio();
    }

    @Override
    public Integer call() throws Exception {
        if (socket != null) {
            return ServerRunner.serveSocket(socket);
        }
        return ServerRunner.serveStdio();
    }
}
