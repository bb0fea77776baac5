package dev.memlens.rules.support;

import dev.memlens.syntax.ast.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every node of a file in pre-order, found by kind, and each node's parent: one walk for all the rules of a file.
 *
 * <p>Most rules look at one or two kinds of node (calls, for loops, comparisons); a dozen of them each scanning
 * every node of the file and testing its kind was about 7% of a cold command-line check's CPU (JFR). The walk
 * records, per concrete record class, the pre-order positions of its nodes, so a rule visits only its own kinds,
 * still in source order. The parent of each node is recorded as a position too; the node-to-parent map is built
 * from those positions on the first question about a parent (a file whose rules find no candidate never needs it).
 */
public final class NodeIndex {
    private static final int[] NONE = {};

    private final List<Node> nodes;
    /** For each pre-order position, the position of the node's parent (-1 for the root). */
    private final int[] parents;
    /** For each concrete kind of node, the pre-order positions of its nodes, ascending. */
    private final Map<Class<?>, int[]> byKind;
    private Map<Node, Node> parentOf;

    private NodeIndex(List<Node> nodes, int[] parents, Map<Class<?>, int[]> byKind) {
        this.nodes = nodes;
        this.parents = parents;
        this.byKind = byKind;
    }

    /** Walks the tree under {@code root} once. {@code expected}: a guess at the node count, to size the tables. */
    public static NodeIndex of(Node root, int expected) {
        List<Node> nodes = new ArrayList<>(expected);
        int[] parents = new int[Math.max(16, expected)];
        Map<Class<?>, Positions> kinds = new HashMap<>();
        // pairs (node, parent position) on an explicit stack: deeply nested code must not overflow the Java stack
        List<Node> stack = new ArrayList<>();
        int[] stackParents = new int[64];
        List<Node> children = new ArrayList<>();
        stack.add(root);
        stackParents[0] = -1;
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node n = stack.remove(top);
            int parent = stackParents[top];
            int at = nodes.size();
            nodes.add(n);
            if (at == parents.length) {
                parents = Arrays.copyOf(parents, at * 2);
            }
            parents[at] = parent;
            kinds.computeIfAbsent(n.getClass(), k -> new Positions()).add(at);
            children.clear();
            Ast.children(n, children);
            for (int i = children.size() - 1; i >= 0; i--) {
                int slot = stack.size();
                if (slot == stackParents.length) {
                    stackParents = Arrays.copyOf(stackParents, slot * 2);
                }
                stack.add(children.get(i));
                stackParents[slot] = at;
            }
        }
        Map<Class<?>, int[]> byKind = new HashMap<>(kinds.size() * 2);
        kinds.forEach((k, p) -> byKind.put(k, p.toArray()));
        return new NodeIndex(nodes, parents, byKind);
    }

    /** Every node, in pre-order (the root first). */
    public List<Node> nodes() {
        return nodes;
    }

    /** Visits the nodes of one kind, in pre-order. */
    public <T extends Node> void forEach(Class<T> kind, Consumer<? super T> visit) {
        for (int at : byKind.getOrDefault(kind, NONE)) {
            visit.accept(kind.cast(nodes.get(at)));
        }
    }

    /** Visits the nodes of any of the kinds, in pre-order (so findings come in the order a full walk makes them). */
    public void forEachOf(Consumer<? super Node> visit, List<Class<? extends Node>> kinds) {
        int[][] lists = new int[kinds.size()][];
        int[] next = new int[kinds.size()];
        for (int k = 0; k < lists.length; k++) {
            lists[k] = byKind.getOrDefault(kinds.get(k), NONE);
        }
        while (true) { // a merge of the ascending position lists
            int best = -1;
            for (int k = 0; k < lists.length; k++) {
                if (next[k] < lists[k].length && (best < 0 || lists[k][next[k]] < lists[best][next[best]])) {
                    best = k;
                }
            }
            if (best < 0) {
                return;
            }
            visit.accept(nodes.get(lists[best][next[best]++]));
        }
    }

    /** The node directly containing {@code n}, or null for the root and for nodes not under it. */
    public Node parent(Node n) {
        if (parentOf == null) {
            parentOf = new IdentityHashMap<>(nodes.size());
            for (int i = 1; i < nodes.size(); i++) {
                parentOf.put(nodes.get(i), nodes.get(parents[i]));
            }
        }
        return parentOf.get(n);
    }

    /** A growable list of ascending positions. */
    private static final class Positions {
        private int[] items = new int[8];
        private int size;

        void add(int position) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = position;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
