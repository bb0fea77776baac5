package dev.memlens.fuzz;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and from which seed a fuzzer runs. CI runs each for a short, fixed budget with a fixed seed; a developer
 * runs longer with {@code -Dmemlens.fuzz.seed=N -Dmemlens.fuzz.duration=10m} (durations: {@code 90s}, {@code 10m},
 * {@code 2h}) and, where a fuzzer counts something, {@code -Dmemlens.fuzz.count=N}.
 *
 * @param count what the fuzzer counts (inputs, edits); the run stops at whichever of count and duration comes first
 */
public record FuzzOptions(long seed, Duration duration, long count) {

    public static FuzzOptions fromSystem(long defaultSeed, Duration defaultDuration, long defaultCount) {
        long seed = Long.getLong("memlens.fuzz.seed", defaultSeed);
        String d = System.getProperty("memlens.fuzz.duration");
        long count = Long.getLong("memlens.fuzz.count", defaultCount);
        return new FuzzOptions(seed, d == null || d.isBlank() ? defaultDuration : parseDuration(d), count);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        if (t.endsWith("ms")) {
            return Duration.ofMillis(n);
        }
        if (t.endsWith("h")) {
            return Duration.ofHours(n);
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(n);
        }
        return Duration.ofSeconds(n);
    }

    @Override
    public String toString() {
        return "seed " + seed + ", duration " + duration.toSeconds() + " s, count " + count;
    }
}
