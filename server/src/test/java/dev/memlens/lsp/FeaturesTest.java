package dev.memlens.lsp;

import com.google.gson.JsonParser;
import dev.memlens.features.FeatureRegistry;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintLabelPart;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feature endpoints with stand-in providers: what the records become on the wire, per client. */
class FeaturesTest {

    private static final String URI = "file:///tmp/ws/f.py";
    private static final String TEXT = "x = [1]\ny = x\nz = [3]\nw = y\n";

    private static LspSession session() {
        return new LspSession(new MarkerAnalyzer(), TestProviders.registry());
    }

    private static List<InlayHint> hints(LspSession s, int fromLine, int toLine) {
        return LspSession.get(s.remote.getTextDocumentService().inlayHint(new InlayHintParams(
                new TextDocumentIdentifier(URI), new Range(new Position(fromLine, 0), new Position(toLine, 0)))));
    }

    private static Hover hover(LspSession s, int line, int character) {
        return LspSession.get(s.remote.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier(URI), new Position(line, character))));
    }

    @Test
    void aRegistryWithoutFeatureProvidersAnswersEmpty() {
        try (LspSession s = new LspSession(dev.memlens.features.DocumentAnalyzer.standard(),
                FeatureRegistry.syntaxOnly())) {
            s.initialize("vscode-initialize.json");
            s.open(URI, TEXT);
            assertEquals(List.of(), hints(s, 0, 99));
            assertNull(hover(s, 1, 0));
            List<Either<Command, CodeAction>> actions = LspSession.get(s.remote.getTextDocumentService().codeAction(
                    new CodeActionParams(new TextDocumentIdentifier(URI),
                            new Range(new Position(0, 0), new Position(3, 0)), new CodeActionContext(List.of()))));
            assertEquals(List.of(), actions);
        }
    }

    @Test
    void inlayHintsRespectTheRangeAndResolveForVsCode() {
        try (LspSession s = session()) {
            s.initialize("vscode-initialize.json");
            s.open(URI, TEXT);
            assertEquals(2, hints(s, 0, 4).size());
            List<InlayHint> second = hints(s, 2, 4);
            assertEquals(1, second.size(), "only the hint on line 3 is in [2, 4)");
            InlayHint hint = second.get(0);
            assertEquals(new Position(3, 5), hint.getPosition());
            List<InlayHintLabelPart> parts = hint.getLabel().getRight();
            assertEquals("≡ ", parts.get(0).getValue());
            assertEquals("y", parts.get(1).getValue());
            assertNull(parts.get(1).getTooltip(), "VS Code resolves tooltips");
            assertNull(parts.get(1).getLocation(), "and locations");
            assertNotNull(hint.getData());

            InlayHint resolved = LspSession.get(s.remote.getTextDocumentService().resolveInlayHint(hint));
            InlayHintLabelPart link = resolved.getLabel().getRight().get(1);
            assertEquals(MarkupKind.MARKDOWN, link.getTooltip().getRight().getKind());
            assertTrue(link.getTooltip().getRight().getValue().contains("**one**"));
            assertEquals(URI, link.getLocation().getUri());
            assertEquals(new Range(new Position(1, 0), new Position(1, 1)), link.getLocation().getRange());
        }
    }

    @Test
    void clientsWithoutResolveGetCompleteHints() {
        try (LspSession s = session()) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(URI, TEXT);
            InlayHintLabelPart link = hints(s, 0, 9).get(0).getLabel().getRight().get(1);
            assertNotNull(link.getTooltip());
            assertNotNull(link.getLocation());
            assertEquals(new Range(new Position(0, 0), new Position(0, 1)), link.getLocation().getRange());
        }
    }

    @Test
    void hoverIsMarkdownOrPlainTextAndSurvivesAFailingProvider() {
        try (LspSession s = session()) {
            s.initialize("vscode-initialize.json");
            s.open(URI, TEXT);
            Hover h = hover(s, 1, 0);
            assertEquals(MarkupKind.MARKDOWN, h.getContents().getRight().getKind());
            assertEquals("**name** `y`", h.getContents().getRight().getValue());
            assertEquals(new Range(new Position(1, 0), new Position(1, 1)), h.getRange());
            Await.condition("one log line for the failing provider",
                    () -> s.client.logged("hover/failing failed: java.lang.IllegalStateException: boom"));
            assertNull(hover(s, 1, 2), "between words: nothing");
            assertEquals(new Range(new Position(3, 4), new Position(3, 5)), hover(s, 3, 400).getRange(),
                    "a column past the line end clamps to the end of the line");
            assertNull(hover(s, 400, 0), "past the last line: the end of the text, after a newline");
        }
        try (LspSession s = session()) {
            InitializeParams p = new InitializeParams();
            p.setCapabilities(new ClientCapabilities());
            s.initialize(p);
            s.open(URI, TEXT);
            Hover h = hover(s, 0, 0);
            assertEquals(MarkupKind.PLAINTEXT, h.getContents().getRight().getKind());
            assertEquals("name x", h.getContents().getRight().getValue());
        }
    }

    @Test
    void codeActionsCarryTheDiagnosticBackAndResolveTheirEdit() {
        try (LspSession s = session()) {
            s.initialize("vscode-initialize.json");
            s.open(URI, "a = '@@'\n");
            Diagnostic d = LspSession.get(s.remote.getTextDocumentService().diagnostic(
                    new DocumentDiagnosticParams(new TextDocumentIdentifier(URI))))
                    .getRelatedFullDocumentDiagnosticReport().getItems().get(0);
            CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(URI), d.getRange(),
                    new CodeActionContext(List.of(d)));
            List<Either<Command, CodeAction>> actions = LspSession.get(
                    s.remote.getTextDocumentService().codeAction(params));
            assertEquals(2, actions.size());
            CodeAction fix = actions.get(0).getRight();
            assertEquals("Remove marker", fix.getTitle());
            assertEquals("quickfix", fix.getKind());
            assertTrue(fix.getIsPreferred());
            assertEquals(d.getRange(), fix.getDiagnostics().get(0).getRange());
            assertNull(fix.getEdit(), "VS Code resolves edits");
            CodeAction resolved = LspSession.get(s.remote.getTextDocumentService().resolveCodeAction(fix));
            var edit = resolved.getEdit().getDocumentChanges().get(0).getLeft();
            assertEquals(1, edit.getTextDocument().getVersion());
            assertEquals(d.getRange(), edit.getEdits().get(0).getLeft().getRange());
            assertEquals("", edit.getEdits().get(0).getLeft().getNewText());

            params.getContext().setOnly(List.of("refactor"));
            List<Either<Command, CodeAction>> refactors = LspSession.get(
                    s.remote.getTextDocumentService().codeAction(params));
            assertEquals(List.of("Uppercase"), refactors.stream().map(a -> a.getRight().getTitle()).toList());
        }
    }

    @Test
    void clientsWithoutCodeActionLiteralsGetCommandsThatApplyTheEdit() {
        try (LspSession s = session()) {
            InitializeParams p = new InitializeParams();
            ClientCapabilities caps = new ClientCapabilities();
            caps.setWorkspace(new org.eclipse.lsp4j.WorkspaceClientCapabilities());
            caps.getWorkspace().setApplyEdit(true);
            p.setCapabilities(caps);
            s.initialize(p);
            s.open(URI, "abc\n");
            List<Either<Command, CodeAction>> actions = LspSession.get(s.remote.getTextDocumentService().codeAction(
                    new CodeActionParams(new TextDocumentIdentifier(URI),
                            new Range(new Position(0, 0), new Position(0, 3)), new CodeActionContext(List.of()))));
            Command command = actions.get(0).getLeft();
            assertEquals(MemLensServer.APPLY_EDIT_COMMAND, command.getCommand());
            LspSession.get(s.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(command.getCommand(), command.getArguments())));
            assertEquals("ABC", s.client.appliedEdits.get(0).getEdit().getChanges().get(URI).get(0).getNewText());
        }
    }

    @Test
    void hintSettingsSwitchKindsOffAndRefresh() {
        try (LspSession s = session()) {
            s.initialize("vscode-initialize.json");
            s.open(URI, TEXT);
            assertEquals(2, hints(s, 0, 9).size());
            s.client.settings = JsonParser.parseString("{\"hints\":{\"alias\":false}}");
            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"memlens\":{\"hints\":{\"alias\":false}}}")));
            Await.condition("inlay hint refresh", () -> s.client.inlayHintRefreshes.get() > 0);
            Await.condition("alias off", () -> !s.server.settings().hints().alias());
            assertEquals(List.of(), hints(s, 0, 9));
        }
    }

    @Test
    void aFailingDiagnosticProviderLeavesTheOthers() {
        FeatureRegistry registry = FeatureRegistry.standard().with(new dev.memlens.features.DiagnosticProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<dev.memlens.features.Finding> diagnostics(dev.memlens.features.DocumentAnalysis a,
                                                                  dev.memlens.features.Cancellation c) {
                throw new StackOverflowError();
            }
        });
        try (LspSession s = new LspSession(new MarkerAnalyzer(), registry)) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(URI, "#@@\n");
            assertEquals(1, s.client.awaitDiagnostics(URI, p -> true).getDiagnostics().size());
            assertTrue(s.stderr().contains("diagnostics/broken failed"), s.stderr());
        }
    }
}
