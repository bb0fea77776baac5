package dev.memlens.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a command throws, Errors included, ends as one line on stderr and exit code 3, never a stack trace. */
class InternalErrorTest {

    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        private final Throwable toThrow;

        Failing(Throwable toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            if (toThrow instanceof Error e) {
                throw e;
            }
            throw (Exception) toThrow;
        }
    }

    @Test
    void everyThrowableIsOneLineAndExitCodeThree() {
        for (Throwable t : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
                new AssertionError("a broken invariant"), new IllegalStateException("a bug"),
                new java.io.IOException("disk gone"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            cl.addSubcommand("fail", new Failing(t));
            cl.setOut(new PrintWriter(out, true)); // again: a subcommand added later does not inherit the writers
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("fail");
            assertEquals(ExitCodes.INTERNAL, exit, t + " -> " + err);
            List<String> lines = err.toString().lines().toList();
            assertEquals(1, lines.size(), "one line for " + t + ": " + err);
            assertTrue(lines.get(0).startsWith("memlens fail: internal error: " + t.getClass().getName()),
                    lines.get(0));
            assertEquals("", out.toString());
        }
    }

    @Test
    void commandsRunOnADeepStack() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cl.addSubcommand("recurse", new Recursing());
        assertEquals(0, cl.execute("recurse"), err::toString);
    }

    /** Recursion 100,000 frames deep: far more than a default thread's stack holds. */
    @Command(name = "recurse")
    static final class Recursing implements Callable<Integer> {
        @Override
        public Integer call() {
            return depth(100_000) == 100_000 ? 0 : 1;
        }

        private static int depth(int n) {
            return n == 0 ? 0 : 1 + depth(n - 1);
        }
    }
}
