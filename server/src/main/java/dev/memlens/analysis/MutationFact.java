package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import java.util.Collections;
import java.util.List;

/**
 * An in-place change of an object at a site: the objects it may change, and the names of the current scope (and
 * module globals) that see the change because they refer to, or reach, a changed object. {@code must} names see it
 * on every execution. {@code certain} is false when the receiver's type is unknown and the call only may mutate.
 * Who sees it is worked out from the recorded state on the first question.
 */
public final class MutationFact {
    private final Node site;
    private final String scope;
    private final Pts objects;
    private final boolean certain;
    private HeapView heap;
    private FrameSnapshot at;
    private List<String> mustSee;
    private List<String> maySee;
    private List<String> mustSeePaths;

    MutationFact(Node site, String scope, Pts objects, boolean certain, HeapView heap, FrameSnapshot at) {
        this.site = site;
        this.scope = scope;
        this.objects = objects;
        this.certain = certain;
        this.heap = heap;
        this.at = at;
    }

    public Node site() {
        return site;
    }

    public String scope() {
        return scope;
    }

    public Pts objects() {
        return objects;
    }

    public boolean certain() {
        return certain;
    }

    /** Names that see the change on every execution. */
    public List<String> mustSee() {
        see();
        return mustSee;
    }

    /**
     * Parallel to {@link #mustSee}: how each name sees the change, as the name itself when it refers to the changed
     * object, else the access path that reaches it ({@code self.items}, {@code config["tags"]}).
     */
    public List<String> mustSeePaths() {
        see();
        return mustSeePaths;
    }

    /** Names that may see the change. */
    public List<String> maySee() {
        see();
        return maySee;
    }

    private synchronized void see() {
        if (mustSee != null) {
            return;
        }
        List<List<String>> s = heap.seeing(objects, certain, at);
        mustSee = Collections.unmodifiableList(s.get(0));
        maySee = Collections.unmodifiableList(s.get(1));
        mustSeePaths = Collections.unmodifiableList(s.get(2));
        // the answer is small; the snapshot may be large: let it go
        heap = null;
        at = null;
    }

    @Override
    public String toString() {
        return "MutationFact[site=" + site + ", scope=" + scope + ", objects=" + objects + ", certain=" + certain
                + "]";
    }
}
