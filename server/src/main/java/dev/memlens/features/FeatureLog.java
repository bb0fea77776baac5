package dev.memlens.features;

/** Where features report their own failures: one line each, the request goes on without them. */
@FunctionalInterface
public interface FeatureLog {

    FeatureLog SILENT = message -> {
    };

    void warn(String message);
}
