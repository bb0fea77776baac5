package dev.memlens.semantics;

import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.WithItem;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * First pass of the scope analysis: walks the AST once, creates the scopes and records, per scope, every name
 * with CPython's symtable flags and its binding sites, and every name occurrence for the resolution pass.
 * It mirrors what CPython's {@code symtable.c} visits, so that the classification it feeds to {@link ScopeAnalyzer}
 * agrees with CPython's. The walk uses an explicit stack: expression nesting (a 10,000-term {@code a + b + ...})
 * and elif chains cannot overflow the Java stack.
 */
final class ScopeTreeBuilder {

    /** One name written in the source, to be resolved once the scopes are analysed. */
    record Occurrence(Node node, Scope scope, String name, boolean binding) {
    }

    /** A task that records the end-of-handler unbinding of an {@code except ... as name} after its body. */
    private record HandlerEnd(ExceptHandler handler) {
    }

    private static final BindingKind[] KINDS = BindingKind.values();
    private static final int NO_KIND = -1;

    private final boolean futureAnnotations;
    boolean starImport;
    final Scope module;
    final List<Scope> scopes = new ArrayList<>();
    final IdentityHashMap<Node, Scope> bodyScopes = new IdentityHashMap<>();
    final IdentityHashMap<Node, Scope> typeParamScopes = new IdentityHashMap<>();
    final List<Occurrence> occurrences = new ArrayList<>();

    // The work stack: node, the scope it is evaluated in, and the binding kind of Store names below it.
    private Object[] stackNodes = new Object[64];
    private Scope[] stackScopes = new Scope[64];
    private int[] stackKinds = new int[64];
    private int sp;

    // Children of the node being visited, in visiting order; pushed in reverse so they pop in order.
    private Object[] pendNodes = new Object[16];
    private Scope[] pendScopes = new Scope[16];
    private int[] pendKinds = new int[16];
    private int pend;

    ScopeTreeBuilder(Module moduleNode) {
        this.futureAnnotations = hasFutureAnnotations(moduleNode);
        this.module = newScope(ScopeKind.MODULE, moduleNode, null, "<module>");
    }

    boolean futureAnnotations() {
        return futureAnnotations;
    }

    void build(Module moduleNode) {
        laterAll(moduleNode.body(), module, NO_KIND);
        flush();
        while (sp > 0) {
            sp--;
            Object node = stackNodes[sp];
            Scope scope = stackScopes[sp];
            int kind = stackKinds[sp];
            stackNodes[sp] = null;
            stackScopes[sp] = null;
            visit(node, scope, kind);
            flush();
        }
    }

    /** {@code from __future__ import annotations} at the top: annotations become strings, never evaluated. */
    private static boolean hasFutureAnnotations(Module m) {
        List<Stmt> body = m.body();
        int i = 0;
        if (!body.isEmpty() && body.get(0) instanceof Stmt.Expression e
                && e.value() instanceof Expr.Constant c && c.kind() == ConstantKind.STR) {
            i = 1;
        }
        for (; i < body.size(); i++) {
            if (!(body.get(i) instanceof Stmt.ImportFrom f) || f.module() == null
                    || !f.module().name().equals("__future__") || f.level() != 0) {
                return false;
            }
            for (Alias a : f.names()) {
                if (a.name().equals("annotations")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Scope newScope(ScopeKind kind, Node owner, Scope parent, String name) {
        Scope s = new Scope(kind, owner, parent, name);
        scopes.add(s);
        return s;
    }

    // ---- the work stack

    private void later(Object node, Scope scope, int kind) {
        if (node == null) {
            return;
        }
        if (pend == pendNodes.length) {
            int n = pend * 2;
            pendNodes = java.util.Arrays.copyOf(pendNodes, n);
            pendScopes = java.util.Arrays.copyOf(pendScopes, n);
            pendKinds = java.util.Arrays.copyOf(pendKinds, n);
        }
        pendNodes[pend] = node;
        pendScopes[pend] = scope;
        pendKinds[pend] = kind;
        pend++;
    }

    private void later(Object node, Scope scope) {
        later(node, scope, NO_KIND);
    }

    private void laterAll(List<?> nodes, Scope scope, int kind) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            later(nodes.get(i), scope, kind);
        }
    }

    private void laterAll(List<?> nodes, Scope scope) {
        laterAll(nodes, scope, NO_KIND);
    }

    private void flush() {
        if (sp + pend > stackNodes.length) {
            int n = Math.max(stackNodes.length * 2, sp + pend);
            stackNodes = java.util.Arrays.copyOf(stackNodes, n);
            stackScopes = java.util.Arrays.copyOf(stackScopes, n);
            stackKinds = java.util.Arrays.copyOf(stackKinds, n);
        }
        for (int i = pend - 1; i >= 0; i--) {
            stackNodes[sp] = pendNodes[i];
            stackScopes[sp] = pendScopes[i];
            stackKinds[sp] = pendKinds[i];
            sp++;
            pendNodes[i] = null;
            pendScopes[i] = null;
        }
        pend = 0;
    }

    // ---- recording names

    private Symbol bind(Scope scope, String written, int defs, BindingKind kind, Node site, Node nameNode) {
        String name = NameMangling.mangle(scope.privateName, written);
        Symbol sym = scope.symbolFor(name);
        sym.defs |= defs;
        sym.addBinding(new Binding(site, kind));
        if (nameNode != null) {
            occurrences.add(new Occurrence(nameNode, scope, name, true));
        }
        return sym;
    }

    private void use(Scope scope, String written, Node node) {
        String name = NameMangling.mangle(scope.privateName, written);
        scope.symbolFor(name).defs |= Symbol.USE;
        occurrences.add(new Occurrence(node, scope, name, false));
        // CPython: a function that mentions super gets an implicit reference to the __class__ cell.
        if (written.equals("super") && (scope.kind() == ScopeKind.FUNCTION || scope.kind() == ScopeKind.LAMBDA
                || scope.kind() == ScopeKind.COMPREHENSION)) {
            scope.symbolFor("__class__").defs |= Symbol.USE;
        }
    }

    private static int defsFor(BindingKind kind) {
        switch (kind) {
            case IMPORT:
                return Symbol.DEF_IMPORT;
            case PARAMETER:
                return Symbol.DEF_PARAM;
            case DELETE:
                return Symbol.DEF_LOCAL | Symbol.DEF_DELETED;
            case COMPREHENSION_TARGET:
                return Symbol.DEF_LOCAL | Symbol.DEF_COMP_ITER;
            default:
                return Symbol.DEF_LOCAL;
        }
    }

    // ---- visiting

    private void visit(Object node, Scope s, int kind) {
        if (node instanceof Expr e) {
            visitExpr(e, s, kind);
        } else if (node instanceof Stmt st) {
            visitStmt(st, s);
        } else if (node instanceof Pattern p) {
            visitPattern(p, s);
        } else if (node instanceof Keyword k) {
            later(k.value(), s);
        } else if (node instanceof MatchCase c) {
            later(c.pattern(), s);
            later(c.guard(), s);
            laterAll(c.body(), s);
        } else if (node instanceof ExceptHandler h) {
            later(h.type(), s);
            if (h.name() != null) {
                bind(s, h.name().name(), Symbol.DEF_LOCAL, BindingKind.EXCEPT_TARGET, h, h.name());
            }
            laterAll(h.body(), s);
            if (h.name() != null) {
                later(new HandlerEnd(h), s);
            }
        } else if (node instanceof HandlerEnd end) {
            Symbol sym = s.symbolFor(NameMangling.mangle(s.privateName, end.handler().name().name()));
            sym.addBinding(new Binding(end.handler(), BindingKind.EXCEPT_UNBIND));
        } else if (node instanceof TypeParam tp) {
            visitTypeParam(tp, s);
        } else if (node instanceof WithItem w) {
            later(w.contextExpr(), s);
            later(w.optionalVars(), s, BindingKind.WITH_TARGET.ordinal());
        }
    }

    private void visitStmt(Stmt stmt, Scope s) {
        if (stmt instanceof Stmt.Expression e) {
            later(e.value(), s);
        } else if (stmt instanceof Stmt.Assign a) {
            laterAll(a.targets(), s, BindingKind.ASSIGNMENT.ordinal());
            later(a.value(), s);
        } else if (stmt instanceof Stmt.Return r) {
            later(r.value(), s);
        } else if (stmt instanceof Stmt.If i) {
            later(i.test(), s);
            laterAll(i.body(), s);
            laterAll(i.orelse(), s);
        } else if (stmt instanceof Stmt.FunctionDef f) {
            visitFunctionDef(f, s);
        } else if (stmt instanceof Stmt.ClassDef c) {
            visitClassDef(c, s);
        } else if (stmt instanceof Stmt.AugAssign a) {
            later(a.target(), s, BindingKind.AUGMENTED_ASSIGNMENT.ordinal());
            later(a.value(), s);
        } else if (stmt instanceof Stmt.AnnAssign a) {
            visitAnnAssign(a, s);
        } else if (stmt instanceof Stmt.For f) {
            later(f.target(), s, BindingKind.FOR_TARGET.ordinal());
            later(f.iter(), s);
            laterAll(f.body(), s);
            laterAll(f.orelse(), s);
        } else if (stmt instanceof Stmt.While w) {
            later(w.test(), s);
            laterAll(w.body(), s);
            laterAll(w.orelse(), s);
        } else if (stmt instanceof Stmt.With w) {
            laterAll(w.items(), s);
            laterAll(w.body(), s);
        } else if (stmt instanceof Stmt.Try t) {
            laterAll(t.body(), s);
            laterAll(t.handlers(), s);
            laterAll(t.orelse(), s);
            laterAll(t.finalbody(), s);
        } else if (stmt instanceof Stmt.Raise r) {
            later(r.exc(), s);
            later(r.cause(), s);
        } else if (stmt instanceof Stmt.Import im) {
            for (Alias a : im.names()) {
                visitAlias(a, s);
            }
        } else if (stmt instanceof Stmt.ImportFrom im) {
            for (Alias a : im.names()) {
                visitAlias(a, s);
            }
        } else if (stmt instanceof Stmt.Delete d) {
            laterAll(d.targets(), s, BindingKind.DELETE.ordinal());
        } else if (stmt instanceof Stmt.Assert a) {
            later(a.test(), s);
            later(a.msg(), s);
        } else if (stmt instanceof Stmt.Match m) {
            later(m.subject(), s);
            laterAll(m.cases(), s);
        } else if (stmt instanceof Stmt.Global g) {
            declare(g.names(), s, Symbol.DEF_GLOBAL);
        } else if (stmt instanceof Stmt.Nonlocal n) {
            declare(n.names(), s, Symbol.DEF_NONLOCAL);
        } else if (stmt instanceof Stmt.TypeAlias t) {
            visitTypeAlias(t, s);
        }
        // Pass, Break, Continue and Invalid name nothing.
    }

    /**
     * CPython records every global declaration in the module's table too (symtable_add_def_helper's st_global),
     * so a name declared global anywhere is GLOBAL_EXPLICIT at module level.
     */
    private void markGlobal(String name) {
        module.symbolFor(name).defs |= Symbol.DEF_GLOBAL;
    }

    private void declare(List<Identifier> names, Scope s, int defs) {
        for (Identifier id : names) {
            String name = NameMangling.mangle(s.privateName, id.name());
            Symbol sym = s.symbolFor(name);
            sym.defs |= defs;
            if (defs == Symbol.DEF_GLOBAL) {
                markGlobal(name);
            }
            sym.addDeclaration(id);
            occurrences.add(new Occurrence(id, s, name, false));
        }
    }

    private void visitAlias(Alias a, Scope s) {
        if (a.name().equals("*")) {
            starImport = true;
            return;
        }
        String name;
        if (a.asname() != null) {
            name = a.asname().name();
        } else {
            int dot = a.name().indexOf('.');
            name = dot < 0 ? a.name() : a.name().substring(0, dot);
        }
        bind(s, name, Symbol.DEF_IMPORT, BindingKind.IMPORT, a, a.asname() != null ? a.asname() : a);
    }

    private void visitFunctionDef(Stmt.FunctionDef f, Scope s) {
        String name = f.name().name();
        bind(s, name, Symbol.DEF_LOCAL, BindingKind.FUNCTION_DEF, f, f.name());
        laterAll(f.decorators(), s);
        Arguments args = f.args();
        laterAll(args.defaults(), s);
        laterAll(args.kwDefaults(), s);
        Scope outer = s;
        if (!f.typeParams().isEmpty()) {
            outer = newScope(ScopeKind.TYPE_PARAMETERS, f, s, "<generic parameters of " + name + ">");
            typeParamScopes.put(f, outer);
            laterAll(f.typeParams(), outer);
        }
        if (!futureAnnotations) {
            laterAnnotations(args, outer);
            later(f.returns(), outer);
        }
        Scope fn = newScope(ScopeKind.FUNCTION, f, outer, name);
        bodyScopes.put(f, fn);
        bindParameters(args, fn);
        laterAll(f.body(), fn);
    }

    private void laterAnnotations(Arguments args, Scope s) {
        for (Arg a : args.posonlyargs()) {
            later(a.annotation(), s);
        }
        for (Arg a : args.args()) {
            later(a.annotation(), s);
        }
        if (args.vararg() != null) {
            later(args.vararg().annotation(), s);
        }
        for (Arg a : args.kwonlyargs()) {
            later(a.annotation(), s);
        }
        if (args.kwarg() != null) {
            later(args.kwarg().annotation(), s);
        }
    }

    private void bindParameters(Arguments args, Scope fn) {
        for (Arg a : args.posonlyargs()) {
            bind(fn, a.name(), Symbol.DEF_PARAM, BindingKind.PARAMETER, a, a);
        }
        for (Arg a : args.args()) {
            bind(fn, a.name(), Symbol.DEF_PARAM, BindingKind.PARAMETER, a, a);
        }
        if (args.vararg() != null) {
            bind(fn, args.vararg().name(), Symbol.DEF_PARAM, BindingKind.PARAMETER, args.vararg(), args.vararg());
        }
        for (Arg a : args.kwonlyargs()) {
            bind(fn, a.name(), Symbol.DEF_PARAM, BindingKind.PARAMETER, a, a);
        }
        if (args.kwarg() != null) {
            bind(fn, args.kwarg().name(), Symbol.DEF_PARAM, BindingKind.PARAMETER, args.kwarg(), args.kwarg());
        }
    }

    private void visitClassDef(Stmt.ClassDef c, Scope s) {
        String name = c.name().name();
        bind(s, name, Symbol.DEF_LOCAL, BindingKind.CLASS_DEF, c, c.name());
        laterAll(c.decorators(), s);
        Scope outer = s;
        if (!c.typeParams().isEmpty()) {
            outer = newScope(ScopeKind.TYPE_PARAMETERS, c, s, "<generic parameters of " + name + ">");
            typeParamScopes.put(c, outer);
            laterAll(c.typeParams(), outer);
        }
        laterAll(c.bases(), outer);
        laterAll(c.keywords(), outer);
        Scope cls = newScope(ScopeKind.CLASS, c, outer, name);
        bodyScopes.put(c, cls);
        laterAll(c.body(), cls);
    }

    private void visitTypeAlias(Stmt.TypeAlias t, Scope s) {
        String name = t.name().id();
        bind(s, name, Symbol.DEF_LOCAL, BindingKind.TYPE_ALIAS, t, t.name());
        Scope outer = s;
        if (!t.typeParams().isEmpty()) {
            outer = newScope(ScopeKind.TYPE_PARAMETERS, t, s, name);
            typeParamScopes.put(t, outer);
            laterAll(t.typeParams(), outer);
        }
        Scope value = newScope(ScopeKind.TYPE_ALIAS, t, outer, name);
        bodyScopes.put(t, value);
        later(t.value(), value);
    }

    private void visitTypeParam(TypeParam tp, Scope s) {
        String name = tp.name().name();
        bind(s, name, Symbol.DEF_LOCAL | Symbol.DEF_TYPE_PARAM, BindingKind.TYPE_PARAMETER, tp, tp.name());
        Expr bound = tp instanceof TypeParam.TypeVar tv ? tv.bound() : null;
        Expr dflt;
        if (tp instanceof TypeParam.TypeVar tv) {
            dflt = tv.defaultValue();
        } else if (tp instanceof TypeParam.ParamSpec ps) {
            dflt = ps.defaultValue();
        } else {
            dflt = ((TypeParam.TypeVarTuple) tp).defaultValue();
        }
        for (Expr lazy : new Expr[] {bound, dflt}) {
            if (lazy != null) {
                Scope b = newScope(ScopeKind.TYPE_VAR_BOUND, lazy, s, name);
                bodyScopes.put(lazy, b);
                later(lazy, b);
            }
        }
    }

    private void visitAnnAssign(Stmt.AnnAssign a, Scope s) {
        if (a.target() instanceof Expr.Name n) {
            if (a.simple()) {
                bind(s, n.id(), Symbol.DEF_ANNOT | Symbol.DEF_LOCAL,
                        a.value() != null ? BindingKind.ANNOTATED_ASSIGNMENT : BindingKind.ANNOTATION_ONLY, n, n);
            } else if (a.value() != null) {
                bind(s, n.id(), Symbol.DEF_LOCAL, BindingKind.ANNOTATED_ASSIGNMENT, n, n);
            }
        } else {
            later(a.target(), s, BindingKind.ANNOTATED_ASSIGNMENT.ordinal());
        }
        if (!futureAnnotations) {
            later(a.annotation(), s);
        }
        later(a.value(), s);
    }

    private void visitExpr(Expr expr, Scope s, int kind) {
        if (expr instanceof Expr.Name n) {
            if (n.ctx() == Ctx.LOAD) {
                use(s, n.id(), n);
            } else {
                BindingKind k = n.ctx() == Ctx.DEL ? BindingKind.DELETE
                        : kind == NO_KIND ? BindingKind.ASSIGNMENT : KINDS[kind];
                bind(s, n.id(), defsFor(k), k, n, n);
            }
        } else if (expr instanceof Expr.Constant) {
            return;
        } else if (expr instanceof Expr.Attribute a) {
            later(a.value(), s);
        } else if (expr instanceof Expr.Call c) {
            later(c.func(), s);
            laterAll(c.args(), s);
            laterAll(c.keywords(), s);
        } else if (expr instanceof Expr.Subscript sub) {
            later(sub.value(), s);
            later(sub.slice(), s);
        } else if (expr instanceof Expr.BinOp b) {
            later(b.left(), s);
            later(b.right(), s);
        } else if (expr instanceof Expr.TupleDisplay t) {
            laterAll(t.elts(), s, kind);
        } else if (expr instanceof Expr.ListDisplay l) {
            laterAll(l.elts(), s, kind);
        } else if (expr instanceof Expr.Starred st) {
            later(st.value(), s, kind);
        } else if (expr instanceof Expr.Compare c) {
            later(c.left(), s);
            laterAll(c.comparators(), s);
        } else if (expr instanceof Expr.BoolOp b) {
            laterAll(b.values(), s);
        } else if (expr instanceof Expr.UnaryOp u) {
            later(u.operand(), s);
        } else if (expr instanceof Expr.JoinedStr j) {
            laterAll(j.values(), s);
        } else if (expr instanceof Expr.FormattedValue f) {
            later(f.value(), s);
            later(f.formatSpec(), s);
        } else if (expr instanceof Expr.TemplateStr t) {
            laterAll(t.values(), s);
        } else if (expr instanceof Expr.Interpolation i) {
            later(i.value(), s);
            later(i.formatSpec(), s);
        } else if (expr instanceof Expr.DictDisplay d) {
            laterAll(d.keys(), s);
            laterAll(d.values(), s);
        } else if (expr instanceof Expr.SetDisplay d) {
            laterAll(d.elts(), s);
        } else if (expr instanceof Expr.Slice sl) {
            later(sl.lower(), s);
            later(sl.upper(), s);
            later(sl.step(), s);
        } else if (expr instanceof Expr.IfExp i) {
            later(i.test(), s);
            later(i.body(), s);
            later(i.orelse(), s);
        } else if (expr instanceof Expr.Lambda l) {
            laterAll(l.args().defaults(), s);
            laterAll(l.args().kwDefaults(), s);
            Scope lam = newScope(ScopeKind.LAMBDA, l, s, "<lambda>");
            bodyScopes.put(l, lam);
            bindParameters(l.args(), lam);
            later(l.body(), lam);
        } else if (expr instanceof Expr.ListComp c) {
            visitComprehension(c, "<listcomp>", c.generators(), c.elt(), null, s);
        } else if (expr instanceof Expr.GeneratorExp c) {
            visitComprehension(c, "<genexpr>", c.generators(), c.elt(), null, s);
        } else if (expr instanceof Expr.DictComp c) {
            visitComprehension(c, "<dictcomp>", c.generators(), c.key(), c.value(), s);
        } else if (expr instanceof Expr.SetComp c) {
            visitComprehension(c, "<setcomp>", c.generators(), c.elt(), null, s);
        } else if (expr instanceof Expr.NamedExpr ne) {
            visitNamedExpr(ne, s);
        } else if (expr instanceof Expr.Await a) {
            later(a.value(), s);
        } else if (expr instanceof Expr.Yield y) {
            later(y.value(), s);
        } else if (expr instanceof Expr.YieldFrom y) {
            later(y.value(), s);
        }
        // Invalid names nothing.
    }

    private void visitComprehension(Expr comp, String name, List<Comprehension> generators, Expr elt,
                                    Expr value, Scope s) {
        if (generators.isEmpty()) {
            later(elt, s);
            later(value, s);
            return;
        }
        later(generators.get(0).iter(), s);
        Scope c = newScope(ScopeKind.COMPREHENSION, comp, s, name);
        bodyScopes.put(comp, c);
        int target = BindingKind.COMPREHENSION_TARGET.ordinal();
        for (int i = 0; i < generators.size(); i++) {
            Comprehension g = generators.get(i);
            if (i > 0) {
                later(g.iter(), c);
            }
            later(g.target(), c, target);
            laterAll(g.ifs(), c);
        }
        later(elt, c);
        later(value, c);
    }

    /**
     * PEP 572: inside a comprehension the target binds in the nearest enclosing function (or the module); the
     * comprehension gets an implicit nonlocal (global) entry for it, exactly as CPython's symtable does.
     */
    private void visitNamedExpr(Expr.NamedExpr ne, Scope s) {
        later(ne.value(), s);
        Expr.Name target = ne.target();
        if (s.kind() != ScopeKind.COMPREHENSION) {
            bind(s, target.id(), Symbol.DEF_LOCAL, BindingKind.WALRUS, target, target);
            return;
        }
        String name = NameMangling.mangle(s.privateName, target.id());
        for (Scope outer = s.parent(); outer != null; outer = outer.parent()) {
            if (outer.kind() == ScopeKind.COMPREHENSION) {
                continue;
            }
            if (outer.kind() == ScopeKind.FUNCTION || outer.kind() == ScopeKind.LAMBDA) {
                Symbol existing = outer.symbol(name);
                boolean global = existing != null && (existing.defs & Symbol.DEF_GLOBAL) != 0;
                s.symbolFor(name).defs |= (global ? Symbol.DEF_GLOBAL : Symbol.DEF_NONLOCAL) | Symbol.DEF_LOCAL;
                if (global) {
                    markGlobal(name);
                }
                Symbol sym = outer.symbolFor(name);
                sym.defs |= Symbol.DEF_LOCAL;
                sym.addBinding(new Binding(target, BindingKind.WALRUS));
                occurrences.add(new Occurrence(target, s, name, true));
                return;
            }
            if (outer.kind() == ScopeKind.MODULE) {
                s.symbolFor(name).defs |= Symbol.DEF_GLOBAL | Symbol.DEF_LOCAL;
                Symbol sym = outer.symbolFor(name);
                sym.defs |= Symbol.DEF_GLOBAL;
                sym.addBinding(new Binding(target, BindingKind.WALRUS));
                occurrences.add(new Occurrence(target, s, name, true));
                return;
            }
            break; // a class body or an annotation scope: a SyntaxError in CPython; bind in the comprehension
        }
        bind(s, target.id(), Symbol.DEF_LOCAL, BindingKind.WALRUS, target, target);
    }

    private void visitPattern(Pattern p, Scope s) {
        if (p instanceof Pattern.MatchAs as) {
            later(as.pattern(), s);
            if (as.name() != null) {
                bind(s, as.name().name(), Symbol.DEF_LOCAL, BindingKind.MATCH_CAPTURE, as, as.name());
            }
        } else if (p instanceof Pattern.MatchValue v) {
            later(v.value(), s);
        } else if (p instanceof Pattern.MatchSequence q) {
            laterAll(q.patterns(), s);
        } else if (p instanceof Pattern.MatchMapping m) {
            laterAll(m.keys(), s);
            laterAll(m.patterns(), s);
            if (m.rest() != null) {
                bind(s, m.rest().name(), Symbol.DEF_LOCAL, BindingKind.MATCH_REST, m, m.rest());
            }
        } else if (p instanceof Pattern.MatchClass c) {
            later(c.cls(), s);
            laterAll(c.patterns(), s);
            laterAll(c.kwdPatterns(), s);
        } else if (p instanceof Pattern.MatchStar st) {
            if (st.name() != null) {
                bind(s, st.name().name(), Symbol.DEF_LOCAL, BindingKind.MATCH_STAR, st, st.name());
            }
        } else if (p instanceof Pattern.MatchOr o) {
            laterAll(o.patterns(), s);
        }
        // MatchSingleton names nothing.
    }
}
