package dev.memlens.analysis;

import java.util.function.BooleanSupplier;

/**
 * How much work the analysis of one file may do, and how it learns that its result is no longer wanted. Steps count
 * statements and loop iterations; the time limits are a safety net for steps that cost more than usual (large
 * states); the object limit bounds the abstract heap, and with it memory.
 *
 * @param functionSteps  steps of one body run (the module body or one function) before it is cut
 * @param fileSteps      steps of the whole file before the analysis stops
 * @param functionMillis time one body run may take before it is cut (reported as partial)
 * @param fileMillis     time the whole file may take before the analysis stops
 * @param maxObjects     abstract objects the file may allocate before the analysis stops
 * @param cancelled      asked every few steps: true stops the analysis at once (its result is then partial)
 * @param loopRounds     sweeps of a loop before what still changes in it is widened (made unknown)
 */
public record AnalysisLimits(long functionSteps, long fileSteps, long functionMillis, long fileMillis,
                             int maxObjects, BooleanSupplier cancelled, int loopRounds) {

    /** Sweeps of a loop before widening: loops of real code settle in a few. */
    public static final int LOOP_ROUNDS = 12;

    public AnalysisLimits(long functionSteps, long fileSteps, long functionMillis, long fileMillis, int maxObjects,
                          BooleanSupplier cancelled) {
        this(functionSteps, fileSteps, functionMillis, fileMillis, maxObjects, cancelled, LOOP_ROUNDS);
    }

    /** The limits of an editor or {@code memlens check}: a large file finishes in about a second and a half. */
    public static final AnalysisLimits DEFAULT = new AnalysisLimits(400_000, 4_000_000, 400, 1_500, 200_000,
            () -> false);

    /** The same limits, stopping as soon as {@code cancelled} says so. */
    public AnalysisLimits withCancellation(BooleanSupplier c) {
        return new AnalysisLimits(functionSteps, fileSteps, functionMillis, fileMillis, maxObjects, c, loopRounds);
    }

    /** The same limits with other time limits (tests that need deterministic results turn time off this way). */
    public AnalysisLimits withTime(long function, long file) {
        return new AnalysisLimits(functionSteps, fileSteps, function, file, maxObjects, cancelled, loopRounds);
    }

    /** The same limits with another number of loop sweeps before widening. */
    public AnalysisLimits withLoopRounds(int rounds) {
        return new AnalysisLimits(functionSteps, fileSteps, functionMillis, fileMillis, maxObjects, cancelled, rounds);
    }
}
