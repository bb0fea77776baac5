package dev.memlens.fuzz;

import dev.memlens.cli.Main;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input through {@code memlens parse}, {@code facts} and {@code check --select ALL --fix --unsafe-fixes}, in
 * this JVM, the way the command line runs them. What counts as a failure: an exception out of a command, exit code 3
 * (internal error) or 2 (the input made a usage or configuration error).
 */
final class CliPipeline {

    /** How one input went. {@code failure} is null when it went well; else a short, stable signature. */
    record Outcome(String failure, String detail, long cpuNanos, long wallNanos) {
        boolean failed() {
            return failure != null;
        }
    }

    /** The commands run their work on their own threads: the process's CPU time is what one input costs. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Path file;

    /** @param dir a directory without a pyproject.toml above it, where the input is written */
    CliPipeline(Path dir) {
        this.file = dir.resolve("input.py");
    }

    Outcome run(byte[] input) {
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        String[][] commands = {
            {"parse", "--threads", "1", file.toString()},
            {"facts", file.toString()},
            {"check", "--select", "ALL", "--fix", "--unsafe-fixes", "--threads", "1", "--format", "json",
                file.toString()},
        };
        for (String[] args : commands) {
            String failure = runOne(args);
            if (failure != null) {
                return new Outcome(failure.substring(0, failure.indexOf('\n') < 0 ? failure.length()
                        : failure.indexOf('\n')), failure, OS.getProcessCpuTime() - cpu0,
                        System.nanoTime() - wall0);
            }
        }
        return new Outcome(null, null, OS.getProcessCpuTime() - cpu0, System.nanoTime() - wall0);
    }

    private static String runOne(String[] args) {
        StringWriter err = new StringWriter();
        Throwable[] thrown = new Throwable[1];
        int exit;
        try {
            CommandLine cl = Main.commandLine(new PrintWriter(OutputStream.nullOutputStream()),
                    new PrintWriter(err, true));
            cl.setExecutionExceptionHandler((e, command, parsed) -> {
                thrown[0] = e;
                return 3;
            });
            exit = cl.execute(args);
        } catch (Throwable t) {
            thrown[0] = t;
            exit = 3;
        }
        if (thrown[0] != null) {
            return args[0] + ": " + signature(thrown[0]) + "\n" + trace(thrown[0]);
        }
        if (exit == 3 || exit == 2) {
            return args[0] + ": exit " + exit + ": " + firstLine(err.toString()) + "\n" + err;
        }
        return null;
    }

    /** The exception's class and the first MemLens frame: the same bug found twice gets the same signature. */
    static String signature(Throwable t) {
        String where = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.memlens.") && !e.getClassName().startsWith("dev.memlens.fuzz.")) {
                where = " at " + e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "."
                        + e.getMethodName();
                break;
            }
        }
        return t.getClass().getSimpleName() + where;
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 20_000 ? s.substring(0, 20_000) + "\n..." : s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
