package dev.memlens.cli;

import dev.memlens.syntax.DeepStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code memlens} command. Each subcommand is one class listed in {@code subcommands} below; this class only
 * wires them up and decides how failures become exit codes ({@link ExitCodes}).
 */
@Command(
        name = "memlens",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Shows Python's memory model: aliasing, mutation, copies and reference counts.",
        subcommands = {
                AnnotateCommand.class,
                ParseCommand.class,
                FactsCommand.class,
                CheckCommand.class,
                ExplainCommand.class,
                ServeCommand.class,
                BenchLspCommand.class,
                BenchCheckCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Whether this command runs as its own process (from {@link #main}), not inside a test or a server. */
    boolean ownsJvm;

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable e) {
            // the last line of defence: whatever escaped (an Error in the server's fast path, one while printing)
            code = ExitCodes.INTERNAL;
            try {
                System.err.println("memlens: internal error: " + e);
            } catch (Throwable ignored) {
                // stderr itself failed: the exit code is all that is left to say it
            }
        }
        System.exit(code);
    }

    private static int run(String[] args) {
        // An editor starts the server as `java -jar memlens.jar [serve] [--stdio]` (clients such as VS Code's add
        // --stdio themselves): skip building the command tree, which costs a third of the start-up time. With no
        // arguments on a terminal, show the usage instead.
        String[] serveArgs = args.length == 0 && System.console() == null ? new String[] {"serve"}
                : args.length > 0 && ServeCommand.isServeOption(args[0]) ? prepend("serve", args) : args;
        Integer served = ServeCommand.fastPath(serveArgs);
        if (served != null) {
            return served;
        }
        // System.out's encoding follows the locale, which is often POSIX on CI: paths and messages are UTF-8.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        CommandLine cl = commandLine(out, err);
        ((Main) cl.getCommand()).ownsJvm = true;
        int code = cl.execute(serveArgs);
        out.flush();
        err.flush();
        return code;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The whole command tree, writing to the given streams; tests run it in-process through this. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::internalError);
        cl.setExecutionStrategy(Main::executeOnDeepStack);
        return cl;
    }

    /**
     * Runs the chosen subcommand on a thread with a stack deep enough for any input ({@link DeepStack}), and turns
     * an Error it throws (StackOverflowError, OutOfMemoryError, AssertionError...) into one line and exit code 3,
     * as picocli does for exceptions ({@link #internalError}).
     */
    private static int executeOnDeepStack(CommandLine.ParseResult parsed) {
        int[] code = {ExitCodes.INTERNAL};
        Throwable[] thrown = {null};
        Thread worker = DeepStack.newThread(() -> {
            try {
                code[0] = new CommandLine.RunLast().execute(parsed);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "memlens-main");
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thrown[0] = e;
        }
        if (thrown[0] instanceof RuntimeException r) {
            throw r; // picocli's own: usage errors and wrapped exceptions go to their handlers
        }
        if (thrown[0] != null) {
            List<CommandLine> chosen = parsed.asCommandLineList();
            CommandLine cl = chosen.get(chosen.size() - 1);
            PrintWriter err = cl.getErr();
            err.println(cl.getCommandSpec().qualifiedName() + ": internal error: " + thrown[0]);
            if (System.getenv("MEMLENS_DEBUG") != null) {
                thrown[0].printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
        return code[0];
    }

    /** {@code memlens} alone is a usage error: say which subcommands exist. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** A bug in MemLens: one line, not a stack trace, unless MEMLENS_DEBUG is set. */
    private static int internalError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": internal error: " + e);
        if (System.getenv("MEMLENS_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
