package dev.memlens.semantics;

/**
 * A function binds a name the module also binds, without declaring it {@code global}: assignments in the
 * function create a local and leave the global alone. {@code binding} is the function's first non-parameter
 * binding of the name.
 */
public record ShadowedGlobal(Scope scope, Symbol local, Symbol global, Binding binding) {
}
