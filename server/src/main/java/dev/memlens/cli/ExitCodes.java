package dev.memlens.cli;

/** What {@code memlens} exits with; the README lists the same table. */
public final class ExitCodes {
    /** Everything went through and nothing was found wrong. */
    public static final int OK = 0;
    /** The command ran and found problems (syntax errors, unreadable files). */
    public static final int PROBLEMS = 1;
    /** The command line was wrong: unknown option, missing argument, a path that does not exist. */
    public static final int USAGE = 2;
    /** MemLens itself failed. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
