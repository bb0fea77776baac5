/**
 * The analysis layer: an abstract interpreter of one module that works out which names share an object, what each
 * mutation reaches, copies, identities and reference counts, as facts keyed by AST node. It imports
 * {@code syntax} and {@code semantics} only.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.memlens.analysis.Interpreter#analyze} — the facts of one parsed file
 *       ({@link dev.memlens.analysis.AnalysisResult}), within {@link dev.memlens.analysis.AnalysisLimits}.</li>
 *   <li>{@link dev.memlens.analysis.StatementFacts} — alias groups, refcounts and points-to sets after a simple
 *       statement; {@link dev.memlens.analysis.MutationFact}, {@link dev.memlens.analysis.CopyFact},
 *       {@link dev.memlens.analysis.IdentityVerdict}; {@link dev.memlens.analysis.FunctionSummary} per function.</li>
 *   <li>{@link dev.memlens.analysis.FactsReport} — the facts as JSON ({@code memlens facts}).</li>
 *   <li>{@code builtins} — models of builtin functions and types; {@code BuiltinMethods} is the one table of what
 *       the builtin containers' methods do.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A "must" fact holds on every execution; CPython is the judge (the fixtures and
 *       {@code CpythonAgreementTest} run every claim under a tracer: 100% must-precision).</li>
 *   <li>Bounded: every step is charged to the body run in progress and to the file
 *       ({@link dev.memlens.analysis.AnalysisLimits}: steps, CPU time, abstract objects, cancellation). A body over
 *       its budget is cut alone: the statements it reached keep their facts, the rest of it claims nothing, and the
 *       cut is listed in {@link dev.memlens.analysis.AnalysisResult#partials()} with its scope, line and cause.
 *       Silence means "nothing to report", never "gave up".</li>
 *   <li>Only a budget stops a body: any other exception is a bug, logged with its trace and reported as an
 *       {@code INTERNAL_ERROR} cut (and rethrown when {@code memlens.analysis.strict} is set, as in the tests).</li>
 *   <li>Expression depth does not grow the interpreter's stack without bound: operator chains are walked in a
 *       loop, and expressions nested deeper than a fixed limit run as unknown code.</li>
 *   <li>Abstract objects are identified by allocation site (node identity) and call-site context: evaluation never
 *       builds AST nodes, which would be new sites on every evaluation and keep loops from converging.</li>
 *   <li>Lookups by node use identity: AST records compare by value.</li>
 * </ul>
 */
package dev.memlens.analysis;
