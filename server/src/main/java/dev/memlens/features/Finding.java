package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A diagnostic in editor-neutral terms.
 *
 * @param code    stable identifier ({@code syntax-error}, {@code MEM101}); settings select, ignore and re-rate by it
 * @param source  who produced it, shown next to the message ({@code memlens})
 * @param data    what a quick fix needs later; editors send it back with the code-action request, so code actions
 *                stay stateless. Strings only, so that it survives the round trip through JSON unchanged.
 * @param href    the page that documents the code (LSP's {@code codeDescription.href}), or null
 */
public record Finding(Span range, Severity severity, String code, String message, String source,
                      List<RelatedLocation> related, Map<String, String> data, /* nullable */ String href) {

    public static final String SOURCE = "memlens";

    public Finding {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        source = source == null ? SOURCE : source;
        related = related == null ? List.of() : List.copyOf(related);
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public Finding(Span range, Severity severity, String code, String message, String source,
                   List<RelatedLocation> related, Map<String, String> data) {
        this(range, severity, code, message, source, related, data, null);
    }

    public Finding(Span range, Severity severity, String code, String message) {
        this(range, severity, code, message, SOURCE, List.of(), Map.of(), null);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(range, newSeverity, code, message, source, related, data, href);
    }

    public Finding withHref(String newHref) {
        return new Finding(range, severity, code, message, source, related, data, newHref);
    }
}
