package dev.memlens.lsp;

import com.google.gson.JsonObject;
import dev.memlens.features.FeatureRegistry;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debounce, latest-wins, cancellation of stale analyses and of requests. */
class CancellationTest {

    private static final String URI = "file:///tmp/ws/c.py";

    @Test
    void aBurstOfEditsIsAnalyzedOnceAtTheEnd() {
        MarkerAnalyzer analyzer = new MarkerAnalyzer(30, false);
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard())) {
            org.eclipse.lsp4j.InitializeParams p = LspSession.params("vscode-initialize.json");
            // long enough that a loaded machine still sends the burst within one debounce
            p.setInitializationOptions(java.util.Map.of("memlens", java.util.Map.of("analysis",
                    java.util.Map.of("debounceMs", 1_000))));
            s.initialize(p);
            s.open(URI, "");
            Await.condition("first analysis", () -> analyzer.completedVersions.contains(1));
            for (int v = 2; v <= 40; v++) {
                s.change(URI, v, LspSession.edit(0, 0, 0, 0, v == 40 ? "#@@" : "x"));
            }
            int diagnostics = LspSession.get(s.remote.getTextDocumentService().diagnostic(
                    new DocumentDiagnosticParams(new TextDocumentIdentifier(URI))))
                    .getRelatedFullDocumentDiagnosticReport().getItems().size();
            assertEquals(1, diagnostics, "answered from the newest text");
            Await.condition("last version analyzed",
                    () -> analyzer.completedVersions.contains(40));
            assertTrue(analyzer.completedVersions.size() < 10,
                    "debounced: " + analyzer.completedVersions.size() + " analyses for 40 versions");
            assertEquals(40, s.state(URI).get("version").getAsInt());
        }
    }

    @Test
    void aRequestForTheNewestTextStartsItsAnalysisWithoutWaitingOutTheDebounce() {
        MarkerAnalyzer analyzer = new MarkerAnalyzer();
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard())) {
            org.eclipse.lsp4j.InitializeParams p = LspSession.params("vscode-initialize.json");
            // the longest debounce there is: pushed diagnostics would wait 10 s, a request does not
            p.setInitializationOptions(java.util.Map.of("memlens", java.util.Map.of("analysis",
                    java.util.Map.of("debounceMs", dev.memlens.features.Settings.MAX_DEBOUNCE_MS))));
            s.initialize(p);
            s.open(URI, "a = [1]\n");
            Await.condition("first analysis", () -> analyzer.completedVersions.contains(1));
            s.change(URI, 2, LspSession.edit(0, 0, 0, 0, "b = a\n"));
            List<org.eclipse.lsp4j.InlayHint> hints = LspSession.get(s.remote.getTextDocumentService().inlayHint(
                    new org.eclipse.lsp4j.InlayHintParams(new TextDocumentIdentifier(URI),
                            new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(0, 0),
                                    new org.eclipse.lsp4j.Position(3, 0)))));
            assertTrue(analyzer.completedVersions.contains(2), "answered from the analysis of version 2");
            assertEquals(1, s.server.scheduler.onDemandStarts(), "the request started it, not the debounce timer");
            assertEquals(List.of(1, 2), analyzer.completedVersions, "each version analyzed once: " + hints);
        }
    }

    @Test
    void anEditStopsTheRunningAnalysisOfTheOldText() {
        MarkerAnalyzer analyzer = new MarkerAnalyzer(20_000, true);
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard())) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(URI, "a = 1\n");
            Await.condition("analysis started", () -> analyzer.started.get() == 1);
            s.change(URI, 2, LspSession.edit(0, 0, 0, 0, "#@@"));
            Await.condition("stale analysis cancelled", () -> analyzer.cancelled.get() == 1);
            s.client.awaitDiagnostics(URI, p -> p.getVersion() == null && p.getDiagnostics().size() == 1);
            assertFalse(analyzer.completedVersions.contains(1));
            assertTrue(s.client.diagnosticsFor(URI).stream().allMatch(p -> p.getDiagnostics().size() == 1),
                    "nothing published for the stale version");
        }
    }

    @Test
    void cancelRequestIsAnsweredWithRequestCancelled() {
        MarkerAnalyzer analyzer = new MarkerAnalyzer(20_000, true);
        try (RawHarness h = new RawHarness(analyzer, FeatureRegistry.standard())) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":\"x = 1\\n\"}}");
            int id = c.request("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\"},\"position\":{\"line\":0,\"character\":0}}");
            c.notify("$/cancelRequest", "{\"id\":" + id + "}");
            JsonObject r = c.response(id);
            assertEquals(-32800, RawSession.errorCode(r), r.toString());
            // the analysis others may wait for goes on; the server keeps serving
            c.notify("$/cancelRequest", "{\"id\":99999}");
            JsonObject unknown = c.call("memlens/test/documentState", "{\"uri\":\"" + URI + "\"}");
            assertEquals(1, unknown.getAsJsonObject("result").get("version").getAsInt());
        }
    }

    @Test
    void aPositionalRequestOvertakenByAnEditIsContentModified() {
        MarkerAnalyzer analyzer = new MarkerAnalyzer(20_000, true);
        try (RawHarness h = new RawHarness(analyzer, FeatureRegistry.standard())) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":\"x = 1\\n\"}}");
            int hover = c.request("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + URI
                    + "\"},\"position\":{\"line\":0,\"character\":0}}");
            int pull = c.request("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + URI + "\",\"version\":2},"
                    + "\"contentChanges\":[{\"text\":\"#@@\"}]}");
            JsonObject r = c.response(hover);
            assertEquals(-32801, RawSession.errorCode(r), r.toString());
            JsonObject d = c.response(pull);
            assertEquals(1, d.getAsJsonObject("result").getAsJsonArray("items").size(),
                    "diagnostics follow the document to its newest text");
        }
    }
}
