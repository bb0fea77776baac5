/**
 * The rules layer: one class per diagnostic rule (code, name, severity, explanation, the check over the analysis'
 * facts, quick fixes as text edits), the registry and the checker. It imports {@code syntax}, {@code semantics}
 * and {@code analysis}, never {@code features}, {@code lsp} or {@code cli}.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A rule warns on "must" facts only: a "may" is never raised as a warning.</li>
 *   <li>What builtin methods do (mutate, return None) comes from {@code analysis.builtins.BuiltinMethods}, the one
 *       table; rules do not keep their own lists of in-place methods.</li>
 *   <li>A rule that fails on a file is logged and skipped; the others still run.</li>
 *   <li>Each rule has fixtures where it must fire and where it must stay silent.</li>
 * </ul>
 */
package dev.memlens.rules;
