package dev.memlens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.Finding;
import dev.memlens.features.HoverItem;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.LabelPart;
import dev.memlens.features.RelatedLocation;
import dev.memlens.features.Severity;
import dev.memlens.features.SourceLocation;
import dev.memlens.features.TextChange;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintLabelPart;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Feature records to lsp4j types and back, for one analyzed document. Locations in other documents are converted
 * with those documents' own positions when they are open, and left out otherwise.
 */
final class Convert {

    private final String uri;
    private final int version;
    private final Positions positions;
    private final ClientSupport client;
    private final Function<String, Positions> otherDocuments;
    private final Places places;

    Convert(String uri, int version, Positions positions, ClientSupport client,
            Function<String, Positions> otherDocuments) {
        this(uri, version, positions, client, otherDocuments, null);
    }

    /**
     * @param places where the analyzed text's spans are when that text is more than this document (the cells of a
     *               notebook); null when it is exactly this document
     */
    Convert(String uri, int version, Positions positions, ClientSupport client,
            Function<String, Positions> otherDocuments, /* nullable */ Places places) {
        this.uri = uri;
        this.version = version;
        this.positions = positions;
        this.client = client;
        this.otherDocuments = otherDocuments;
        this.places = places;
    }

    /** The client documents an analyzed text is spread over (a notebook's cells), by span. */
    interface Places {
        /** The analyzed text's own URI: locations without a URI or with this one are in it. */
        String sourceUri();

        /** The document and range a span of the analyzed text is in. */
        Location location(Span span);

        /** The version of one of those documents, for versioned edits. */
        int version(String uri);
    }

    Positions positions() {
        return positions;
    }

    Diagnostic diagnostic(Finding f) {
        Diagnostic d = new Diagnostic(positions.range(f.range()), f.message(), severity(f.severity()), f.source(),
                f.code());
        if (client.relatedInformation() && !f.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (RelatedLocation r : f.related()) {
                Location l = location(r.location());
                if (l != null) {
                    related.add(new DiagnosticRelatedInformation(l, r.message()));
                }
            }
            if (!related.isEmpty()) {
                d.setRelatedInformation(related);
            }
        }
        if (!f.data().isEmpty()) {
            d.setData(new LinkedHashMap<>(f.data()));
        }
        if (f.href() != null) {
            d.setCodeDescription(new org.eclipse.lsp4j.DiagnosticCodeDescription(f.href()));
        }
        return d;
    }

    /** A diagnostic the client sent back (code-action context) as a finding of this document. */
    Finding finding(Diagnostic d) {
        String code = d.getCode() == null ? ""
                : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
        String message = d.getMessage() == null ? ""
                : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
        Map<String, String> data = new LinkedHashMap<>();
        JsonElement raw = d.getData() instanceof JsonElement e ? e : null;
        if (raw != null && raw.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : ((JsonObject) raw).entrySet()) {
                JsonElement v = m.getValue();
                data.put(m.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
            }
        } else if (d.getData() instanceof Map<?, ?> map) {
            map.forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
        }
        return new Finding(positions.span(d.getRange()), severity(d.getSeverity()), code == null ? "" : code,
                message == null ? "" : message, d.getSource(), List.of(), data);
    }

    InlayHint inlayHint(InlayHintItem item, int index, long generation) {
        List<InlayHintLabelPart> parts = new ArrayList<>();
        boolean deferred = false;
        for (LabelPart p : item.label()) {
            InlayHintLabelPart part = new InlayHintLabelPart(p.text());
            if (p.tooltip() != null) {
                if (client.resolvesHintTooltips()) {
                    deferred = true;
                } else {
                    part.setTooltip(markup(p.tooltip()));
                }
            }
            if (p.target() != null) {
                if (client.resolvesHintLocations()) {
                    deferred = true;
                } else {
                    part.setLocation(location(p.target()));
                }
            }
            parts.add(part);
        }
        InlayHint hint = new InlayHint(positions.position(item.offset()), Either.forRight(parts));
        hint.setPaddingLeft(item.paddingLeft());
        hint.setPaddingRight(item.paddingRight());
        if (deferred) {
            hint.setData(resolveData(generation, index));
        }
        return hint;
    }

    /** Fills in what {@link #inlayHint} left for resolving. */
    InlayHint resolved(InlayHint hint, InlayHintItem item) {
        List<InlayHintLabelPart> parts = new ArrayList<>();
        for (LabelPart p : item.label()) {
            InlayHintLabelPart part = new InlayHintLabelPart(p.text());
            if (p.tooltip() != null) {
                part.setTooltip(markup(p.tooltip()));
            }
            if (p.target() != null) {
                part.setLocation(location(p.target()));
            }
            parts.add(part);
        }
        hint.setLabel(parts);
        hint.setData(null);
        return hint;
    }

    /**
     * {@code memlens/objectGraph}'s answer, shaped as vscode-extension/OBJECT_GRAPH.md says: the records' components
     * are the JSON fields (a null value is left out).
     */
    static JsonObject objectGraph(dev.memlens.features.ObjectGraph graph) {
        return new com.google.gson.Gson().toJsonTree(graph).getAsJsonObject();
    }

    Hover hover(HoverItem item) {
        MarkupContent content = client.markdownHover()
                ? new MarkupContent(MarkupKind.MARKDOWN, item.markdown())
                : new MarkupContent(MarkupKind.PLAINTEXT, PlainText.of(item.markdown()));
        return new Hover(content, positions.range(item.range()));
    }

    org.eclipse.lsp4j.CodeAction codeAction(CodeActionItem item, int index, long generation) {
        org.eclipse.lsp4j.CodeAction action = new org.eclipse.lsp4j.CodeAction(item.title());
        action.setKind(item.kind());
        if (item.preferred()) {
            action.setIsPreferred(true);
        }
        if (!item.diagnostics().isEmpty()) {
            action.setDiagnostics(item.diagnostics().stream().map(this::diagnostic).toList());
        }
        if (client.resolvesActionEdits()) {
            action.setData(resolveData(generation, index));
        } else {
            action.setEdit(workspaceEdit(item.edits()));
        }
        return action;
    }

    WorkspaceEdit workspaceEdit(List<TextChange> changes) {
        if (places != null) {
            return spreadEdit(changes);
        }
        List<TextEdit> edits = changes.stream()
                .map(c -> new TextEdit(positions.range(c.range()), c.newText()))
                .toList();
        if (client.documentChanges()) {
            List<Either<TextEdit, org.eclipse.lsp4j.SnippetTextEdit>> wrapped = new ArrayList<>();
            edits.forEach(e -> wrapped.add(Either.forLeft(e)));
            TextDocumentEdit edit = new TextDocumentEdit(new VersionedTextDocumentIdentifier(uri, version), wrapped);
            return new WorkspaceEdit(List.of(Either.forLeft(edit)));
        }
        return new WorkspaceEdit(Map.of(uri, edits));
    }

    private Map<String, Object> resolveData(long generation, int index) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uri", uri);
        data.put("generation", generation);
        data.put("index", index);
        return data;
    }

    /** Edits of an analyzed text spread over several documents: each goes to the document its range is in. */
    private WorkspaceEdit spreadEdit(List<TextChange> changes) {
        Map<String, List<TextEdit>> byDocument = new LinkedHashMap<>();
        for (TextChange c : changes) {
            Location at = places.location(c.range());
            byDocument.computeIfAbsent(at.getUri(), k -> new ArrayList<>())
                    .add(new TextEdit(at.getRange(), c.newText()));
        }
        if (!client.documentChanges()) {
            return new WorkspaceEdit(byDocument);
        }
        List<Either<TextDocumentEdit, org.eclipse.lsp4j.ResourceOperation>> documentEdits = new ArrayList<>();
        byDocument.forEach((doc, edits) -> {
            List<Either<TextEdit, org.eclipse.lsp4j.SnippetTextEdit>> wrapped = new ArrayList<>();
            edits.forEach(e -> wrapped.add(Either.forLeft(e)));
            documentEdits.add(Either.forLeft(new TextDocumentEdit(
                    new VersionedTextDocumentIdentifier(doc, places.version(doc)), wrapped)));
        });
        return new WorkspaceEdit(documentEdits);
    }

    private Location location(SourceLocation target) {
        if (places != null && (target.uri() == null || target.uri().equals(places.sourceUri()))) {
            return places.location(target.span());
        }
        if (target.uri() == null || target.uri().equals(uri)) {
            return new Location(uri, positions.range(target.span()));
        }
        Positions other = otherDocuments.apply(target.uri());
        return other == null ? null : new Location(target.uri(), other.range(target.span()));
    }

    private Either<String, MarkupContent> markup(String markdown) {
        return client.markdownHover()
                ? Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, markdown))
                : Either.forLeft(PlainText.of(markdown));
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFORMATION -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    static Severity severity(DiagnosticSeverity s) {
        if (s == null) {
            return Severity.ERROR;
        }
        return switch (s) {
            case Error -> Severity.ERROR;
            case Warning -> Severity.WARNING;
            case Information -> Severity.INFORMATION;
            case Hint -> Severity.HINT;
        };
    }
}
