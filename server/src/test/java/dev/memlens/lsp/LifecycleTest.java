package dev.memlens.lsp;

import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    @Test
    void vscodeGetsIncrementalSyncPullDiagnosticsAndResolve() {
        try (LspSession s = new LspSession()) {
            InitializeResult result = s.initialize("vscode-initialize.json");
            ServerCapabilities caps = result.getCapabilities();
            assertEquals("memlens", result.getServerInfo().getName());
            assertEquals(PositionEncodingKind.UTF16, caps.getPositionEncoding());
            assertEquals(TextDocumentSyncKind.Incremental, caps.getTextDocumentSync().getRight().getChange());
            assertTrue(caps.getTextDocumentSync().getRight().getOpenClose());
            assertTrue(caps.getHoverProvider().getLeft());
            assertNotNull(caps.getDiagnosticProvider(), "VS Code pulls diagnostics");
            assertFalse(caps.getDiagnosticProvider().isInterFileDependencies());
            assertTrue(caps.getInlayHintProvider().getRight().getResolveProvider());
            assertTrue(caps.getCodeActionProvider().getRight().getResolveProvider());
            assertEquals(List.of(MemLensServer.EXPLAIN_RULE_COMMAND), caps.getExecuteCommandProvider().getCommands(),
                    "literal code actions need no apply command; explaining a rule is one");

            Await.condition("configuration pulled",
                    () -> !s.client.configurationRequests.isEmpty());
            Await.condition("didChangeConfiguration registered",
                    () -> !s.client.registrations.isEmpty());
            assertEquals("workspace/didChangeConfiguration",
                    s.client.registrations.get(0).getRegistrations().get(0).getMethod());
        }
    }

    @Test
    void neovimGetsPushDiagnosticsAndNoResolveForHints() {
        try (LspSession s = new LspSession()) {
            ServerCapabilities caps = s.initialize("neovim-0.7-initialize.json").getCapabilities();
            assertNull(caps.getDiagnosticProvider(), "0.7 has no pull diagnostics");
            assertFalse(caps.getInlayHintProvider().getRight().getResolveProvider());
            String uri = "file:///tmp/ws/seed_tour.py";
            s.open(uri, LspSession.resource("seed_tour.py"));
            assertEquals(ExpectedDiagnostics.count(LspSession.resource("seed_tour.py")),
                    s.client.awaitDiagnostics(uri, p -> true).getDiagnostics().size());
        }
    }

    @Test
    void positionEncodingFollowsTheClientsFirstChoice() {
        for (List<String> offered : List.of(List.of("utf-8", "utf-16"), List.of("utf-32"),
                List.of("utf-16", "utf-8"), List.of("latin-1"), List.<String>of())) {
            try (LspSession s = new LspSession()) {
                InitializeParams p = LspSession.params("vscode-initialize.json");
                p.getCapabilities().getGeneral().setPositionEncodings(offered);
                String chosen = s.initialize(p).getCapabilities().getPositionEncoding();
                String expected = offered.isEmpty() || offered.get(0).equals("latin-1") ? "utf-16" : offered.get(0);
                assertEquals(expected, chosen, "offered " + offered);
            }
        }
    }

    @Test
    void emptyCapabilitiesAreTheMinimalClient() {
        try (LspSession s = new LspSession()) {
            InitializeParams p = new InitializeParams();
            p.setCapabilities(new org.eclipse.lsp4j.ClientCapabilities());
            ServerCapabilities caps = s.initialize(p).getCapabilities();
            assertEquals("utf-16", caps.getPositionEncoding());
            assertNull(caps.getDiagnosticProvider());
            assertTrue(caps.getCodeActionProvider().isLeft(), "no literal support: plain true");
            assertEquals(List.of(MemLensServer.APPLY_EDIT_COMMAND, MemLensServer.EXPLAIN_RULE_COMMAND),
                    caps.getExecuteCommandProvider().getCommands());
        }
    }

    @Test
    void requestsBeforeInitializeAreRefused() throws Exception {
        try (LspSession s = new LspSession()) {
            DocumentDiagnosticParams p = new DocumentDiagnosticParams(new TextDocumentIdentifier("file:///x.py"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> s.remote.getTextDocumentService().diagnostic(p).get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("before initialize"), e.getCause().getMessage());
        }
    }

    @Test
    void shutdownThenExitIsZero() throws Exception {
        try (LspSession s = new LspSession()) {
            s.initialize("vscode-initialize.json");
            assertNull(s.remote.shutdown().get(60, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> s.remote.getTextDocumentService()
                    .diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier("file:///x.py")))
                    .get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("after shutdown"));
            s.remote.exit();
            assertEquals(0, s.exitCode.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void exitWithoutShutdownIsOne() throws Exception {
        try (LspSession s = new LspSession()) {
            s.initialize("vscode-initialize.json");
            s.remote.exit();
            assertEquals(1, s.exitCode.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void secondInitializeIsAnError() {
        try (LspSession s = new LspSession()) {
            s.initialize("vscode-initialize.json");
            assertThrows(ExecutionException.class,
                    () -> s.remote.initialize(new InitializeParams()).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void pulledDiagnosticsOfSeedTour() {
        try (LspSession s = new LspSession()) {
            s.initialize("vscode-initialize.json");
            String uri = "file:///tmp/ws/seed_tour.py";
            String text = LspSession.resource("seed_tour.py");
            s.open(uri, text);
            DocumentDiagnosticReport report = LspSession.get(s.remote.getTextDocumentService()
                    .diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))));
            assertTrue(report.isRelatedFullDocumentDiagnosticReport());
            assertEquals(ExpectedDiagnostics.count(text),
                    report.getRelatedFullDocumentDiagnosticReport().getItems().size());
            assertTrue(s.client.diagnostics.isEmpty(), "a pulling client is never pushed to");
        }
    }
}
