package dev.memlens.rules;

import dev.memlens.rules.support.Patterns;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MEM401: reading a local before its assignment while a global or enclosing binding of that name exists. */
public final class UnboundLocal extends BaseRule {

    public UnboundLocal() {
        super("MEM401", "unbound-local", Severity.ERROR,
                "a local is read where no assignment can have run yet");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds a read of a function's local variable that raises `UnboundLocalError` whenever it runs: on
                every path from the function's start to the read, no assignment of the name has run (or a `del`
                undid it). The classic case is a module global, an enclosing function's variable or a builtin of
                that name: the read looks like it means the outer one. The paths are those of the function's
                control-flow graph (branches, loops, `try`/`except`/`finally`, `with`, `match`,
                `return`/`raise`/`break`/`continue`, `del`).

                ## Why is this bad
                Assigning a name anywhere in a function makes it local for the WHOLE function, and so does a bare
                annotation (`total: int`), which binds no value. The read does not
                fall back to the global: it raises `UnboundLocalError` (`cannot access local variable`). The outer
                binding makes the code look right.

                ## Example
                ```python
                counter = 0

                def increment():
                    counter += 1   # UnboundLocalError
                ```

                ## Use instead
                ```python
                counter = 0

                def increment():
                    global counter
                    counter += 1
                ```

                ## Fix safety
                The fix declares the name `global` (or `nonlocal` for an enclosing function's variable) at the top
                of the function. It is unsafe: the assignments then change the outer variable, which may not be
                what was meant (renaming the local is the other way out). Builtins get no fix.

                ## Known limits
                Only the first such read of each local is reported. A read that is unbound on some paths only
                (assigned in one branch, or only inside a loop) is not reported, even when an outer binding
                exists: the code usually guards those paths some other way (a non-empty literal to loop over, an
                exhaustive `if`/`elif` chain, a call that always raises). Reads inside `try` blocks with handlers or `assertRaises` are not
                reported (they may be expecting the error). A context manager is assumed not to swallow
                exceptions, except `suppress(...)`. Variables an inner function rebinds with `nonlocal` are not
                checked (a call may bind them at any time).
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        Map<Symbol, dev.memlens.semantics.UnboundLocal> first = firstReports(ctx);
        for (dev.memlens.semantics.UnboundLocal u : first.values()) {
            Scope s = u.scope();
            Stmt.FunctionDef f = (Stmt.FunctionDef) s.owner();
            String name = u.symbol().name();
            Binding bind = firstBinding(ctx, u.symbol());
            Node outerSite = outerSite(ctx, s, name, u.outer());
            StringBuilder msg = new StringBuilder(q(name) + " is local to " + q(f.name().name()));
            Binding annotated = bind == null ? annotation(u.symbol()) : null;
            if (bind != null) {
                msg.append(" because it is assigned at line ").append(ctx.line(bind.site()));
            } else if (annotated != null) {
                msg.append(" because it is annotated at line ").append(ctx.line(annotated.site()))
                        .append(" (an annotation alone binds no value)");
            }
            msg.append(", so this read, which runs before any assignment, raises UnboundLocalError");
            if (u.outer() != null) {
                msg.append("; ").append(describe(ctx, name, u.outer(), outerSite)).append(" is not consulted");
            }
            List<Related> related = new ArrayList<>();
            if (bind != null) {
                related.add(new Related(bind.site().span(), "the assignment that makes it local"));
            } else if (annotated != null) {
                related.add(new Related(annotated.site().span(), "the annotation that makes it local"));
            }
            if (outerSite != null) {
                related.add(new Related(outerSite.span(), "the outer binding"));
            }
            out.report(at(u.read(), msg.toString(), related, fixes(ctx, f, u.symbol(), u.outer())));
        }
    }

    /**
     * The reads this rule reports, the first per local of each function: those that raise on every path that
     * reaches them (DEFINITELY). MAYBE reads are left alone, with or without an outer binding: on the CPython
     * stdlib every one of them was a path the code guards some other way (a loop over a non-empty literal, an
     * exhaustive if/elif chain, a {@code self.fail(...)} that raises). Reads where raising is expected (inside
     * {@code try} with handlers, {@code assertRaises}) are left alone too.
     */
    static Map<Symbol, dev.memlens.semantics.UnboundLocal> firstReports(RuleContext ctx) {
        Map<Symbol, dev.memlens.semantics.UnboundLocal> first = new LinkedHashMap<>();
        for (dev.memlens.semantics.UnboundLocal u : ctx.semantics().unboundLocals()) {
            if (u.scope().kind() != ScopeKind.FUNCTION || !(u.scope().owner() instanceof Stmt.FunctionDef)) {
                continue;
            }
            if (u.certainty() != dev.memlens.semantics.UnboundLocal.Certainty.DEFINITELY) {
                continue;
            }
            if (Patterns.expectedToRaise(ctx, u.read())) {
                continue;
            }
            dev.memlens.semantics.UnboundLocal prev = first.get(u.symbol());
            if (prev == null || u.read().span().start() < prev.read().span().start()) {
                first.put(u.symbol(), u);
            }
        }
        return first;
    }

    /** {@code x: int} alone makes x local without binding it: the annotation is why the read fails. */
    private static Binding annotation(Symbol sym) {
        for (Binding b : sym.bindings()) {
            if (b.kind() == dev.memlens.semantics.BindingKind.ANNOTATION_ONLY) {
                return b;
            }
        }
        return null;
    }

    private static Binding firstBinding(RuleContext ctx, Symbol sym) {
        Binding first = null;
        for (Binding b : sym.bindings()) {
            if (b.kind().binds() && (first == null || b.site().span().start() < first.site().span().start())) {
                first = b;
            }
        }
        return first;
    }

    /** Where the outer binding is: the enclosing function's binding, or the module-level one; null for builtins. */
    private static Node outerSite(RuleContext ctx, Scope s, String name, ResolutionKind outer) {
        if (outer == ResolutionKind.ENCLOSING) {
            for (Scope p = s.parent(); p != null; p = p.parent()) {
                if (p.kind() == ScopeKind.CLASS || p.kind() == ScopeKind.MODULE) {
                    continue;
                }
                Symbol ps = p.symbol(name);
                if (ps != null && ps.kind().isLocal() && ps.isBound()) {
                    Binding b = firstBinding(ctx, ps);
                    return b == null ? null : b.site();
                }
            }
        } else if (outer == ResolutionKind.GLOBAL) {
            Node best = null;
            for (Binding b : ctx.scopes().globalBindings(name)) {
                if (b.kind().binds() && (best == null || b.site().span().start() < best.span().start())) {
                    best = b.site();
                }
            }
            return best;
        }
        return null;
    }

    private static String describe(RuleContext ctx, String name, ResolutionKind outer, Node site) {
        String where = site == null ? "" : " (line " + ctx.line(site) + ")";
        return switch (outer) {
            case ENCLOSING -> "the variable " + q(name) + " of the enclosing function" + where;
            case GLOBAL -> "the global " + q(name) + where;
            default -> "the builtin " + q(name);
        };
    }

    private List<Fix> fixes(RuleContext ctx, Stmt.FunctionDef f, Symbol sym, ResolutionKind outer) {
        if (outer != ResolutionKind.GLOBAL && outer != ResolutionKind.ENCLOSING
                || sym.has(SymbolFlag.PARAMETER)) {
            return List.of();
        }
        Patterns.Insertion ins = Patterns.bodyStart(ctx, f.body());
        if (ins == null || ins.offset() < 0) {
            return List.of();
        }
        String name = sym.name();
        String keyword = outer == ResolutionKind.GLOBAL ? "global" : "nonlocal";
        return List.of(Fix.unsafe("Declare `" + keyword + " " + name + "`",
                List.of(TextEdit.insert(ins.offset(), ins.indent() + keyword + " " + name + ctx.newline()))));
    }
}
