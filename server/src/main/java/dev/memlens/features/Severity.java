package dev.memlens.features;

/** How loudly a finding is shown; the order is from loudest to quietest. */
public enum Severity {
    ERROR, WARNING, INFORMATION, HINT
}
