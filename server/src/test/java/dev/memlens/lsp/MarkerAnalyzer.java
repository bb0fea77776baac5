package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.SyntaxAnalyzer;
import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real analysis plus a syntax error at every {@code @@}, so that diagnostics can be tested before the grammar
 * exists; optionally slow, checking cancellation the way a long interpreter run would.
 */
final class MarkerAnalyzer implements DocumentAnalyzer {

    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final List<Integer> completedVersions = new CopyOnWriteArrayList<>();
    private final DocumentAnalyzer real = new SyntaxAnalyzer();
    private final long delayMs;
    private final boolean onlyFirstVersion;

    MarkerAnalyzer() {
        this(0, false);
    }

    /** @param onlyFirstVersion slow for version 1 only, so that what follows an edit is quick */
    MarkerAnalyzer(long delayMs, boolean onlyFirstVersion) {
        this.delayMs = delayMs;
        this.onlyFirstVersion = onlyFirstVersion;
    }

    @Override
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel) {
        started.incrementAndGet();
        try {
            DocumentAnalysis a = real.analyze(source, version, cancel);
            long delay = onlyFirstVersion && version != 1 ? 0 : delayMs;
            long end = System.nanoTime() + delay * 1_000_000;
            while (System.nanoTime() < end) {
                cancel.check();
                Thread.sleep(1);
            }
            cancel.check();
            List<ParseError> errors = new ArrayList<>(a.parse().errors());
            String text = source.text();
            for (int i = text.indexOf("@@"); i >= 0; i = text.indexOf("@@", i + 2)) {
                errors.add(new ParseError("marker at " + i, new Span(i, i + 2)));
            }
            completedVersions.add(version);
            return new DocumentAnalysis(a.source(), version, a.lines(),
                    new ParseResult(a.parse().source(), a.parse().module(), errors));
        } catch (Cancellation.Cancelled e) {
            cancelled.incrementAndGet();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.Cancelled();
        }
    }
}
