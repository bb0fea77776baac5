package dev.memlens.lsp;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Which open documents keep their full analysis. An analysis of a 1,000-line file retains tens of megabytes (AST,
 * scopes, per-statement facts), and a user with a hundred files open looks at a few, so only the most recently
 * used ones keep theirs; the others keep their {@link AnalysisSummary} and are analyzed again when a request needs
 * more. Text is never dropped, only what can be recomputed from it.
 */
final class RecentAnalyses {

    /** Enough for the editors on screen and a few recently visited files. */
    static final int DEFAULT_CAPACITY = 6;

    private final int capacity;
    private final LinkedHashMap<OpenDocument, Boolean> recent = new LinkedHashMap<>(16, 0.75f, true);

    RecentAnalyses(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * {@code document} was just analyzed or asked about: it keeps its analysis, and the least recently used beyond
     * the capacity let theirs go.
     */
    void touch(OpenDocument document) {
        if (document.isClosed()) {
            return; // a request that raced with didClose must not keep the closed document here
        }
        synchronized (recent) {
            recent.put(document, Boolean.TRUE);
            Iterator<OpenDocument> it = recent.keySet().iterator();
            while (recent.size() > capacity && it.hasNext()) {
                OpenDocument oldest = it.next();
                if (oldest != document) {
                    it.remove();
                    // under our lock, so a concurrent touch of the same document cannot be overtaken; no caller
                    // holds a document's lock while touching, so taking it here cannot deadlock
                    oldest.dropAnalysis();
                }
            }
        }
    }

    void forget(OpenDocument document) {
        synchronized (recent) {
            recent.remove(document);
        }
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
