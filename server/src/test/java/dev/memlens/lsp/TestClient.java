package dev.memlens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The client side of in-process tests: records what the server sends, answers what it asks. */
final class TestClient implements LanguageClient {

    final List<PublishDiagnosticsParams> diagnostics = new CopyOnWriteArrayList<>();
    final List<MessageParams> logs = new CopyOnWriteArrayList<>();
    final List<RegistrationParams> registrations = new CopyOnWriteArrayList<>();
    final List<ConfigurationParams> configurationRequests = new CopyOnWriteArrayList<>();
    final List<ApplyWorkspaceEditParams> appliedEdits = new CopyOnWriteArrayList<>();
    final AtomicInteger inlayHintRefreshes = new AtomicInteger();
    final AtomicInteger diagnosticRefreshes = new AtomicInteger();
    /** What {@code workspace/configuration} answers for section memlens. */
    volatile JsonElement settings = JsonParser.parseString("{}");

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
    }

    @Override
    public void showMessage(MessageParams params) {
        logs.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        logs.add(params);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        registrations.add(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        configurationRequests.add(params);
        List<Object> out = new ArrayList<>();
        params.getItems().forEach(i -> out.add(settings));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> refreshInlayHints() {
        inlayHintRefreshes.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
        diagnosticRefreshes.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        appliedEdits.add(params);
        return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(true));
    }

    /** The first published diagnostics for {@code uri} that match, waiting for them. */
    PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> matching) {
        return Await.until("diagnostics for " + uri, () -> {
            for (PublishDiagnosticsParams p : diagnostics) {
                if (p.getUri().equals(uri) && matching.test(p)) {
                    return p;
                }
            }
            return null;
        });
    }

    List<PublishDiagnosticsParams> diagnosticsFor(String uri) {
        return diagnostics.stream().filter(p -> p.getUri().equals(uri)).toList();
    }

    boolean logged(String fragment) {
        return logs.stream().anyMatch(m -> m.getMessage().contains(fragment));
    }
}
