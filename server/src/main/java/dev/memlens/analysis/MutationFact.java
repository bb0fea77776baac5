package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import java.util.List;

/**
 * An in-place change of an object at a site: the objects it may change, and the names of the current scope (and
 * module globals) that see the change because they refer to, or reach, a changed object. {@code must} names see it
 * on every execution. {@code certain} is false when the receiver's type is unknown and the call only may mutate.
 */
public record MutationFact(Node site, String scope, Pts objects, List<String> mustSee, List<String> maySee,
                           boolean certain) {
}
