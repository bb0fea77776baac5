package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.analysis.CopyFact;
import dev.memlens.rules.support.AnalysisObjectFacts;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.BindingKind;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.Symbol;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.UnaryOperator;

import java.util.ArrayList;
import java.util.List;

/** MEM101: {@code b = a.copy(); b[0].append(1)} where {@code a[0]} is a nested list. */
public final class ShallowCopySharesNested extends BaseRule {

    public ShallowCopySharesNested() {
        super("MEM101", "shallow-copy-shares-nested", Severity.WARNING,
                "a nested mutable object shared by a shallow copy and its original is mutated");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds a mutation of a nested mutable object reached through a shallow copy — `copy.copy(x)`,
                `x.copy()`, `x[:]`, `list(x)`, `dict(x)`, `{**x}`, `[*x]` — while the original still refers to it
                (or a mutation through the original that the copy still sees). The original may be a parameter or
                an attribute: a shallow copy of the caller's object shares the caller's items.

                ## Why is this bad
                A shallow copy is a new outer container holding the SAME element objects. Changing an inner list
                or dict through the copy changes it in the original too, which is usually what the copy was meant
                to prevent.

                ## Example
                ```python
                import copy
                board = [[0, 0], [0, 0]]
                snapshot = copy.copy(board)
                snapshot[0].append(1)
                print(board)  # [[0, 0, 1], [0, 0]]
                ```

                ## Use instead
                ```python
                import copy
                board = [[0, 0], [0, 0]]
                snapshot = copy.deepcopy(board)
                snapshot[0].append(1)
                print(board)  # [[0, 0], [0, 0]]
                ```

                ## Fix safety
                Two fixes, both unsafe and neither preferred: `copy.deepcopy(x)` (adding `import copy` when
                needed) and, for a list of lists, `[row[:] for row in x]`. A deep copy also duplicates objects that
                may have been shared on purpose (and costs more); the row copy copies one level only.

                ## Known limits
                For an original the file creates: it must be a display bound by a single assignment (`x = ...` or
                `x: T = ...`, and a name the analysis sees holding it on every execution), the nested element a
                display, and the copy a single assignment in the same scope; mutations through function calls are
                not followed. In a function the other side must be read after the mutation (otherwise nobody sees
                the change).

                For an original from outside (a parameter never rebound, or an attribute of one such as
                `self.rows`): whatever its type, the items of `copy.copy(x)`, `x.copy()`, `x[:]` or `{**x}` are
                its items, so a mutation of `copy[k]` (a mutating method, an item store or deletion) is reported,
                and the message says the type it assumes (a dict for a string key, a list for an integer one)
                unless an annotation says it. `list(x)` and `dict(x)` are taken only when `x` is annotated as a
                list or dict (of a dict or a generator their items are other objects). Not reported: a copy whose
                own slots are replaced or that is handed to a call before the mutation, an original whose slots
                the function replaces, an original annotated as another type, and types whose `copy()` is deep
                (a pandas frame) when nothing says so.
                """;
    }

    private record CopySite(Stmt.Assign stmt, Expr copyExpr, Expr.Name source, String copyName, String how) {}

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        for (Scope scope : ctx.scopes().scopes()) {
            if (scope.kind() != ScopeKind.MODULE && scope.kind() != ScopeKind.FUNCTION) {
                continue;
            }
            for (Symbol sym : scope.symbols()) {
                List<Binding> bs = sym.bindings();
                Stmt.Assign as = bs.size() == 1 ? Ast.asAssign(ctx.parent(bs.get(0).site())) : null;
                if (as == null || as.targets().size() != 1 || as.targets().get(0) != bs.get(0).site()
                        || !(as.targets().get(0) instanceof Expr.Name target) || !ctx.isLocal(scope, target.id())) {
                    continue;
                }
                CopySite site = copySite(ctx, as, target.id());
                if (site == null) {
                    continue;
                }
                List<Binding> srcBindings = ctx.bindings(scope, site.source().id());
                Stmt.Assign sa = srcBindings.size() == 1 ? Ast.asAssign(ctx.parent(srcBindings.get(0).site())) : null;
                if (sa == null || !(sa.value() instanceof Expr.ListDisplay || sa.value() instanceof Expr.DictDisplay)) {
                    continue; // syntax first: the original must be bound once, to a display
                }
                Resolution src = ctx.resolve(site.source());
                if (!ctx.isLocal(scope, site.source().id()) || src == null || src.target() != scope) {
                    continue;
                }
                // what syntax says the original is; the analysis confirms it below, only for files with a finding
                ObjectFacts.Allocation orig = new ObjectFacts.Allocation(sa.value(),
                        AnalysisObjectFacts.displayKind(sa.value()),
                        new ObjectFacts.Via(site.source().id(), srcBindings.get(0).site()), true);
                java.util.function.BooleanSupplier confirmed = () -> {
                    ObjectFacts.Allocation must = ctx.objects().mustPointTo(site.source());
                    if (must == null || must.site() != sa.value()) {
                        return false; // the name may hold something else where the copy is made
                    }
                    CopyFact copy = ctx.analysis() == null ? null : ctx.analysis().copyAt(site.copyExpr());
                    // the analysis saw what the copy holds: nothing mutable shared means nothing to report
                    return copy == null || copy.depth() == CopyFact.Depth.SHALLOW && copy.sharedMutables() > 0;
                };
                if (site.how().startsWith("list(") && orig.kind() != ObjectKind.LIST
                        || site.how().startsWith("dict(") && orig.kind() != ObjectKind.DICT) {
                    continue;
                }
                checkPair(ctx, out, scope, site, orig, confirmed);
            }
        }
        OpenWorldCopy.check(this, ctx, out);
    }

    private CopySite copySite(RuleContext ctx, Stmt.Assign as, String copyName) {
        Expr v = as.value();
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.attr().name().equals("copy")) {
            if (a.value() instanceof Expr.Name mod && c.args().size() == 1 && c.keywords().isEmpty()
                    && ctx.objects().isModule(mod, "copy") && c.args().get(0) instanceof Expr.Name src) {
                return new CopySite(as, v, src, copyName, "copy.copy(" + src.id() + ")");
            }
            if (a.value() instanceof Expr.Name src && c.args().isEmpty() && c.keywords().isEmpty()) {
                return new CopySite(as, v, src, copyName, src.id() + ".copy()");
            }
        }
        if (v instanceof Expr.Subscript s && s.value() instanceof Expr.Name src && s.slice() instanceof Expr.Slice sl
                && sl.lower() == null && sl.upper() == null && sl.step() == null) {
            return new CopySite(as, v, src, copyName, src.id() + "[:]");
        }
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Name f && (f.id().equals("list") || f.id().equals("dict"))
                && c.args().size() == 1 && c.keywords().isEmpty() && c.args().get(0) instanceof Expr.Name src
                && ctx.objects().refersToBuiltin(f)) {
            return new CopySite(as, v, src, copyName, f.id() + "(" + src.id() + ")");
        }
        if (v instanceof Expr.DictDisplay d && d.keys().size() == 1 && d.keys().get(0) == null
                && d.values().get(0) instanceof Expr.Name src) {
            return new CopySite(as, v, src, copyName, "{**" + src.id() + "}");
        }
        if (v instanceof Expr.ListDisplay l && l.elts().size() == 1 && l.elts().get(0) instanceof Expr.Starred st
                && st.value() instanceof Expr.Name src) {
            return new CopySite(as, v, src, copyName, "[*" + src.id() + "]");
        }
        return null;
    }

    private record Mutation(Node node, Expr.Name through, Expr element, ObjectKind kind, String how, String path) {}

    private void checkPair(RuleContext ctx, FindingSink out, Scope scope, CopySite site,
                           ObjectFacts.Allocation orig, java.util.function.BooleanSupplier confirmed) {
        String a = site.source().id();
        String b = site.copyName();
        int after = site.stmt().span().end();
        List<Mutation> found = new ArrayList<>();
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (Expr.Name load : ctx.loads(scope)) {
            if (!load.id().equals(a) && !load.id().equals(b)) {
                continue;
            }
            if (load.ctx() == Ctx.LOAD && ctx.parent(load) instanceof Expr.Subscript s && s.value() == load
                    && s.ctx() == Ctx.STORE && !(ctx.parent(s) instanceof Stmt.AugAssign)) {
                // one slot replaced: only that key stops being shared (for constant keys)
                Integer i = intConstant(s.slice());
                String k = strConstant(s.slice());
                if (i == null && k == null) {
                    return;
                }
                replaced.add(load.id() + "[" + ctx.text(s.slice()) + "]");
                replaced.add(ctx.text(s.slice()));
                continue;
            }
            if (outerMutation(ctx, load)) {
                return; // the outer containers change: slots may no longer hold what the display put there
            }
            if (load.span().start() < after) {
                continue;
            }
            Mutation m = elementMutation(ctx, load, orig);
            if (m != null) {
                found.add(m);
            }
        }
        if (found.isEmpty() || !confirmed.getAsBoolean()) {
            return;
        }
        for (Mutation m : found) {
            String key = m.path().substring(m.path().indexOf('[') + 1, m.path().length() - 1);
            if (replaced.contains(key)) {
                continue;
            }
            boolean throughCopy = m.through().id().equals(b);
            String other = throughCopy ? a : b;
            if (!live(ctx, scope, other, m.node())) {
                continue;
            }
            String msg = q(m.path()) + " is the " + m.kind().label() + " " + q(Patterns.excerpt(ctx, m.element()))
                    + " created at line " + ctx.line(m.element()) + " inside " + q(a) + "; " + q(b + " = "
                    + Patterns.excerpt(ctx, site.copyExpr())) + " (line " + ctx.line(site.stmt())
                    + ") is a shallow copy, so " + q(a) + " and " + q(b) + " share it and " + m.how()
                    + " also changes " + (throughCopy ? "the original " + q(a) : "the copy " + q(b));
            List<Related> related = List.of(
                    new Related(site.copyExpr().span(), "the shallow copy"),
                    new Related(m.element().span(), "the shared " + m.kind().label()));
            out.report(at(m.node(), msg, related, fixes(ctx, site, orig)));
        }
    }

    /** True when the load is the receiver of a direct change of the outer container (not of an element). */
    private static boolean outerMutation(RuleContext ctx, Expr.Name load) {
        Node p = ctx.parent(load);
        if (p instanceof Expr.Attribute at && at.value() == load && ctx.parent(at) instanceof Expr.Call c
                && c.func() == at && (Patterns.mutates(ObjectKind.LIST, at.attr().name())
                || Patterns.mutates(ObjectKind.DICT, at.attr().name()))) {
            return true;
        }
        if (p instanceof Expr.Subscript s && s.value() == load && s.ctx() != Ctx.LOAD
                && !(ctx.parent(s) instanceof Stmt.AugAssign)) {
            return true;
        }
        if (p instanceof Stmt.AugAssign aug && aug.target() == load) {
            return true;
        }
        return false;
    }

    /** A mutation of the element {@code x[k]} at this load, when x[k] is known to be a nested mutable object. */
    private Mutation elementMutation(RuleContext ctx, Expr.Name load, ObjectFacts.Allocation orig) {
        if (!(ctx.parent(load) instanceof Expr.Subscript s1) || s1.value() != load) {
            return null;
        }
        Node p = ctx.parent(s1);
        Expr element = element(orig.site(), s1.slice());
        if (element == null) {
            return null;
        }
        ObjectFacts.Allocation elem = ctx.objects().mustPointTo(element);
        if (elem == null || !Patterns.MUTATORS.containsKey(elem.kind())) {
            return null;
        }
        String path = load.id() + "[" + ctx.text(s1.slice()) + "]";
        if (s1.ctx() == Ctx.LOAD && p instanceof Expr.Attribute m && m.value() == s1
                && ctx.parent(m) instanceof Expr.Call c && c.func() == m && Patterns.mutates(elem.kind(), m.attr().name())) {
            return new Mutation(c, load, elem.site(), elem.kind(), "this " + m.attr().name(), path);
        }
        if (s1.ctx() == Ctx.LOAD && p instanceof Expr.Subscript s2 && s2.value() == s1 && s2.ctx() != Ctx.LOAD) {
            Node stmt = ctx.statementOf(s2);
            return new Mutation(stmt, load, elem.site(), elem.kind(),
                    s2.ctx() == Ctx.DEL ? "this deletion" : "this item assignment", path);
        }
        if (p instanceof Stmt.AugAssign aug && aug.target() == s1 && Patterns.inPlaceOperator(elem.kind(), aug.op())) {
            return new Mutation(aug, load, elem.site(), elem.kind(), "this in-place `" + aug.op().symbol() + "=`", path);
        }
        return null;
    }

    /** The element expression of a display at a constant key, or the common element when every one is mutable. */
    private static Expr element(Expr display, Expr key) {
        List<Expr> candidates;
        if (display instanceof Expr.ListDisplay l) {
            for (Expr e : l.elts()) {
                if (e instanceof Expr.Starred) {
                    return null;
                }
            }
            Integer idx = intConstant(key);
            if (idx != null) {
                int i = idx < 0 ? l.elts().size() + idx : idx;
                return i >= 0 && i < l.elts().size() ? l.elts().get(i) : null;
            }
            candidates = l.elts();
        } else if (display instanceof Expr.DictDisplay d) {
            if (d.keys().contains(null)) {
                return null;
            }
            String k = strConstant(key);
            if (k != null) {
                Expr hit = null;
                for (int i = 0; i < d.keys().size(); i++) {
                    if (k.equals(strConstant(d.keys().get(i)))) {
                        hit = d.values().get(i); // the last duplicate key wins, as in CPython
                    }
                }
                return hit;
            }
            candidates = d.values();
        } else {
            return null;
        }
        // unknown key: only when every element is the same kind of display
        if (candidates.isEmpty()) {
            return null;
        }
        ObjectKind k0 = AnalysisObjectFacts.displayKind(candidates.get(0));
        if (k0 == null || !k0.mutable()) {
            return null;
        }
        for (Expr c : candidates) {
            if (AnalysisObjectFacts.displayKind(c) != k0) {
                return null;
            }
        }
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static Integer intConstant(Expr e) {
        boolean neg = false;
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.USUB) {
            neg = true;
            e = u.operand();
        }
        if (e instanceof Expr.Constant c && c.kind() == ConstantKind.INT) {
            try {
                int v = Integer.parseInt(c.raw().replace("_", ""));
                return neg ? -v : v;
            } catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    private static String strConstant(Expr e) {
        if (e instanceof Expr.Constant c && c.kind() == ConstantKind.STR) {
            String r = c.raw();
            if (r.length() >= 2 && (r.charAt(0) == '"' || r.charAt(0) == '\'') && r.charAt(r.length() - 1) == r.charAt(0)
                    && !r.contains("\\") && !r.startsWith("\"\"\"") && !r.startsWith("'''")) {
                return r.substring(1, r.length() - 1);
            }
        }
        return null;
    }

    /** True when the other name can still observe the change: a module global, or read after the mutation. */
    private static boolean live(RuleContext ctx, Scope scope, String name, Node mutation) {
        if (scope.kind() == ScopeKind.MODULE) {
            return true;
        }
        int at = mutation.span().end();
        Node loop = null;
        for (Node cur = ctx.parent(mutation); cur != null && cur != scope.owner(); cur = ctx.parent(cur)) {
            if (cur instanceof Stmt.For || cur instanceof Stmt.While) {
                loop = cur;
            }
        }
        List<Scope> todo = new ArrayList<>(List.of(scope));
        while (!todo.isEmpty()) {
            Scope s = todo.remove(0);
            for (Expr.Name load : ctx.loads(s)) {
                if (load.id().equals(name) && (load.span().start() >= at
                        || loop != null && loop.span().covers(load.span()))) {
                    return true;
                }
            }
            for (Scope c : s.children()) {
                if (c.kind() == ScopeKind.COMPREHENSION) {
                    todo.add(c);
                }
            }
        }
        return false;
    }

    private List<Fix> fixes(RuleContext ctx, CopySite site, ObjectFacts.Allocation orig) {
        List<Fix> fixes = new ArrayList<>();
        String a = site.source().id();
        Expr c = site.copyExpr();
        List<TextEdit> deep = new ArrayList<>();
        boolean haveCopy = false;
        boolean copyTaken = false;
        for (Binding bnd : ctx.scopes().globalBindings("copy")) {
            if (bnd.kind() == BindingKind.IMPORT && bnd.site() instanceof dev.memlens.syntax.ast.Alias al
                    && al.name().equals("copy") && al.asname() == null && ctx.parent(al) instanceof Stmt.Import) {
                haveCopy = true;
            } else {
                copyTaken = true;
            }
        }
        Resolution local = ctx.resolve(site.source());
        Scope localScope = local == null ? null : local.target();
        if (localScope != null && localScope != ctx.scopes().module() && ctx.symbol(localScope, "copy") != null
                && ctx.symbol(localScope, "copy").kind() != dev.memlens.semantics.SymbolKind.GLOBAL_IMPLICIT) {
            copyTaken = true;
        }
        if (!copyTaken) {
            deep.add(new TextEdit(c.span().start(), c.span().end(), "copy.deepcopy(" + a + ")"));
            if (!haveCopy) {
                int at = importPoint(ctx);
                if (at >= 0) {
                    deep.add(0, TextEdit.insert(at, "import copy" + ctx.newline()));
                } else {
                    deep.clear();
                }
            }
            if (!deep.isEmpty()) {
                fixes.add(new Fix("Make a deep copy: copy.deepcopy(" + a + ")", FixSafety.UNSAFE, false, deep));
            }
        }
        if (orig.site() instanceof Expr.ListDisplay l && !l.elts().isEmpty()) {
            boolean rows = true;
            for (Expr e : l.elts()) {
                rows &= e instanceof Expr.ListDisplay;
            }
            String var = Patterns.freshName(List.of("row", "item", "_row"), a);
            if (rows && var != null) {
                String repl = "[" + var + "[:] for " + var + " in " + a + "]";
                fixes.add(new Fix("Copy each row: " + repl, FixSafety.UNSAFE, false,
                        List.of(new TextEdit(c.span().start(), c.span().end(), repl))));
            }
        }
        return fixes;
    }

    /** Where `import copy` goes: after the module docstring and `from __future__` imports, at a line start. */
    private static int importPoint(RuleContext ctx) {
        Module m = ctx.module();
        int i = 0;
        List<Stmt> body = m.body();
        if (!body.isEmpty() && body.get(0) instanceof Stmt.Expression e && e.value() instanceof Expr.Constant k
                && k.kind() == ConstantKind.STR) {
            i = 1;
        }
        while (i < body.size() && body.get(i) instanceof Stmt.ImportFrom f && f.module() != null
                && f.module().name().equals("__future__")) {
            i++;
        }
        if (i >= body.size()) {
            return -1;
        }
        Stmt at = body.get(i);
        return ctx.startsLine(at.span().start()) ? ctx.lineStartOf(at.span().start()) : -1;
    }
}
