package dev.memlens.lsp;

import com.google.gson.JsonParser;
import dev.memlens.features.FeatureRegistry;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {

    private static final String URI = "file:///tmp/ws/d.py";

    private static List<Diagnostic> pull(LspSession s) {
        DocumentDiagnosticReport r = LspSession.get(s.remote.getTextDocumentService()
                .diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(URI))));
        return r.getRelatedFullDocumentDiagnosticReport().getItems();
    }

    @Test
    void pushedDiagnosticsFollowEdits() {
        try (LspSession s = new LspSession(new MarkerAnalyzer(), FeatureRegistry.standard())) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(URI, "x = 1\ny = '@@'\n");
            PublishDiagnosticsParams first = s.client.awaitDiagnostics(URI, p -> !p.getDiagnostics().isEmpty());
            Diagnostic d = first.getDiagnostics().get(0);
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals("syntax-error", d.getCode().getLeft());
            assertEquals("memlens", d.getSource());
            assertEquals(new Position(1, 5), d.getRange().getStart());
            assertEquals(new Position(1, 7), d.getRange().getEnd());

            s.change(URI, 2, LspSession.edit(1, 4, 1, 8, "2"));
            s.client.awaitDiagnostics(URI, p -> p.getDiagnostics().isEmpty());
            s.change(URI, 3, LspSession.edit(0, 0, 0, 0, "#@@ "), LspSession.edit(2, 0, 2, 0, "z = '@@'\n"));
            PublishDiagnosticsParams last = s.client.awaitDiagnostics(URI, p -> p.getDiagnostics().size() == 2);
            assertEquals(new Position(0, 1), last.getDiagnostics().get(0).getRange().getStart());
            assertEquals(new Position(2, 5), last.getDiagnostics().get(1).getRange().getStart());

            s.close(URI);
            Await.condition("cleared on close", () -> {
                List<PublishDiagnosticsParams> all = s.client.diagnosticsFor(URI);
                return all.get(all.size() - 1).getDiagnostics().isEmpty() && all.size() >= 4;
            });
        }
    }

    @Test
    void theRealParsersSyntaxErrorsArePublishedAndClearedWhenFixed() {
        try (LspSession s = new LspSession()) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(URI, "x = [1, 2]\ndef f(:\n    return x\n");
            PublishDiagnosticsParams bad = s.client.awaitDiagnostics(URI, p -> !p.getDiagnostics().isEmpty());
            Diagnostic d = bad.getDiagnostics().get(0);
            assertEquals("syntax-error", d.getCode().getLeft());
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals(1, d.getRange().getStart().getLine(), "on the broken def");
            s.change(URI, 2, LspSession.edit(1, 6, 1, 6, ")"));
            s.client.awaitDiagnostics(URI, p -> p.getDiagnostics().isEmpty());
        }
    }

    @Test
    void pulledDiagnosticsReflectTheNewestTextAndSayUnchanged() {
        try (LspSession s = new LspSession(new MarkerAnalyzer(), FeatureRegistry.standard())) {
            s.initialize("vscode-initialize.json");
            s.open(URI, "a = '@@'\n");
            assertEquals(1, pull(s).size());
            s.change(URI, 2, LspSession.edit(0, 4, 0, 8, "[]"));
            assertEquals(0, pull(s).size());
            s.change(URI, 3, LspSession.edit(0, 0, 0, 0, "#@@@@"));
            assertEquals(2, pull(s).size());

            DocumentDiagnosticParams p = new DocumentDiagnosticParams(new TextDocumentIdentifier(URI));
            DocumentDiagnosticReport full = LspSession.get(s.remote.getTextDocumentService().diagnostic(p));
            String id = full.getRelatedFullDocumentDiagnosticReport().getResultId();
            p.setPreviousResultId(id);
            DocumentDiagnosticReport again = LspSession.get(s.remote.getTextDocumentService().diagnostic(p));
            assertTrue(again.isRelatedUnchangedDocumentDiagnosticReport());
            assertEquals(id, again.getRelatedUnchangedDocumentDiagnosticReport().getResultId());
        }
    }

    @Test
    void rangesUseTheNegotiatedEncoding() {
        String text = "s = 'é🐍' + '@@'\n";
        for (String encoding : List.of("utf-16", "utf-8", "utf-32")) {
            try (LspSession s = new LspSession(new MarkerAnalyzer(), FeatureRegistry.standard())) {
                InitializeParams params = LspSession.params("vscode-initialize.json");
                params.getCapabilities().getGeneral().setPositionEncodings(List.of(encoding));
                s.initialize(params);
                s.open(URI, text);
                Diagnostic d = pull(s).get(0);
                int expected = switch (encoding) {
                    case "utf-8" -> 16;   // s = ' (5) é (2) 🐍 (4) ' + ' (5)
                    case "utf-32" -> 12;
                    default -> 13;
                };
                assertEquals(new Position(0, expected), d.getRange().getStart(), encoding);
                // an edit in that encoding right after the snake
                s.change(URI, 2, LspSession.edit(0, expected - 5, 0, expected - 5, "!"));
                assertEquals(TestProbe.digest("s = 'é🐍!' + '@@'\n"), s.state(URI).get("digest").getAsString(),
                        encoding);
            }
        }
    }

    @Test
    void settingsChangeRefreshesPulledDiagnostics() {
        try (LspSession s = new LspSession(new MarkerAnalyzer(), FeatureRegistry.standard())) {
            s.initialize("vscode-initialize.json");
            s.open(URI, "a = '@@'\n");
            assertEquals(DiagnosticSeverity.Error, pull(s).get(0).getSeverity());
            s.client.settings = JsonParser.parseString("{\"rules\":{\"severity\":{\"syntax-error\":\"warning\"}}}");
            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    new com.google.gson.JsonObject()));
            Await.condition("diagnostic refresh", () -> s.client.diagnosticRefreshes.get() > 0);
            assertEquals(DiagnosticSeverity.Warning, pull(s).get(0).getSeverity());

            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"memlens\":{\"rules\":{\"ignore\":[\"syntax\"]}}}")));
            Await.condition("second refresh", () -> s.client.diagnosticRefreshes.get() > 1);
            // pushed settings apply, then the pull (which still answers the warning setting) replaces them
            Await.condition("settings settle",
                    () -> s.server.settings().rules().ignore().isEmpty() && s.client.configurationRequests.size() >= 3);
        }
    }

    @Test
    void settingsChangeRepublishesPushedDiagnostics() {
        try (LspSession s = new LspSession(new MarkerAnalyzer(), FeatureRegistry.standard())) {
            InitializeParams params = LspSession.params("neovim-0.7-initialize.json");
            params.getCapabilities().getWorkspace().setConfiguration(false);
            s.initialize(params);
            s.open(URI, "a = '@@'\n");
            s.client.awaitDiagnostics(URI, p -> p.getDiagnostics().size() == 1);
            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"memlens\":{\"rules\":{\"severity\":{\"syntax-error\":\"hint\"}}}}")));
            PublishDiagnosticsParams p = s.client.awaitDiagnostics(URI, d -> !d.getDiagnostics().isEmpty()
                    && d.getDiagnostics().get(0).getSeverity() == DiagnosticSeverity.Hint);
            assertEquals(1, p.getDiagnostics().size());
            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"memlens.rules.severity\":{\"syntax-error\":\"off\"}}")));
            s.client.awaitDiagnostics(URI, d -> d.getDiagnostics().isEmpty());
        }
    }
}
