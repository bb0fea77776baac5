package dev.memlens.rules;

/**
 * One diagnostic rule: its metadata and its check. Each implementation is one class in this package holding its
 * code, name, default severity, summary, the Markdown explanation (the source of `memlens explain` and of
 * docs/rules/CODE.md), the check, and the fixes it attaches to findings.
 */
public interface Rule {
    /** Stable code such as {@code MEM101}. */
    String code();

    /** Stable kebab-case name such as {@code shallow-copy-shares-nested}. */
    String name();

    Severity defaultSeverity();

    /** One line, no trailing period. */
    String summary();

    /**
     * Markdown with the sections "What it does", "Why is this bad", "Example", "Use instead", "Fix safety",
     * "Known limits" (level-2 headings).
     */
    String explanation();

    /** Reports findings for one file. Must not throw on odd input (the runner contains it anyway). */
    void check(RuleContext ctx, FindingSink out);

    /** Rules are on unless selected out; a rule may choose to be opt-in. */
    default boolean enabledByDefault() {
        return true;
    }

    /** A finding of this rule with its default severity. */
    default Finding finding(dev.memlens.syntax.ast.Span span, String message, java.util.List<Related> related,
                            java.util.List<Fix> fixes) {
        return new Finding(code(), name(), defaultSeverity(), span, message, related, fixes);
    }
}
