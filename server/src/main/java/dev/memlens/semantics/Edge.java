package dev.memlens.semantics;

/** A CFG edge; the source is the block whose successor list holds it. */
public record Edge(BasicBlock target, EdgeKind kind) {
    @Override
    public String toString() {
        return "B" + target.id() + kind.dumpSuffix();
    }
}
