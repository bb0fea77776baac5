package dev.memlens.rules;

import dev.memlens.syntax.ast.Node;

import java.util.List;

/** Holds a rule's metadata so each rule class only states it once in its constructor. */
public abstract class BaseRule implements Rule {
    private final String code;
    private final String name;
    private final Severity severity;
    private final String summary;

    protected BaseRule(String code, String name, Severity severity, String summary) {
        this.code = code;
        this.name = name;
        this.severity = severity;
        this.summary = summary;
    }

    @Override
    public final String code() {
        return code;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Severity defaultSeverity() {
        return severity;
    }

    @Override
    public final String summary() {
        return summary;
    }

    protected Finding at(Node n, String message, List<Related> related, List<Fix> fixes) {
        return finding(n.span(), message, related, fixes);
    }

    /** "`text`" quoted for a message. */
    protected static String q(String s) {
        return "`" + s + "`";
    }
}
