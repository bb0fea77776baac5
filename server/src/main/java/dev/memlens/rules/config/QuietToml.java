package dev.memlens.rules.config;

import org.tomlj.Toml;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * tomlj's generated parser was built with ANTLR 4.11 and our runtime is 4.13: its static initializers print two
 * version-mismatch lines to System.err (harmless: the runtime reads that grammar fine). They run once, when the
 * classes load; this loads them once, with System.err muted for that moment only, so `memlens check` keeps its
 * stderr for real problems. The JVM's class initialization makes it once and thread-safe.
 */
final class QuietToml {
    private QuietToml() {
    }

    static void initialize() {
        Loaded.touch();
    }

    private static final class Loaded {
        static {
            PrintStream err = System.err;
            try {
                System.setErr(new PrintStream(OutputStream.nullOutputStream()));
                Toml.parse("a = 1");
            } finally {
                System.setErr(err);
            }
        }

        static void touch() {
        }
    }
}
