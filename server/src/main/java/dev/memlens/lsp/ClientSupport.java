package dev.memlens.lsp;

import dev.memlens.syntax.LineMap;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.InlayHintCapabilities;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;

import java.util.List;
import java.util.Set;

/**
 * What the client said it can do, reduced to the decisions the server makes. Built once from {@code initialize};
 * every missing part of the capabilities means "not supported".
 *
 * @param encoding                   the negotiated position encoding
 * @param encodingName               its LSP name, echoed in the server capabilities
 * @param markdownHover              hover content may be markdown
 * @param inlayHintResolve           the hint properties the client can resolve lazily (empty: send complete hints)
 * @param codeActionLiterals         the client takes {@code CodeAction} literals (else {@code Command}s)
 * @param codeActionResolve          the code action properties the client can resolve lazily
 * @param pullDiagnostics            the client pulls ({@code textDocument/diagnostic}) instead of being pushed to
 * @param relatedInformation         the client shows a diagnostic's related locations
 * @param diagnosticVersion          publishDiagnostics may carry the document version
 * @param configurationPull          the client answers {@code workspace/configuration}
 * @param configurationRegistration  {@code workspace/didChangeConfiguration} can be registered dynamically
 * @param inlayHintRefresh           the client takes {@code workspace/inlayHint/refresh}
 * @param diagnosticRefresh          the client takes {@code workspace/diagnostic/refresh}
 * @param documentChanges            workspace edits may use versioned document changes
 * @param applyEdit                  the client takes {@code workspace/applyEdit}
 * @param watchedFilesRegistration   file watchers ({@code workspace/didChangeWatchedFiles}) can be registered
 */
public record ClientSupport(LineMap.Encoding encoding, String encodingName, boolean markdownHover,
                            Set<String> inlayHintResolve, boolean codeActionLiterals,
                            Set<String> codeActionResolve, boolean pullDiagnostics, boolean relatedInformation,
                            boolean diagnosticVersion, boolean configurationPull, boolean configurationRegistration,
                            boolean inlayHintRefresh, boolean diagnosticRefresh, boolean documentChanges,
                            boolean applyEdit, boolean watchedFilesRegistration) {

    /** A client that said nothing: UTF-16, plain text, push diagnostics, no refreshes. */
    public static final ClientSupport MINIMAL = from(null);

    public static ClientSupport from(ClientCapabilities caps) {
        GeneralClientCapabilities general = caps == null ? null : caps.getGeneral();
        TextDocumentClientCapabilities text = caps == null ? null : caps.getTextDocument();
        WorkspaceClientCapabilities ws = caps == null ? null : caps.getWorkspace();

        String encodingName = negotiateEncoding(general == null ? null : general.getPositionEncodings());
        LineMap.Encoding encoding = switch (encodingName) {
            case PositionEncodingKind.UTF8 -> LineMap.Encoding.UTF8;
            case PositionEncodingKind.UTF32 -> LineMap.Encoding.UTF32;
            default -> LineMap.Encoding.UTF16;
        };

        HoverCapabilities hover = text == null ? null : text.getHover();
        boolean markdown = hover != null && hover.getContentFormat() != null
                && hover.getContentFormat().contains(MarkupKind.MARKDOWN);

        InlayHintCapabilities inlay = text == null ? null : text.getInlayHint();
        Set<String> inlayResolve = inlay == null || inlay.getResolveSupport() == null
                || inlay.getResolveSupport().getProperties() == null
                ? Set.of() : Set.copyOf(inlay.getResolveSupport().getProperties());

        CodeActionCapabilities actions = text == null ? null : text.getCodeAction();
        boolean literals = actions != null && actions.getCodeActionLiteralSupport() != null;
        boolean actionData = actions != null && Boolean.TRUE.equals(actions.getDataSupport());
        Set<String> actionResolve = !literals || !actionData || actions.getResolveSupport() == null
                || actions.getResolveSupport().getProperties() == null
                ? Set.of() : Set.copyOf(actions.getResolveSupport().getProperties());

        boolean pull = text != null && text.getDiagnostic() != null;
        // VS Code says relatedInformation only under publishDiagnostics, yet shows it on pulled diagnostics too
        boolean related = pull && Boolean.TRUE.equals(text.getDiagnostic().getRelatedInformation())
                || text != null && text.getPublishDiagnostics() != null
                  && Boolean.TRUE.equals(text.getPublishDiagnostics().getRelatedInformation());
        boolean version = text != null && text.getPublishDiagnostics() != null
                && Boolean.TRUE.equals(text.getPublishDiagnostics().getVersionSupport());

        boolean configuration = ws != null && Boolean.TRUE.equals(ws.getConfiguration());
        boolean configRegistration = ws != null && ws.getDidChangeConfiguration() != null
                && Boolean.TRUE.equals(ws.getDidChangeConfiguration().getDynamicRegistration());
        boolean inlayRefresh = ws != null && ws.getInlayHint() != null
                && Boolean.TRUE.equals(ws.getInlayHint().getRefreshSupport());
        boolean diagnosticRefresh = ws != null && ws.getDiagnostics() != null
                && Boolean.TRUE.equals(ws.getDiagnostics().getRefreshSupport());
        boolean documentChanges = ws != null && ws.getWorkspaceEdit() != null
                && Boolean.TRUE.equals(ws.getWorkspaceEdit().getDocumentChanges());
        boolean applyEdit = ws != null && Boolean.TRUE.equals(ws.getApplyEdit());
        boolean watchedFiles = ws != null && ws.getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration());

        return new ClientSupport(encoding, encodingName, markdown, inlayResolve, literals, actionResolve, pull,
                related, version, configuration, configRegistration, inlayRefresh, diagnosticRefresh,
                documentChanges, applyEdit, watchedFiles);
    }

    /**
     * The client lists encodings most preferred first; UTF-16 is what every client supports and what it gets when
     * it lists nothing we know. We take the client's first choice since all three convert through {@link LineMap}.
     */
    static String negotiateEncoding(List<String> offered) {
        if (offered != null) {
            for (String kind : offered) {
                if (PositionEncodingKind.UTF8.equals(kind) || PositionEncodingKind.UTF16.equals(kind)
                        || PositionEncodingKind.UTF32.equals(kind)) {
                    return kind;
                }
            }
        }
        return PositionEncodingKind.UTF16;
    }

    boolean resolvesHintTooltips() {
        return inlayHintResolve.contains("tooltip") || inlayHintResolve.contains("label.tooltip");
    }

    boolean resolvesHintLocations() {
        return inlayHintResolve.contains("label.location");
    }

    boolean resolvesActionEdits() {
        return codeActionResolve.contains("edit");
    }
}
