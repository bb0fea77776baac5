package dev.memlens.analysis;

import dev.memlens.semantics.Scope;

/**
 * What one body saw at one point of one run, kept so that questions about its names (alias groups, who sees a
 * mutation, reference counts) are answered when asked instead of after every statement. The state is a read-only
 * snapshot sharing its unchanged parts with the states before and after it.
 *
 * @param freeFrames for each of {@link ScopeNames#freeNames(Scope)}: the one frame object holding it, or -1
 * @param roots      frame objects of the call chain (module first) when reference counts are wanted, else null
 * @param loopDepth  loops around the point, counting the callers' (their iterators hold their iterables)
 */
record FrameSnapshot(State state, Scope scope, int frameObj, int[] freeFrames, int[] roots, int loopDepth) {
}
