package dev.memlens.lsp;

import com.google.gson.JsonElement;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code workspace/*}: settings changes and the command that applies a fix for clients without code actions. */
final class Workspace implements WorkspaceService {

    private final MemLensServer server;

    Workspace(MemLensServer server) {
        this.server = server;
    }

    /**
     * Settings pushed with the notification are used as they are; a notification without them (the pull model)
     * means "ask again".
     */
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (!server.serving()) {
            return;
        }
        Object pushed = params == null ? null : params.getSettings();
        if (pushed != null && SettingsReader.hasSettings(pushed)) {
            server.applySettings(pushed, "workspace/didChangeConfiguration", true);
        }
        if (server.clientSupport().configurationPull()) {
            server.pullSettings();
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        if (!server.serving() || params == null || params.getChanges() == null) {
            return;
        }
        // the only files read from disk are pyproject.toml ([tool.memlens]); the client watches them for us
        boolean project = params.getChanges().stream().anyMatch(c -> c != null && c.getUri() != null
                && c.getUri().endsWith("/" + dev.memlens.rules.config.ConfigFinder.FILE_NAME));
        if (project) {
            server.projectFilesChanged();
        }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        try {
            server.checkServing("workspace/executeCommand");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (params != null && MemLensServer.EXPLAIN_RULE_COMMAND.equals(params.getCommand())) {
            return explainRule(params);
        }
        if (params == null || !MemLensServer.APPLY_EDIT_COMMAND.equals(params.getCommand())) {
            return CompletableFuture.failedFuture(Requests.error(ResponseErrorCode.InvalidParams,
                    "unknown command " + (params == null ? null : params.getCommand())));
        }
        LanguageClient client = server.client();
        if (params.getArguments() == null || params.getArguments().isEmpty() || client == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            Object arg = params.getArguments().get(0);
            WorkspaceEdit edit = arg instanceof JsonElement json
                    ? new MessageJsonHandler(Map.of()).getGson().fromJson(json, WorkspaceEdit.class)
                    : (WorkspaceEdit) arg;
            return client.applyEdit(new ApplyWorkspaceEditParams(edit)).thenApply(r -> null);
        } catch (RuntimeException e) {
            server.log.warn("workspace/executeCommand " + params.getCommand() + " failed: " + e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The rule's Markdown page; InvalidParams for a missing or unknown code. */
    private CompletableFuture<Object> explainRule(ExecuteCommandParams params) {
        Object arg = params.getArguments() == null || params.getArguments().isEmpty() ? null
                : params.getArguments().get(0);
        String code = arg instanceof JsonElement json && json.isJsonPrimitive() ? json.getAsString()
                : arg instanceof String s ? s : null;
        return dev.memlens.features.RuleHover.explain(code)
                .<CompletableFuture<Object>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(Requests.error(ResponseErrorCode.InvalidParams,
                        MemLensServer.EXPLAIN_RULE_COMMAND + ": unknown rule " + arg)));
    }
}
