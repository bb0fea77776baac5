package dev.memlens.cli;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a one-shot run on HotSpot's C1 compiler. A {@code memlens parse} run over a large tree is over before C2's
 * compilations of the parser pay for themselves: on the CPython standard library, C1 alone takes well under half
 * the CPU time of the default tiered compilation (the same as {@code -XX:TieredStopAtLevel=1}). A jar cannot carry
 * JVM options, so this asks the running JVM through its DiagnosticCommand MBean (JEP 165 compiler directives) to
 * exclude every method from C2; HotSpot then compiles hot methods with C1 without profiling (tier 1). Nothing
 * happens when the JVM is not HotSpot or when its options already choose a compilation mode.
 *
 * <p>{@code MEMLENS_JIT=default} keeps the JVM's tiered compilation; {@code MEMLENS_JIT=c1} asks for C1 even where
 * MemLens would not by default ({@code parse --bench}, whose warm passes measure the long-running server).
 */
final class OneShotJit {
    private static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";
    private static final List<String> JIT_OPTIONS = List.of("TieredStopAtLevel", "TieredCompilation",
            "CompilerDirectives", "CompileCommand", "-Xint", "-Xcomp");

    /** Below this much source, C2 hardly starts before the run ends and the directive is not worth its cost. */
    static final long LARGE_INPUT_BYTES = 2_000_000;

    private OneShotJit() {
    }

    /**
     * Above this much, C2's faster code wins back its compilations (on the standard library, 31 MB, C2's warm pass
     * takes about 60% of C1's CPU time, and compiling costs some 7 s of CPU).
     */
    static final long HUGE_INPUT_BYTES = 150_000_000;

    /** Whether the files add up to between {@link #LARGE_INPUT_BYTES} and {@link #HUGE_INPUT_BYTES}. */
    static boolean largeInput(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable: reported by the parse itself
            }
            if (total >= HUGE_INPUT_BYTES) {
                return false;
            }
        }
        return total >= LARGE_INPUT_BYTES;
    }

    /**
     * Applies the C1-only directive if it should and can; returns a short description of the JIT mode.
     *
     * @param byDefault whether this run wants C1 only when MEMLENS_JIT does not say
     */
    static String apply(boolean byDefault) {
        String env = System.getenv("MEMLENS_JIT");
        if (env != null && !env.isEmpty()) {
            if (env.equalsIgnoreCase("default")) {
                return "tiered C1+C2 (MEMLENS_JIT=default)";
            }
            if (!env.equalsIgnoreCase("c1")) {
                return "tiered C1+C2 (MEMLENS_JIT=" + env + " is neither default nor c1)";
            }
        } else if (!byDefault) {
            return "tiered C1+C2";
        }
        try {
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                for (String option : JIT_OPTIONS) {
                    if (arg.contains(option)) {
                        return "as set by " + arg;
                    }
                }
            }
            Path file = Files.createTempFile("memlens-jit", ".json");
            try {
                Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
                Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                String text = String.valueOf(result);
                return text.contains("1 compiler directives added") ? "C1 only" : "tiered C1+C2 (" + text.strip() + ")";
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception | LinkageError e) {
            return "tiered C1+C2 (" + e.getClass().getSimpleName() + ")";
        }
    }
}
