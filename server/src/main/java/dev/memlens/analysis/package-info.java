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
 * <h2>The interpreter's parts</h2>
 * One run of the interpreter is one {@code AnalysisRun}: the run's shared state (module, object
 * table, fact tables, budgets) and its parts, each one seam of the interpreter with a small package-private surface;
 * a part reaches another only through the run.
 * <ul>
 *   <li>{@code Interpreter} — the driver (module run, then each function standalone); the parts call back into
 *       it through {@code StatementTransfer}.</li>
 *   <li>{@code StatementFlow} — the statement transfer: runs a body over its scope's control-flow graph (the
 *       semantics layer's) and says what each graph element does to the state ({@code Stmt.Visitor} for
 *       statements); widens a loop that does not settle.</li>
 *   <li>{@code FlowEngine}, {@code FlowPlan} — the worklist over one graph: states joined where edges meet, loops
 *       iterated in sweeps (inner loops to their own fixed point in each sweep of the outer one), facts recorded
 *       from the settled states, exception edges carrying the states around their block.</li>
 *   <li>{@code Expressions} — evaluates an expression: one {@code Expr.Visitor} visit per kind, displays,
 *       subscripts, operators; nesting past a fixed depth runs as unknown code.</li>
 *   <li>{@code Bindings} — assignment targets and names: store/load through the scope a name lives in, unpacking,
 *       {@code del}, augmented assignment.</li>
 *   <li>{@code Calls} — calls: which callees a call may reach, entering file functions with their arguments
 *       (call-site context), instantiation, builtins through their models.</li>
 *   <li>{@code EffectSummaries} — calls not entered (recursion, depth, budget): the effect of a body run on
 *       {@code StandIn}s for the arguments, cached per def and stand-ins ({@code EffectKey} while worked out).</li>
 *   <li>{@code Classes} — attribute lookup through instances, classes and bases; class and function
 *       definitions (defaults, closures, decorators).</li>
 *   <li>{@code IdentityModel} — the objects of literals (CPython's caches, code constants) and the verdicts of
 *       {@code is} and {@code id(a) == id(b)}.</li>
 *   <li>{@code Containers} — heap operations on containers: items, elements, item and attribute stores,
 *       copies, comprehensions.</li>
 *   <li>{@code Escapes} — what code the analysis cannot see may do: escaped objects, unknown calls, havoc of
 *       globals.</li>
 *   <li>{@code FactRecorder} — records mutations (also at the callers' statements) and per-statement snapshots.</li>
 *   <li>{@code BuiltinHeapOps} — the interpreter's side of {@code builtins.HeapOps}, bound to one call.</li>
 *   <li>{@code Frame}, {@code State}, {@code ObjState}, {@code Value}, {@code Pts}, {@code ObjectTable} — the
 *       abstract values and heap the parts share; {@code ObjectKey}, {@code IdentityKey} — keys of objects that
 *       exist once per run and of nodes by identity.</li>
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
 *       Silence means "nothing to report", never "gave up". A loop that does not settle within
 *       {@link dev.memlens.analysis.AnalysisLimits#loopRounds()} sweeps is widened, not cut: what it changes becomes
 *       unknown, the rest of the body keeps its facts, and the widening is listed as a partial.</li>
 *   <li>Only a budget stops a body: any other exception is a bug, logged with its trace and reported as an
 *       {@code INTERNAL_ERROR} cut (and rethrown when {@code memlens.analysis.strict} is set, as in the tests).</li>
 *   <li>Expression depth does not grow the interpreter's stack without bound: operator chains are walked in a
 *       loop, and expressions nested deeper than a fixed limit run as unknown code.</li>
 *   <li>Abstract objects are identified by allocation site (node identity) and call-site context: evaluation never
 *       builds AST nodes, which would be new sites on every evaluation and keep loops from converging.</li>
 *   <li>Lookups by node use identity: AST records compare by value.</li>
 *   <li>The run's shared mutable state is only what {@code AnalysisRun} lists as mutable; a nested run (an effect
 *       run) changes it inside a scoped helper that puts it back however the run ends. A part keeps only its own
 *       caches and counters, documented where declared.</li>
 *   <li>Dispatch over expression kinds is a visitor: a new kind of node does not compile until it is evaluated.
 *       Caches and object keys are records or identity maps, never strings built from parts or identity hashes
 *       (which can collide).</li>
 * </ul>
 */
package dev.memlens.analysis;
