package dev.memlens.rules;

import dev.memlens.rules.support.Scopes;
import dev.memlens.syntax.ast.Stmt;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MEM402: a function assigns a name that is also a module global, without declaring it global. */
public final class LocalShadowsGlobal extends BaseRule {

    private static final Set<Scopes.BindingKind> ASSIGNMENTS = EnumSet.of(Scopes.BindingKind.ASSIGN,
            Scopes.BindingKind.AUGASSIGN, Scopes.BindingKind.FOR, Scopes.BindingKind.WITH, Scopes.BindingKind.WALRUS);

    private static final Set<Scopes.BindingKind> GLOBAL_VARIABLES = EnumSet.of(Scopes.BindingKind.ASSIGN,
            Scopes.BindingKind.AUGASSIGN);

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
                Information only. Only module variables that the module treats as state are considered: assigned
                with `=` or `+=` at module level (not functions, classes, imports or loop variables) AND declared
                `global` and assigned by some other function. Shadowing a constant such as `sep = "/"` is common
                and deliberate, and is not reported. Names starting with `_` are ignored, and so is a name MEM401
                already reports in that function.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        Scopes.Scope module = ctx.scopes().module();
        for (Scopes.Scope s : ctx.scopes().all()) {
            if (s.kind() != Scopes.Kind.FUNCTION) {
                continue;
            }
            Map<String, dev.memlens.syntax.ast.Expr.Name> unbound = UnboundLocal.unboundReads(ctx, s);
            for (Map.Entry<String, List<Scopes.Binding>> e : s.bindings().entrySet()) {
                String name = e.getKey();
                if (name.startsWith("_") || !s.isLocal(name) || unbound.containsKey(name)) {
                    continue;
                }
                Scopes.Binding global = null;
                for (Scopes.Binding b : module.bindings(name)) {
                    if (GLOBAL_VARIABLES.contains(b.kind())) {
                        global = b;
                        break;
                    }
                }
                if (global == null || !onlyVariableBindings(module.bindings(name)) || !moduleState(ctx, name)) {
                    continue;
                }
                Scopes.Binding first = null;
                boolean param = false;
                for (Scopes.Binding b : e.getValue()) {
                    if (b.kind() == Scopes.BindingKind.PARAM) {
                        param = true;
                    }
                    if (ASSIGNMENTS.contains(b.kind()) && (first == null || b.point() < first.point())) {
                        first = b;
                    }
                }
                if (param || first == null || enclosingBinds(s, name)) {
                    continue;
                }
                Stmt.FunctionDef f = (Stmt.FunctionDef) s.node();
                String msg = "this assignment makes " + q(name) + " a local of " + q(f.name().name())
                        + ", shadowing the module variable " + q(name) + " (line " + ctx.line(global.site())
                        + "), which keeps its value; add `global " + name + "` if the module variable was meant";
                out.report(at(first.site(), msg, List.of(new Related(global.site().span(), "the module variable")),
                        List.of()));
            }
        }
    }

    /** A module variable the module itself treats as changing state: some function declares it `global`. */
    private static boolean moduleState(RuleContext ctx, String name) {
        for (Scopes.Scope s : ctx.scopes().all()) {
            if (s.globals().contains(name) && s.bindings().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyVariableBindings(List<Scopes.Binding> bs) {
        for (Scopes.Binding b : bs) {
            if (b.kind() == Scopes.BindingKind.DEF || b.kind() == Scopes.BindingKind.CLASS
                    || b.kind() == Scopes.BindingKind.IMPORT) {
                return false;
            }
        }
        return true;
    }

    /** An enclosing function binding the name is what the local shadows first; that is not this rule. */
    private static boolean enclosingBinds(Scopes.Scope s, String name) {
        for (Scopes.Scope cur = s.parent(); cur != null && cur.kind() != Scopes.Kind.MODULE; cur = cur.parent()) {
            if (cur.kind() != Scopes.Kind.CLASS && cur.bindings().containsKey(name)) {
                return true;
            }
        }
        return false;
    }
}
