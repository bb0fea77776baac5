package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;
import dev.memlens.syntax.SourceText;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inlay hints need the facts, not the rules' findings: a hint request for the newest text is answered as soon as
 * the analysis has its facts, while the rules still run, and with the same hints; the diagnostics follow once the
 * rules are done.
 */
class HintsBeforeRulesTest {

    private static final String URI = "file:///tmp/ws/early.py";
    private static final String TEXT = "def f(items=[]):\n    items.append(1)\n    return items\n\nx = [1]\ny = x\n";

    /** The standard analyzer, holding its rules back until {@link #rules} is counted down. */
    private static final class HeldRules implements DocumentAnalyzer {
        final CountDownLatch rules = new CountDownLatch(1);
        final CountDownLatch factsTold = new CountDownLatch(1);
        private final DocumentAnalyzer real = DocumentAnalyzer.standard();

        @Override
        public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel) {
            return real.analyze(source, version, cancel);
        }

        @Override
        public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel,
                                        DocumentAnalysis previous, Consumer<DocumentAnalysis> factsReady) {
            return real.analyze(source, version, cancel, previous, facts -> {
                // counted first: the hint answer may reach the client before accept returns
                factsTold.countDown();
                factsReady.accept(facts);
                try {
                    rules.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static List<String> labels(List<InlayHint> hints) {
        return hints.stream().map(h -> h.getPosition().getLine() + ":" + (h.getLabel().isLeft()
                ? h.getLabel().getLeft()
                : h.getLabel().getRight().stream().map(p -> p.getValue()).reduce("", String::concat))).toList();
    }

    private static CompletableFuture<List<InlayHint>> hints(LspSession s) {
        return s.remote.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(URI),
                new Range(new Position(0, 0), new Position(10, 0))));
    }

    @Test
    void hintsAreAnsweredWhileTheRulesRunAndAgreeWithTheCompleteAnalysis() throws Exception {
        HeldRules analyzer = new HeldRules();
        try (LspSession s = new LspSession(analyzer, FeatureRegistry.standard())) {
            s.initialize("vscode-initialize.json");
            s.open(URI, TEXT);
            List<String> early;
            CompletableFuture<DocumentDiagnosticReport> pulled;
            try {
                early = labels(LspSession.get(hints(s)));
                assertEquals(0, analyzer.factsTold.getCount(), "the hints came from the facts");
                pulled = s.remote.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(
                        new TextDocumentIdentifier(URI)));
                // the rules are held: the diagnostics cannot be known yet, the hints were
                assertFalse(pulled.isDone(), "diagnostics before the rules ran");
            } finally {
                analyzer.rules.countDown();
            }
            assertTrue(early.contains("5:≡ x"), early.toString());
            List<Diagnostic> diagnostics = LspSession.get(pulled).getRelatedFullDocumentDiagnosticReport().getItems();
            assertTrue(diagnostics.stream().anyMatch(d -> "MEM201".equals(d.getCode().getLeft())),
                    diagnostics.toString());
            assertEquals(early, labels(LspSession.get(hints(s))), "the complete analysis gives the same hints");
            assertFalse(early.isEmpty());
        }
    }
}
