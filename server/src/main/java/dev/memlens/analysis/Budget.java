package dev.memlens.analysis;

import dev.memlens.analysis.PartialAnalysis.Cause;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The running account of one file's analysis against its {@link AnalysisLimits}: steps and time of the body run in
 * progress and of the whole file, the size of the abstract heap, and cancellation. Time, heap and cancellation are
 * looked at every {@value #CHECK_EVERY} steps only, so counting a step stays cheap.
 * <p>
 * Time is the analyzing thread's CPU time where the JVM measures it (wall time otherwise), so that a loaded machine
 * cuts no more than an idle one. A body gets at most its fair share of the time the file has left, so that one
 * costly body leaves time for the others.
 */
final class Budget {
    private static final int CHECK_EVERY = 64;

    private final AnalysisLimits limits;
    private final ObjectTable objects;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime = THREADS.isCurrentThreadCpuTimeSupported();
    private final long fileStart = now();
    /** The time limit of the body run in progress, in milliseconds. */
    private long bodyMillis;
    private long fileSteps;
    private long bodyStart;
    private long bodySteps;
    /** Steps of the body at which calls stop being entered (a quarter of its step limit). */
    private final long softSteps;

    /** A body run went over its limits: that body is cut, the rest of the file goes on. */
    static final class BodyExhausted extends RuntimeException {
        final Cause cause;

        BodyExhausted(Cause cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    /** The file went over its limits or was cancelled: the analysis stops. */
    static final class FileExhausted extends RuntimeException {
        final Cause cause;

        FileExhausted(Cause cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    Budget(AnalysisLimits limits, ObjectTable objects, long softSteps) {
        this.limits = limits;
        this.objects = objects;
        this.softSteps = Math.min(softSteps, limits.functionSteps() / 4);
        this.bodyStart = fileStart;
        this.bodyMillis = limits.functionMillis();
    }

    /**
     * A body run starts, with {@code bodiesLeft} runs (this one included) still to share the file's time; returns
     * what {@link #endBody} restores (body runs nest: a call's effect run inside a body).
     */
    long[] startBody(int bodiesLeft) {
        long[] saved = {bodyStart, bodySteps, bodyMillis};
        bodyStart = now();
        bodySteps = 0;
        long fair = 2 * (limits.fileMillis() - millisSince(fileStart)) / Math.max(1, bodiesLeft);
        // at least a quarter of a body's limit: a cold JVM runs its first bodies many times slower
        bodyMillis = Math.min(limits.functionMillis(), Math.max(limits.functionMillis() / 4, fair));
        return saved;
    }

    /** A body run nested in the one in progress: it shares that one's time limit. */
    long[] startNestedBody() {
        long[] saved = {bodyStart, bodySteps, bodyMillis};
        bodyStart = now();
        bodySteps = 0;
        return saved;
    }

    void endBody(long[] saved) {
        bodyStart = saved[0];
        bodySteps = saved[1];
        bodyMillis = saved[2];
    }

    /** Counts one step; throws when the body or the file is over its limits. */
    void step() {
        fileSteps++;
        bodySteps++;
        if (bodySteps > limits.functionSteps()) {
            throw new BodyExhausted(Cause.STEPS);
        }
        if ((fileSteps % CHECK_EVERY) != 0) {
            return;
        }
        checkFile();
        if (millisSince(bodyStart) > bodyMillis) {
            throw new BodyExhausted(Cause.TIME);
        }
    }

    /** Throws when the file is over its limits or cancelled. */
    void checkFile() {
        if (limits.cancelled().getAsBoolean()) {
            throw new FileExhausted(Cause.CANCELLED);
        }
        if (fileSteps > limits.fileSteps()) {
            throw new FileExhausted(Cause.STEPS);
        }
        if (millisSince(fileStart) > limits.fileMillis()) {
            throw new FileExhausted(Cause.TIME);
        }
        if (objects.size() > limits.maxObjects()) {
            throw new FileExhausted(Cause.HEAP);
        }
    }

    /**
     * Past this, the body run enters no more calls: it goes on with summaries and unknown results. Counted in steps
     * only, never in time: what a body's facts are must not depend on how loaded the machine is or how warm the JVM
     * (time only cuts a body outright, and that cut is reported as partial).
     */
    boolean overSoft() {
        return bodySteps > softSteps;
    }

    private long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private long millisSince(long start) {
        return (now() - start) / 1_000_000;
    }
}
