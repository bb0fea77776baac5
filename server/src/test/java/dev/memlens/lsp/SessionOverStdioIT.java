package dev.memlens.lsp;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.memlens.lsp.EditorFeaturesTest.described;
import static dev.memlens.lsp.EditorFeaturesTest.hints;
import static dev.memlens.lsp.EditorFeaturesTest.hover;
import static dev.memlens.lsp.EditorFeaturesTest.pull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar over stdio, beyond the editor features ({@link EditorFeaturesIT}): incremental edits, cancelled
 * requests and a burst of edits, shutdown and exit — the session an editor really has with the shipped server.
 */
class SessionOverStdioIT {

    private static final String URI = "file:///tmp/ws/session.py";

    private static LspSession vscode() {
        LspSession s = LspSession.overStdio(EditorFeaturesIT.JAR);
        s.initialize("vscode-initialize.json");
        return s;
    }

    /** Polls the hints until they are {@code expected}: after an edit the newest analysis may still be running. */
    private static void awaitHints(LspSession s, List<String> expected) {
        List<List<String>> seen = new ArrayList<>();
        try {
            Await.condition("hints " + expected, () -> {
                List<String> now = described(hints(s, URI));
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                    seen.add(now);
                }
                return now.equals(expected);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the hints were, in turn: " + seen, e);
        }
    }

    @Test
    void incrementalEditsMoveTheHints() {
        try (LspSession s = vscode()) {
            s.open(URI, "x = [1, 2]\ny = x\n");
            awaitHints(s, List.of("2:≡ x", "2:refs: 2"));

            // a line typed above: every hint moves down one line, and the new name joins the alias group
            s.change(URI, 2, LspSession.edit(0, 0, 0, 0, "# 🐍 memory\n"));
            s.change(URI, 3, LspSession.edit(3, 0, 3, 0, "z = y\n"));
            awaitHints(s, List.of("3:≡ x", "3:refs: 2", "4:≡ x, y", "4:refs: 3"));

            // `y = x` becomes `y = [x]`: y now holds a new list, and z follows y
            s.change(URI, 4, LspSession.edit(2, 4, 2, 5, "[x]"));
            awaitHints(s, List.of("4:≡ y", "4:refs: 2"));
            String y = hover(s, URI, 2, 0);
            assertTrue(y.contains("new `list`"), y);
        }
    }

    @Test
    void cancelledRequestsAndABurstOfEditsLeaveTheNewestAnswer() throws Exception {
        try (LspSession s = vscode()) {
            s.open(URI, "nums = [1, 2]\nalias = nums\n");
            List<CompletableFuture<Hover>> cancelled = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Hover> h = s.remote.getTextDocumentService().hover(new HoverParams(
                        new TextDocumentIdentifier(URI), new Position(1, 0)));
                h.cancel(true); // lsp4j sends $/cancelRequest for it
                cancelled.add(h);
            }
            assertTrue(cancelled.stream().allMatch(CompletableFuture::isCancelled));
            String alias = hover(s, URI, 1, 0);
            assertTrue(alias.contains("Binds `alias` to the same `list` as `nums`"), alias);

            // thirty edits in a row; only the last one has the identity comparison
            for (int v = 2; v <= 31; v++) {
                String line = v == 31 ? "print(nums is [1, 2])\n" : "print(" + v + ")\n";
                s.change(URI, v, LspSession.edit(2, 0, v == 2 ? 2 : 3, 0, line));
            }
            Await.condition("MEM301 on the last line", () -> pull(s, URI).stream()
                    .anyMatch(d -> "MEM301".equals(d.getCode().getLeft()) && d.getRange().getStart().getLine() == 2));
            List<Diagnostic> ds = pull(s, URI);
            assertEquals(1, ds.stream().filter(d -> "MEM301".equals(d.getCode().getLeft())).count(), ds.toString());
        }
    }

    @Test
    void shutdownThenExitEndsTheProcessWithZero() throws Exception {
        LspSession s = vscode();
        try {
            s.open(URI, "x = []\n");
            assertNull(s.remote.shutdown().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
            s.remote.exit();
            assertEquals(0, s.exitCode.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS), s.stderr());
            assertTrue(s.stderr().contains("shutting down"), "logs go to stderr: " + s.stderr());
        } finally {
            s.close();
        }
    }
}
