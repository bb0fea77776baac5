package dev.memlens.syntax;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads with a stack deep enough for any input: the parser (ANTLR descends once per bracket and per right-nested
 * operator), the AST builder and the layers after it follow the nesting of the code, and a 10,000-term expression
 * or 5,000 nested brackets need far more than a default thread's stack (0.5-1 MB). Every entry point of the
 * pipeline (the CLI's commands and workers, the language server's analysis and request threads) runs on these.
 *
 * <p>The size is address space reserved, not memory: a thread's stack pages are committed only as deep as it has
 * ever gone. Input nested beyond even this stack gets a syntax error from the parser ("too many nested
 * parentheses"), as CPython gives one at 200 levels.
 */
public final class DeepStack {
    /** Bytes of stack per thread. */
    public static final long STACK_BYTES = 512L << 20;

    private DeepStack() {
    }

    /** A daemon thread with the deep stack, not started. */
    public static Thread newThread(Runnable task, String name) {
        Thread t = new Thread(null, task, name, STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    /** Daemon threads with the deep stack, named {@code prefix-1}, {@code prefix-2}... */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> newThread(task, prefix + "-" + count.incrementAndGet());
    }
}
