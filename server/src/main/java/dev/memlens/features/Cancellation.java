package dev.memlens.features;

/**
 * Asked between phases of work whether its result is still wanted: a newer edit, a cancelled request or a closed
 * document all make it unwanted. Checking is cheap; work that is not wanted stops with {@link Cancelled}.
 */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();

    /** Stops the current work if it is no longer wanted. */
    default void check() {
        if (isCancelled()) {
            throw new Cancelled();
        }
    }

    /** Work stopped because its result is no longer wanted; not an error. */
    final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
