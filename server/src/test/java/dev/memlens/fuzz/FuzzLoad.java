package dev.memlens.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load, printed next to every fuzzer's figures: a loaded machine's timings say so. */
public final class FuzzLoad {

    private FuzzLoad() {
    }

    /** The 1-minute load average (Linux), or "?" elsewhere. */
    public static String average() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
