package dev.memlens.lsp;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

import java.util.concurrent.CompletableFuture;

/** The server as the test client sees it: LSP plus the {@link TestProbe}. */
public interface ProbedServer extends LanguageServer {

    @JsonRequest("memlens/test/documentState")
    CompletableFuture<JsonObject> documentState(JsonObject params);

    @JsonRequest("memlens/objectGraph")
    CompletableFuture<JsonObject> objectGraph(JsonObject params);
}
