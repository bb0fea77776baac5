package dev.memlens.lsp;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as the server sees it: LSP plus MemLens's own notifications (clients that do not know them ignore them). */
interface MemLensClient extends LanguageClient {

    /** {@code memlens/analysisStatus}: whether the newest analysis of a document was cut ({@link AnalysisStatus}). */
    @JsonNotification("memlens/analysisStatus")
    void analysisStatus(JsonObject params);
}
