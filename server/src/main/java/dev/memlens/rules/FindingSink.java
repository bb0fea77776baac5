package dev.memlens.rules;

/** Where a rule reports. */
@FunctionalInterface
public interface FindingSink {
    void report(Finding finding);
}
