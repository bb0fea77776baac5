package dev.memlens.rules;

/**
 * Whether a fix may be applied without review. SAFE: the program behaves the same except where it hit the bug.
 * UNSAFE: it may also change behaviour that some code relies on (a signature, an identity, who sees a mutation).
 */
public enum FixSafety { SAFE, UNSAFE }
