package dev.memlens.rules;

import dev.memlens.semantics.Binding;
import dev.memlens.semantics.BindingKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.ShadowedGlobal;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.syntax.ast.Stmt;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MEM402: a function assigns a name that is also a module global, without declaring it global. */
public final class LocalShadowsGlobal extends BaseRule {

    private static final Set<BindingKind> ASSIGNMENTS = EnumSet.of(BindingKind.ASSIGNMENT,
            BindingKind.AUGMENTED_ASSIGNMENT, BindingKind.ANNOTATED_ASSIGNMENT, BindingKind.FOR_TARGET,
            BindingKind.WITH_TARGET, BindingKind.WALRUS);

    private static final Set<BindingKind> GLOBAL_VARIABLES = EnumSet.of(BindingKind.ASSIGNMENT,
            BindingKind.AUGMENTED_ASSIGNMENT, BindingKind.ANNOTATED_ASSIGNMENT);

    private static final Set<BindingKind> NOT_VARIABLES = EnumSet.of(BindingKind.FUNCTION_DEF,
            BindingKind.CLASS_DEF, BindingKind.IMPORT);

    public LocalShadowsGlobal() {
        super("MEM402", "local-shadows-global", Severity.INFORMATION,
                "an assignment in a function creates a local that shadows a module global");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds assignments in a function to a name that is also a module-level variable, when the function
                does not declare it `global`.

                ## Why is this bad
                The assignment creates a new local variable; the module's variable keeps its old value. When the
                intent was to update the module's state (a counter, a cache, a configuration flag), the update is
                silently lost. When it was not, a different name makes the code clearer.

                ## Example
                ```python
                verbose = False

                def set_verbose(on):
                    global verbose
                    verbose = on

                def enable_verbose():
                    verbose = True   # a new local; the global stays False
                ```

                ## Use instead
                ```python
                verbose = False

                def enable_verbose():
                    global verbose
                    verbose = True
                ```

                ## Fix safety
                No automatic fix: whether to declare the name `global` or rename the local is the author's call.

                ## Known limits
                Information only, and off by default: shadowing is most often intended (a test sets up a local
                of the same name), so a CI run should not fail on it. Turn it on with `select = ["MEM402"]`,
                `--select MEM402` or `ALL`. Only module variables that the module treats as state are considered:
                assigned with `=` or `+=` at module level (not functions, classes, imports or loop variables) AND
                declared `global` and assigned by some other function. Shadowing a constant such as `sep = "/"` is
                common and deliberate, and is not reported. Names starting with `_` are ignored, and so is a name MEM401
                already reports in that function.
                """;
    }

    /** Opt-in: on real code (a test suite's fixtures) most shadowing is deliberate. */
    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        Map<Symbol, ?> unbound = UnboundLocal.firstReports(ctx);
        for (ShadowedGlobal sg : ctx.semantics().shadowedGlobals()) {
            Scope s = sg.scope();
            Symbol local = sg.local();
            String name = local.name();
            if (s.kind() != ScopeKind.FUNCTION || !(s.owner() instanceof Stmt.FunctionDef f) || name.startsWith("_")
                    || unbound.containsKey(local) || local.has(SymbolFlag.PARAMETER) || sg.global() == null) {
                continue;
            }
            Binding global = null;
            boolean onlyVariables = true;
            for (Binding b : sg.global().bindings()) {
                if (global == null && GLOBAL_VARIABLES.contains(b.kind())) {
                    global = b;
                }
                onlyVariables &= !NOT_VARIABLES.contains(b.kind());
            }
            if (global == null || !onlyVariables || !moduleState(ctx, name)) {
                continue;
            }
            Binding first = null;
            for (Binding b : local.bindings()) {
                if (ASSIGNMENTS.contains(b.kind())
                        && (first == null || b.site().span().start() < first.site().span().start())) {
                    first = b;
                }
            }
            if (first == null || enclosingBinds(s, name)) {
                continue;
            }
            String msg = "this assignment makes " + q(name) + " a local of " + q(f.name().name())
                    + ", shadowing the module variable " + q(name) + " (line " + ctx.line(global.site())
                    + "), which keeps its value; add `global " + name + "` if the module variable was meant";
            out.report(at(first.site(), msg, List.of(new Related(global.site().span(), "the module variable")),
                    List.of()));
        }
    }

    /** A module variable the module itself treats as changing state: some function declares it `global` and binds it. */
    private static boolean moduleState(RuleContext ctx, String name) {
        for (Scope s : ctx.scopes().scopes()) {
            Symbol sym = s.symbol(name);
            if (sym != null && sym.has(SymbolFlag.DECLARED_GLOBAL) && !sym.bindings().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** An enclosing function binding the name is what the local shadows first; that is not this rule. */
    private static boolean enclosingBinds(Scope s, String name) {
        for (Scope cur = s.parent(); cur != null && cur.kind() != ScopeKind.MODULE; cur = cur.parent()) {
            Symbol sym = cur.symbol(name);
            if (cur.kind() != ScopeKind.CLASS && sym != null && sym.isBound()) {
                return true;
            }
        }
        return false;
    }
}
