package dev.memlens.lsp;

/**
 * A failure as a log entry: the exception and where it happened, short enough for an editor's output panel. A
 * StackOverflowError's trace is thousands of identical frames: the first ones say where it recursed.
 */
final class Traces {

    private static final int FRAMES = 24;

    private Traces() {
    }

    static String of(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        appendFrames(sb, t);
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && cause != t && depth < 4; depth++) {
            sb.append("\n  caused by: ").append(cause);
            appendFrames(sb, cause);
            t = cause;
            cause = cause.getCause();
        }
        return sb.toString();
    }

    private static void appendFrames(StringBuilder sb, Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        int shown = Math.min(FRAMES, frames.length);
        for (int i = 0; i < shown; i++) {
            sb.append("\n    at ").append(frames[i]);
        }
        if (frames.length > shown) {
            sb.append("\n    ... ").append(frames.length - shown).append(" more");
        }
    }
}
