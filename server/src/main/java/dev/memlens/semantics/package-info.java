/**
 * The semantics layer: scopes, symbols, name resolution and control flow of one module, built from the AST
 * records of {@code dev.memlens.syntax.ast} (the only package this one imports).
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.memlens.semantics.SemanticModel#build} — everything for one parsed file.</li>
 *   <li>{@link dev.memlens.semantics.ScopeTree} — the scope tree ({@link dev.memlens.semantics.Scope},
 *       {@link dev.memlens.semantics.Symbol}, {@link dev.memlens.semantics.Binding}) and the
 *       {@link dev.memlens.semantics.Resolution} of every name occurrence, by node identity and by offset.</li>
 *   <li>{@link dev.memlens.semantics.ControlFlowGraphs} — one {@link dev.memlens.semantics.ControlFlowGraph} per
 *       code body; blocks hold {@link dev.memlens.semantics.Element}s in evaluation order.</li>
 *   <li>{@link dev.memlens.semantics.NameEvents} — the reads and (un)bindings one element performs.</li>
 *   <li>{@link dev.memlens.semantics.ScopeDiagnostics} — possibly unbound locals and shadowed globals.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Symbol classification is CPython's: {@link dev.memlens.semantics.ScopeAnalyzer} ports
 *       {@code symtable.c}, and a test compares every scope and symbol of the standard library with CPython's
 *       {@code symtable} module (100% agreement on CPython 3.11). Symbol names are stored mangled, as CPython
 *       stores them.</li>
 *   <li>Nothing recurses on expression depth: the scope walk and the name-event walk use explicit stacks, and
 *       elif chains are followed in a loop. Recursion remains only on statement nesting (bounded by Python's
 *       own indentation limit) and on and/or/not nesting in conditions (capped at 64, deeper is one test).</li>
 *   <li>Lookups by node use identity: AST records compare by value.</li>
 *   <li>All work is linear in the file (finally blocks are copied per exit path, as CPython does).</li>
 * </ul>
 */
package dev.memlens.semantics;
