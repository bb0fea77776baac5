package dev.memlens.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A straight-line run of elements; control enters at the top and leaves along one of the successor edges. */
public final class BasicBlock {
    int id;
    final List<Element> elements = new ArrayList<>(2);
    final List<Edge> successors = new ArrayList<>(2);
    final List<BasicBlock> predecessors = new ArrayList<>(2);
    // Scratch fields of the graph's construction: where an empty block forwards to, and the DFS state.
    BasicBlock forward;
    int mark;

    BasicBlock(int id) {
        this.id = id;
    }

    /** Position in the graph's reverse post-order (0 is the entry); unreachable blocks come last. */
    public int id() {
        return id;
    }

    public List<Element> elements() {
        return Collections.unmodifiableList(elements);
    }

    public List<Edge> successors() {
        return Collections.unmodifiableList(successors);
    }

    /** Each predecessor once per edge from it. */
    public List<BasicBlock> predecessors() {
        return Collections.unmodifiableList(predecessors);
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    void addEdge(BasicBlock target, EdgeKind kind) {
        for (Edge e : successors) {
            if (e.target() == target && e.kind() == kind) {
                return;
            }
        }
        successors.add(new Edge(target, kind));
        target.predecessors.add(this);
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
