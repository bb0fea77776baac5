package dev.memlens.analysis;

import java.util.List;

/**
 * What a call of a function does to its caller, worked out from a run of its body: which parameters' objects it
 * may change ({@code mutated}), which it may keep or hand on where the caller cannot see (stored into a global, an
 * attribute or a container that outlives the call, passed to unknown code, captured by a closure, reachable from
 * the result: {@code stored}), which it may return as they are ({@code returned}), and whether everything else it
 * returns is new (or an immutable constant). An {@code opaque} function runs code the analysis cannot see, changes
 * objects it did not create or get as parameters, or rebinds globals: nothing else here may then be relied on.
 *
 * @param qualname the function's {@code __qualname__}
 * @param params   parameter names in order (including {@code *args} / {@code **kwargs} names)
 * @param freshResult every object it returns (other than {@code returned} parameters) is new or an immutable value
 */
public record FunctionSummary(String qualname, List<String> params, List<String> mutated, List<String> stored,
                              List<String> returned, boolean freshResult, boolean opaque) {

    /** Nothing known: what a call of code the analysis cannot see may do. */
    static FunctionSummary opaque(String qualname, List<String> params) {
        return new FunctionSummary(qualname, params, params, params, params, false, true);
    }

    /** No effect and no result: the starting assumption for a recursive function's own calls. */
    static FunctionSummary nothing(String qualname, List<String> params) {
        return new FunctionSummary(qualname, params, List.of(), List.of(), List.of(), true, false);
    }
}
