package dev.memlens.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The control-flow graph of one code body (module, class body, function, lambda, comprehension, or the value of
 * a type alias / type parameter bound). Blocks are numbered in reverse post-order from the entry; blocks no path
 * reaches (code after a return) keep their elements and come last.
 * <p>
 * Exceptions: inside try bodies, handlers, with bodies and finally-protected code, every block has an EXCEPTION
 * edge to where an exception goes (the handler dispatch, a with's exceptional exit, the finally copy for the
 * exceptional path). Elsewhere only explicit raises, failed asserts and re-raises have EXCEPTION edges (to
 * {@link #exceptionalExit()}); any other element may also end the body with an exception, which the interpreter
 * models without an edge.
 */
public final class ControlFlowGraph {
    private final Scope scope;
    private final List<BasicBlock> blocks;
    private final BasicBlock entry;
    private final BasicBlock exit;
    private final BasicBlock exceptionalExit;
    private final List<BasicBlock> reversePostOrder;
    private final Set<BasicBlock> loopHeads;

    ControlFlowGraph(Scope scope, List<BasicBlock> blocks, BasicBlock entry, BasicBlock exit,
                     BasicBlock exceptionalExit, List<BasicBlock> reversePostOrder, Set<BasicBlock> loopHeads) {
        this.scope = scope;
        this.blocks = blocks;
        this.entry = entry;
        this.exit = exit;
        this.exceptionalExit = exceptionalExit;
        this.reversePostOrder = reversePostOrder;
        this.loopHeads = loopHeads;
    }

    public Scope scope() {
        return scope;
    }

    /** All blocks by id: the reachable ones in reverse post-order, then the unreachable ones. */
    public List<BasicBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    public BasicBlock entry() {
        return entry;
    }

    /** Where returns and falling off the end go. Has no elements. */
    public BasicBlock exit() {
        return exit;
    }

    /** Where an exception leaving the body goes. Has no elements. */
    public BasicBlock exceptionalExit() {
        return exceptionalExit;
    }

    /** The blocks reachable from the entry, each before its successors except along back edges. */
    public List<BasicBlock> reversePostOrder() {
        return Collections.unmodifiableList(reversePostOrder);
    }

    /** Targets of back edges: where the interpreter widens. */
    public Set<BasicBlock> loopHeads() {
        return Collections.unmodifiableSet(loopHeads);
    }

    public boolean isReachable(BasicBlock b) {
        return b.id < reversePostOrder.size();
    }

    /**
     * One line per reachable block: {@code B0: x = 1; test x -> B1:T, B2:F}. Edge suffixes: T/F for tests,
     * next/done for iteration, match/nomatch, exc, suppressed. Exits print as {@code exit} and {@code raise}.
     * Labels are the source text of each element (whitespace collapsed) when {@code source} is given.
     */
    public String dump(/* nullable */ String source) {
        StringBuilder sb = new StringBuilder();
        for (BasicBlock b : reversePostOrder) {
            if (b == exit || b == exceptionalExit) {
                continue;
            }
            sb.append('B').append(b.id).append(':');
            List<String> labels = new ArrayList<>();
            for (Element e : b.elements) {
                labels.add(ElementLabels.label(e, source));
            }
            if (!labels.isEmpty()) {
                sb.append(' ').append(String.join("; ", labels));
            }
            if (!b.successors.isEmpty()) {
                sb.append(" -> ");
                for (int i = 0; i < b.successors.size(); i++) {
                    Edge e = b.successors.get(i);
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(e.target() == exit ? "exit" : e.target() == exceptionalExit ? "raise" : "B" + e.target().id)
                            .append(e.kind().dumpSuffix());
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return dump(null);
    }
}
