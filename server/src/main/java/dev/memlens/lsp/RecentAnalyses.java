package dev.memlens.lsp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

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

    /** {@code document} was just analyzed or asked about: it keeps its analysis, the least recent beyond capacity do not. */
    void touch(OpenDocument document) {
        List<OpenDocument> evicted = new ArrayList<>();
        synchronized (recent) {
            recent.put(document, Boolean.TRUE);
            Iterator<OpenDocument> it = recent.keySet().iterator();
            while (recent.size() > capacity && it.hasNext()) {
                OpenDocument oldest = it.next();
                if (oldest != document) {
                    it.remove();
                    evicted.add(oldest);
                }
            }
        }
        // outside our lock: the document takes its own
        for (OpenDocument d : evicted) {
            d.dropAnalysis();
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
