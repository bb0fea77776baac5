package dev.memlens.rules;

import dev.memlens.rules.support.AccessPaths;
import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Stmt;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** MEM503: {@code for x in xs: xs.remove(x)}. */
public final class MutationDuringIteration extends BaseRule {

    /** Mutations that change what the iteration visits: shrinking or shifting lists, resizing dicts and sets. */
    static final Map<ObjectKind, Set<String>> DISRUPTING = Map.of(
            ObjectKind.LIST, Set.of("remove", "pop", "insert", "clear"),
            ObjectKind.DICT, Set.of("pop", "popitem", "clear"),
            ObjectKind.SET, Set.of("add", "remove", "discard", "pop", "clear", "update", "intersection_update",
                    "difference_update", "symmetric_difference_update"));

    private static final Set<String> DICT_VIEWS = Set.of("keys", "values", "items");

    public MutationDuringIteration() {
        super("MEM503", "mutation-during-iteration", Severity.WARNING,
                "the collection a `for` loop iterates over is changed in the loop body");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds `for` loops over a list, dict (or its `keys()`, `values()`, `items()`), set, or
                `enumerate(...)` of one, whose body removes or inserts elements of that same object — by name,
                through an alias or an attribute path such as `self.items` — with a method (`remove`, `pop`,
                `insert`, `clear`, `popitem`, `discard`, ...), `del x[k]`, an in-place set operator (`|=`, `&=`,
                `-=`, `^=`) or a slice store that changes the length (`xs[i:i] = [a]`), unless the loop leaves
                right after (`break`, `return`, `raise`). The collection may come from outside (a parameter, an
                attribute): the loop and the mutation evaluate one access path that nothing rebinds in the loop, so
                they reach one object. When no annotation or assignment in the class says its type, the message
                says what the mutation makes it assume (a list for `remove`, a dict for `del d[key]`).

                ## Why is this bad
                A dict or set that changes size during iteration raises
                `RuntimeError: dictionary changed size during iteration`. A list does not raise, but removing or
                inserting shifts the elements under the running index: the loop skips or repeats items.

                ## Example
                ```python
                numbers = [1, 2, 2, 3]
                for n in numbers:
                    if n == 2:
                        numbers.remove(n)
                print(numbers)  # [1, 2, 3]: the second 2 was skipped
                ```

                ## Use instead
                ```python
                numbers = [1, 2, 2, 3]
                for n in list(numbers):
                    if n == 2:
                        numbers.remove(n)
                print(numbers)  # [1, 3]
                ```

                ## Fix safety
                The fix iterates over a copy (`list(numbers)`, `list(d.items())`). For dicts and sets it is safe:
                the original loop could only crash where the copy continues. For lists it is unsafe: the loop
                then visits every original element, which changes what the code did before.

                ## Known limits
                The iterated object must be one the analysis knows on every execution (one allocation site), or
                an access path (a name, `self.items`, `a.b`) whose base is a local, a parameter or a module global
                that nothing rebinds in the loop (a function declaring it `global` or `nonlocal` counts as a
                rebinding) and whose attributes no statement in the loop stores; a call in the loop that rebinds
                the attribute behind the rule's back is not followed. Without type evidence only `remove`, `pop`,
                `insert`, `clear`, `popitem` and `del` are taken (set methods and operators need an annotation or
                a known set); a name annotated as something else (`Sequence`, `tuple`, a class) or an attribute
                some method sets from another callable is not reported, nor a loop of an object over itself
                (`for c in self`), nor a call whose arguments do not fit the builtin method
                (`jar.clear(domain, path)`), nor moving an element to the front (`xs.insert(0, xs.pop(j))`). Appending to a list while iterating it
                (a work list, also `+=`) is deliberate and not reported; nor are `d[k] = v` (may replace an
                existing key) and `setdefault`/`update` on dicts. Loops inside `try` blocks with handlers or
                `assertRaises` contexts are not reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Stmt.For.class, loop -> {
            Expr iterated = loop.iter();
            if (iterated instanceof Expr.Call c && c.args().size() == 1 && c.keywords().isEmpty()
                    && c.func() instanceof Expr.Name fn && fn.id().equals("enumerate")
                    && ctx.objects().refersToBuiltin(fn)) {
                iterated = c.args().get(0); // enumerate(xs) walks xs itself, index by index
            }
            boolean view = false;
            if (iterated instanceof Expr.Call c && c.args().isEmpty() && c.func() instanceof Expr.Attribute a
                    && DICT_VIEWS.contains(a.attr().name())) {
                iterated = a.value();
                view = true;
            }
            if (AccessPaths.of(iterated) == null) {
                return;
            }
            if (!hasCandidate(ctx, loop, iterated)) {
                return; // syntax first: facts (and the analysis) only for loops whose body may disrupt them
            }
            ObjectFacts.Allocation alloc = iterated instanceof Expr.Name ? ctx.objects().mustPointTo(iterated) : null;
            if (alloc != null && (!DISRUPTING.containsKey(alloc.kind()) || view && alloc.kind() != ObjectKind.DICT)) {
                return;
            }
            if (alloc == null || !alloc.singular()) {
                // an object from outside (or one of several made at a site): one access path, one object
                OpenWorldIteration.check(this, ctx, out, loop, iterated, view, alloc == null ? null : alloc.kind());
                return;
            }
            Set<String> loopVars = loopVariables(loop);
            for (Stmt s : loop.body()) {
                Node[] hit = {null};
                String[] how = {null};
                java.util.function.Consumer<Node> visit = x -> {
                    if (hit[0] != null) {
                        return;
                    }
                    String h = mutation(ctx, x, alloc, loopVars, loop);
                    if (h != null && !leavesRightAfter(ctx, x, loop) && !Patterns.expectedToRaise(ctx, x)) {
                        hit[0] = x;
                        how[0] = h;
                    }
                };
                visit.accept(s);
                if (!(s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef)) {
                    Ast.walkSameScope(s, visit);
                }
                if (hit[0] != null) {
                    report(ctx, out, loop, iterated, alloc, hit[0], how[0]);
                    return;
                }
            }
        });
    }

    static Set<String> loopVariables(Stmt.For loop) {
        Set<String> loopVars = new java.util.HashSet<>();
        Ast.walk(loop.target(), t -> {
            if (t instanceof Expr.Name nm) {
                loopVars.add(nm.id());
            }
        });
        return loopVars;
    }

    private static final Set<String> ANY_DISRUPTING = new java.util.HashSet<>();

    static {
        DISRUPTING.values().forEach(ANY_DISRUPTING::addAll);
    }

    /**
     * A call of a disrupting method on, a {@code del x[...]} of, or an augmented assignment to a name that may be
     * the iterated one: the same name, or one assigned from it (or it from that one).
     */
    private static boolean hasCandidate(RuleContext ctx, Stmt.For loop, Expr iterated) {
        String path = AccessPaths.of(iterated);
        boolean[] found = {false};
        for (Stmt s : loop.body()) {
            Ast.walk(s, x -> {
                if (found[0]) {
                    return;
                }
                Expr receiver = null;
                if (x instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                        && ANY_DISRUPTING.contains(a.attr().name())) {
                    receiver = a.value();
                } else if (x instanceof Stmt.Delete d) {
                    for (Expr t : d.targets()) {
                        if (t instanceof Expr.Subscript sub) {
                            receiver = sub.value();
                        }
                    }
                } else if (x instanceof Stmt.AugAssign aug) {
                    receiver = aug.target();
                } else if (x instanceof Stmt.Assign as && as.targets().size() == 1
                        && as.targets().get(0) instanceof Expr.Subscript sub && sub.slice() instanceof Expr.Slice) {
                    receiver = sub.value();
                }
                if (path.equals(AccessPaths.of(receiver)) || receiver instanceof Expr.Name r
                        && iterated instanceof Expr.Name it && (assignedFrom(ctx, r, it) || assignedFrom(ctx, it, r))) {
                    found[0] = true;
                }
            });
        }
        return found[0];
    }

    private static boolean assignedFrom(RuleContext ctx, Expr.Name a, Expr.Name b) {
        for (Expr v : ctx.assignedValues(a)) {
            if (v instanceof Expr.Name n && n.id().equals(b.id())) {
                return true;
            }
        }
        return false;
    }

    /** A description of how node x changes the iterated object's size or order, or null. */
    private static String mutation(RuleContext ctx, Node x, ObjectFacts.Allocation alloc, Set<String> loopVars,
                                   Stmt.For loop) {
        Set<String> methods = DISRUPTING.get(alloc.kind());
        if (x instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && methods.contains(a.attr().name())
                && sameObject(ctx, a.value(), alloc) && !isMove(ctx, c)) {
            if (alloc.kind() == ObjectKind.SET && a.attr().name().equals("add") && c.args().size() == 1
                    && c.args().get(0) instanceof Expr.Name arg && loopVars.contains(arg.id())) {
                return null; // adding the element being visited changes nothing
            }
            return q(Patterns.excerpt(ctx, a) + "(...)");
        }
        if (x instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) {
                if (t instanceof Expr.Subscript s && sameObject(ctx, s.value(), alloc)) {
                    return q("del " + Patterns.excerpt(ctx, t));
                }
            }
        }
        if (x instanceof Stmt.AugAssign aug && alloc.kind() == ObjectKind.SET && aug.target() instanceof Expr.Name t
                && alloc.via() != null && t.id().equals(alloc.via().name()) && alloc.singular()
                && AccessPaths.stableOver(ctx, t, loop.span(), true)
                && Patterns.inPlaceOperator(ObjectKind.SET, aug.op())) {
            // `s |= t` on the set works in place: the name keeps the iterated object (a store target has no
            // points-to set of its own to ask)
            return q(Patterns.excerpt(ctx, aug));
        }
        if (x instanceof Stmt.Assign as && alloc.kind() == ObjectKind.LIST && OpenWorldIteration.resizingSliceStore(as)
                && sameObject(ctx, ((Expr.Subscript) as.targets().get(0)).value(), alloc)) {
            return q(Patterns.excerpt(ctx, as));
        }
        return null;
    }

    private static boolean sameObject(RuleContext ctx, Expr e, ObjectFacts.Allocation alloc) {
        if (!(e instanceof Expr.Name)) {
            return false;
        }
        ObjectFacts.Allocation other = ctx.objects().mustPointTo(e);
        return other != null && other.site() == alloc.site() && other.singular() && alloc.singular();
    }

    /**
     * {@code xs.insert(k, xs.pop(j))} (either call of it): an element moved within the list, whose length stays the
     * same; moving it to the front leaves the running index on the element it would have visited anyway.
     */
    static boolean isMove(RuleContext ctx, Expr.Call c) {
        Expr.Call insert = c;
        if (c.func() instanceof Expr.Attribute a && a.attr().name().equals("pop")
                && ctx.parent(c) instanceof Expr.Call outer) {
            insert = outer;
        }
        if (!(insert.func() instanceof Expr.Attribute ia) || !ia.attr().name().equals("insert")
                || insert.args().size() != 2 || !(insert.args().get(0) instanceof Expr.Constant k)
                || !"0".equals(k.raw()) || !(insert.args().get(1) instanceof Expr.Call pop)
                || !(pop.func() instanceof Expr.Attribute pa) || !pa.attr().name().equals("pop")) {
            return false;
        }
        String r = AccessPaths.of(ia.value());
        return r != null && r.equals(AccessPaths.of(pa.value()));
    }

    /** True when the statement holding the mutation is followed in its block by break/return/raise (before the loop continues). */
    static boolean leavesRightAfter(RuleContext ctx, Node mutation, Stmt.For loop) {
        Node child = ctx.statementOf(mutation);
        if (child instanceof Stmt.Return || child instanceof Stmt.Raise) {
            return true; // `return xs.pop()`: the loop is over once the mutation is done
        }
        while (child != null && child != loop) {
            Node parent = ctx.parent(child);
            if (child instanceof Stmt st) {
                boolean after = false;
                for (Stmt sib : Ast.blockOf(st, parent)) {
                    if (sib == st) {
                        after = true;
                        continue;
                    }
                    if (!after) {
                        continue;
                    }
                    if (sib instanceof Stmt.Break || sib instanceof Stmt.Return || sib instanceof Stmt.Raise) {
                        return true;
                    }
                    if (sib instanceof Stmt.Continue) {
                        return false;
                    }
                }
            }
            if (parent instanceof Stmt.For || parent instanceof Stmt.While) {
                if (parent == loop) {
                    return false;
                }
                // an inner loop: leaving it does not leave ours
            }
            child = parent;
        }
        return false;
    }

    private void report(RuleContext ctx, FindingSink out, Stmt.For loop, Expr iterated, ObjectFacts.Allocation alloc,
                        Node hit, String how) {
        String kind = alloc.kind().label();
        String bound = alloc.via() != null ? " (bound at line " + ctx.line(alloc.via().site()) + ")" : "";
        String effect = alloc.kind() == ObjectKind.LIST
                ? "the loop then skips or repeats elements"
                : "the next step of the loop raises RuntimeError (" + kind + " changed size during iteration)";
        String msg = how + " changes the " + kind + " " + q(ctx.text(iterated)) + bound
                + " while the `for` at line " + ctx.line(loop) + " iterates over it: " + effect;
        String iterText = ctx.text(loop.iter());
        FixSafety safety = alloc.kind() == ObjectKind.LIST ? FixSafety.UNSAFE : FixSafety.SAFE;
        List<Fix> fixes = List.of(Fix.of("Iterate over a copy: list(" + iterText + ")", safety,
                List.of(new TextEdit(loop.iter().span().start(), loop.iter().span().end(), "list(" + iterText + ")"))));
        Node reportAt = hit instanceof Stmt ? hit : hit;
        out.report(at(reportAt, msg, List.of(new Related(loop.iter().span(), "the iteration")), fixes));
    }
}
