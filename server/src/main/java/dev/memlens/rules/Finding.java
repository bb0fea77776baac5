package dev.memlens.rules;

import dev.memlens.syntax.ast.Span;

import java.util.List;

/** One diagnostic of one rule in one file. Offsets are UTF-16 indices into the file's text. */
public record Finding(String code, String name, Severity severity, Span span, String message, List<Related> related,
                      List<Fix> fixes) {
    public Finding {
        related = List.copyOf(related);
        fixes = List.copyOf(fixes);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(code, name, s, span, message, related, fixes);
    }
}
