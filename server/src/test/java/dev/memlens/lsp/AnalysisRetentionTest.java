package dev.memlens.lsp;

import com.google.gson.JsonParser;
import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;
import dev.memlens.syntax.SourceText;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only the most recently used documents keep their full analysis; the others answer exactly as before, from their
 * summary (diagnostics) or from the same text analyzed again (hints, hovers).
 */
class AnalysisRetentionTest {

    private static final String A = "file:///tmp/ws/a.py";
    private static final String B = "file:///tmp/ws/b.py";
    private static final String C = "file:///tmp/ws/c.py";
    private static final String ALIASES = "x = [1]\ny = x\ny.append(2)\n";
    private static final String DEFAULT = "def f(items=[]):\n    items.append(1)\n    return items\n";

    /** The standard analyzer, counting analyses per document. */
    private static final class CountingAnalyzer implements DocumentAnalyzer {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final DocumentAnalyzer real = DocumentAnalyzer.standard();

        @Override
        public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel) {
            DocumentAnalysis a = real.analyze(source, version, cancel);
            runs.computeIfAbsent(source.name(), k -> new AtomicInteger()).incrementAndGet();
            return a;
        }

        int runs(String uri) {
            AtomicInteger n = runs.get(uri);
            return n == null ? 0 : n.get();
        }
    }

    private static List<String> hints(LspSession s, String uri) {
        List<InlayHint> raw = LspSession.get(s.remote.getTextDocumentService().inlayHint(new InlayHintParams(
                new TextDocumentIdentifier(uri), new Range(new Position(0, 0), new Position(100, 0)))));
        return raw.stream().map(h -> h.getPosition().getLine() + ":" + (h.getLabel().isLeft() ? h.getLabel().getLeft()
                : h.getLabel().getRight().stream().map(p -> p.getValue()).reduce("", String::concat))).toList();
    }

    private static String hover(LspSession s, String uri, int line, int character) {
        Hover h = LspSession.get(s.remote.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier(uri), new Position(line, character))));
        return h == null ? null : h.getContents().getRight().getValue();
    }

    private static List<Diagnostic> pull(LspSession s, String uri) {
        return LspSession.get(s.remote.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(
                new TextDocumentIdentifier(uri)))).getRelatedFullDocumentDiagnosticReport().getItems();
    }

    /** What the same requests answer when every document keeps its analysis. */
    private static List<Object> answers(int retained) {
        CountingAnalyzer analyzer = new CountingAnalyzer();
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard(), retained)) {
            s.initialize("vscode-initialize.json");
            s.open(A, ALIASES);
            s.open(B, DEFAULT);
            pull(s, A);
            pull(s, B);
            return List.of(hints(s, A), String.valueOf(hover(s, A, 1, 0)), hints(s, B),
                    pull(s, A).toString(), pull(s, B).toString());
        }
    }

    @Test
    void aDroppedAnalysisAnswersAsAKeptOne() {
        List<Object> kept = answers(10);
        List<Object> dropped = answers(1);
        assertEquals(kept, dropped);
        assertTrue(((List<?>) kept.get(0)).contains("1:≡ x"), kept.toString());
        assertTrue(kept.get(4).toString().contains("MEM201"), kept.toString());
    }

    @Test
    void onlyTheMostRecentlyUsedKeepTheirAnalysisAndTheOthersAreAnalyzedAgainOnDemand() {
        CountingAnalyzer analyzer = new CountingAnalyzer();
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard(), 2)) {
            s.initialize("vscode-initialize.json");
            for (String uri : List.of(A, B, C)) {
                s.open(uri, ALIASES);
                pull(s, uri);
            }
            OpenDocument a = s.server.documents.get(A);
            OpenDocument b = s.server.documents.get(B);
            OpenDocument c = s.server.documents.get(C);
            assertFalse(a.holdsAnalysis(), "least recently used");
            assertTrue(b.holdsAnalysis());
            assertTrue(c.holdsAnalysis());
            assertEquals(1, analyzer.runs(A));

            // diagnostics come from the summary: no second analysis
            assertEquals(0, pull(s, A).size());
            assertEquals(1, analyzer.runs(A));

            // hints and a hover at once need the analysis: it is made again, once, and both get it
            CompletableFuture<List<InlayHint>> hints = s.remote.getTextDocumentService().inlayHint(
                    new InlayHintParams(new TextDocumentIdentifier(A),
                            new Range(new Position(0, 0), new Position(3, 0))));
            CompletableFuture<Hover> hover = s.remote.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(A), new Position(1, 0)));
            assertFalse(LspSession.get(hints).isEmpty());
            assertNotNull(LspSession.get(hover));
            assertEquals(2, analyzer.runs(A));
            assertTrue(a.holdsAnalysis(), "used last");
            assertFalse(b.holdsAnalysis(), "now the least recently used");
            assertTrue(c.holdsAnalysis());
            assertEquals(ALIASES, a.snapshot().text(), "text is never dropped");
            assertEquals(ALIASES, b.snapshot().text());

            // an edit of a document without its analysis is analyzed as usual
            s.change(B, 2, LspSession.edit(0, 0, 0, 0, "def f(x=[]):\n    x.append(1)\n"));
            assertTrue(pull(s, B).stream().anyMatch(d -> "MEM201".equals(d.getCode().getLeft())));
            assertEquals(2, analyzer.runs(B));
            assertTrue(b.holdsAnalysis());
        }
    }

    @Test
    void newSettingsRerateThePushedDiagnosticsOfDocumentsWithoutTheirAnalysis() {
        CountingAnalyzer analyzer = new CountingAnalyzer();
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard(), 1)) {
            s.initialize("neovim-0.7-initialize.json");
            s.open(A, DEFAULT);
            s.client.awaitDiagnostics(A, p -> !p.getDiagnostics().isEmpty());
            s.open(B, ALIASES);
            s.client.awaitDiagnostics(B, p -> true);
            assertFalse(s.server.documents.get(A).holdsAnalysis());
            // the client answers the server's workspace/configuration pull with the new severity
            s.client.settings = JsonParser.parseString("{\"rules\":{\"severity\":{\"MEM201\":\"error\"}}}");
            s.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    new com.google.gson.JsonObject()));
            PublishDiagnosticsParams rerated = s.client.awaitDiagnostics(A, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error));
            assertEquals("MEM201", rerated.getDiagnostics().get(0).getCode().getLeft());
            assertEquals(1, analyzer.runs(A), "re-rated from the summary, not analyzed again");
        }
    }

    @Test
    void recentAnalysesDropTheLeastRecentlyTouched() {
        RecentAnalyses recent = new RecentAnalyses(2);
        OpenDocument[] docs = new OpenDocument[4];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new OpenDocument("file:///d" + i + ".py", "python", "x = 1\n", 1, (d, job) -> { });
            AnalysisJob job = new AnalysisJob(docs[i].snapshot());
            docs[i].startJob(job);
            SourceText text = new SourceText(docs[i].uri, "x = 1\n");
            DocumentAnalysis analysis = DocumentAnalysis.empty(text, 1);
            assertTrue(docs[i].finish(job, analysis, new AnalysisSummary(0, 1, analysis.lines(), List.of())));
        }
        recent.touch(docs[0]);
        recent.touch(docs[1]);
        recent.touch(docs[0]);
        recent.touch(docs[2]);
        assertEquals(List.of(true, false, true, true), holding(docs), "d1 was the least recently touched");
        recent.forget(docs[2]);
        recent.touch(docs[3]);
        assertEquals(List.of(true, false, true, true), holding(docs), "a forgotten document no longer counts");
        recent.touch(docs[1]);
        assertEquals(List.of(false, false, true, true), holding(docs),
                "d0 is dropped; touching d1 does not bring its analysis back, only a request does");
        assertEquals(2, recent.size());
    }

    private static List<Boolean> holding(OpenDocument[] docs) {
        return java.util.Arrays.stream(docs).map(OpenDocument::holdsAnalysis).toList();
    }
}
