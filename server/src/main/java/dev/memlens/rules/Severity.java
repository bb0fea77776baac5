package dev.memlens.rules;

import java.util.Locale;

/** How loudly a finding is reported; the names match LSP's DiagnosticSeverity. */
public enum Severity {
    ERROR, WARNING, INFORMATION, HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "error", "warning", "information"/"info", "hint" (any case); null when unknown. */
    public static Severity parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "error": return ERROR;
            case "warning": case "warn": return WARNING;
            case "information": case "info": return INFORMATION;
            case "hint": return HINT;
            default: return null;
        }
    }
}
