package dev.memlens.rules;

import dev.memlens.rules.support.AccessPaths;
import dev.memlens.rules.support.AnalysisObjectFacts;
import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.Resolution;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.List;
import java.util.Set;

/**
 * MEM503 for loops over objects the file did not create (parameters, attributes such as {@code self.items}): the
 * loop and the mutation reach one object because they evaluate one access path that nothing rebinds in the loop.
 * Its type is what an annotation or the class's own assignments say; without either, the mutation used tells
 * (a list for {@code remove}/{@code insert}, a dict for {@code popitem} or {@code del d[key]}) and the message says
 * what it assumes.
 */
final class OpenWorldIteration {
    /** Without type evidence only what disrupts a list or a dict alike: set methods and operators need evidence. */
    private static final Set<String> ASSUMED = Set.of("remove", "pop", "insert", "clear", "popitem");

    private OpenWorldIteration() {
    }

    private record Hit(Node node, String how, ObjectKind kind) {}

    static void check(MutationDuringIteration rule, RuleContext ctx, FindingSink out, Stmt.For loop, Expr iterated,
                      boolean view, ObjectKind analysed) {
        if (iterated instanceof Expr.Name self && isReceiver(ctx, self)) {
            return; // an object iterating itself: its own class says what iterating and mutating it mean
        }
        AccessPaths.Evidence ev = evidence(ctx, iterated);
        if (ev == null && analysed != null) {
            ev = new AccessPaths.Evidence(analysed); // the kind the analysis knows on every execution
        }
        if (ev != null && (ev.other() || view && ev.kind() != ObjectKind.DICT)) {
            return; // annotated (or built) as something else: a read-only view, a user class, a tuple...
        }
        if (!AccessPaths.stableOver(ctx, iterated, loop.span(), ev != null)) {
            return;
        }
        ObjectKind known = ev == null ? (view ? ObjectKind.DICT : null) : ev.kind();
        Set<String> loopVars = MutationDuringIteration.loopVariables(loop);
        for (Stmt s : loop.body()) {
            Hit[] hit = {null};
            java.util.function.Consumer<Node> visit = x -> {
                if (hit[0] != null) {
                    return;
                }
                Hit h = mutation(ctx, x, iterated, loop, known, loopVars);
                if (h != null && !MutationDuringIteration.leavesRightAfter(ctx, x, loop)
                        && !Patterns.expectedToRaise(ctx, x)) {
                    hit[0] = h;
                }
            };
            visit.accept(s);
            if (!(s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef)) {
                Ast.walkSameScope(s, visit);
            }
            if (hit[0] != null) {
                report(rule, ctx, out, loop, iterated, known != null, hit[0]);
                return;
            }
        }
    }

    /** How node x changes the size of the iterated object, with the kind that implies, or null. */
    private static Hit mutation(RuleContext ctx, Node x, Expr iterated, Stmt.For loop, ObjectKind known,
                                Set<String> loopVars) {
        if (x instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && same(ctx, a.value(), iterated, loop)) {
            String m = a.attr().name();
            boolean disrupts = known != null ? MutationDuringIteration.DISRUPTING.get(known).contains(m)
                    : ASSUMED.contains(m) && builtinArity(m, c);
            if (!disrupts || MutationDuringIteration.isMove(ctx, c) || known == ObjectKind.SET && m.equals("add") && c.args().size() == 1
                    && c.args().get(0) instanceof Expr.Name arg && loopVars.contains(arg.id())) {
                return null;
            }
            ObjectKind k = known != null ? known : m.equals("popitem") || m.equals("pop") && c.args().size() == 1
                    && isLoopVar(c.args().get(0), loopVars) && !(loop.iter() instanceof Expr.Call) ? ObjectKind.DICT
                    : ObjectKind.LIST;
            return new Hit(c, MutationDuringIteration.q(Patterns.excerpt(ctx, a) + "(...)"), k);
        }
        if (x instanceof Stmt.Delete d && known != ObjectKind.SET) {
            for (Expr t : d.targets()) {
                if (t instanceof Expr.Subscript s && same(ctx, s.value(), iterated, loop)) {
                    ObjectKind k = known != null ? known
                            : isLoopVar(s.slice(), loopVars) && !(loop.iter() instanceof Expr.Call) ? ObjectKind.DICT
                            : ObjectKind.LIST;
                    return new Hit(d, MutationDuringIteration.q("del " + Patterns.excerpt(ctx, t)), k);
                }
            }
        }
        if (x instanceof Stmt.AugAssign aug && known == ObjectKind.SET && same(ctx, aug.target(), iterated, loop)
                && Patterns.inPlaceOperator(ObjectKind.SET, aug.op())) {
            return new Hit(aug, MutationDuringIteration.q(Patterns.excerpt(ctx, aug)), ObjectKind.SET);
        }
        if (x instanceof Stmt.Assign as && (known == null || known == ObjectKind.LIST) && resizingSliceStore(as)
                && same(ctx, ((Expr.Subscript) as.targets().get(0)).value(), iterated, loop)) {
            return new Hit(as, MutationDuringIteration.q(Patterns.excerpt(ctx, as)), ObjectKind.LIST);
        }
        return null;
    }

    /**
     * Without type evidence, a call must fit the builtin method it is taken for: {@code clear(domain, path)} is
     * some other class's method.
     */
    private static boolean builtinArity(String m, Expr.Call c) {
        int n = c.args().size();
        if (!c.keywords().isEmpty() || c.args().stream().anyMatch(a -> a instanceof Expr.Starred)) {
            return false;
        }
        return switch (m) {
            case "remove" -> n == 1;
            case "pop" -> n <= 2;
            case "insert" -> n == 2;
            default -> n == 0;
        };
    }

    private static boolean isLoopVar(Expr e, Set<String> loopVars) {
        return e instanceof Expr.Name n && loopVars.contains(n.id());
    }

    /**
     * True when the receiver is the iterated object on every iteration: the same access path (stable over the loop,
     * checked by the caller), or a name bound once, before the loop, to that path (or the iterated name bound once
     * to the receiver's path), with nothing rebinding either between that binding and the loop's end.
     */
    private static boolean same(RuleContext ctx, Expr receiver, Expr iterated, Stmt.For loop) {
        String r = AccessPaths.of(receiver);
        String it = AccessPaths.of(iterated);
        if (r == null) {
            return false;
        }
        if (r.equals(it)) {
            return true;
        }
        return receiver instanceof Expr.Name rn && aliasOf(ctx, rn, iterated, loop)
                || iterated instanceof Expr.Name in && aliasOf(ctx, in, receiver, loop);
    }

    private static boolean aliasOf(RuleContext ctx, Expr.Name alias, Expr path, Stmt.For loop) {
        Resolution res = ctx.resolve(alias);
        if (res == null || res.targetSymbol() == null || res.targetSymbol().bindings().size() != 1) {
            return false;
        }
        Binding b = res.targetSymbol().bindings().get(0);
        if (!(ctx.parent(b.site()) instanceof Stmt.Assign as) || as.targets().size() != 1
                || !path.equals(as.value()) && !AccessPaths.of(path).equals(AccessPaths.of(as.value()))
                || as.span().end() > loop.span().start() || ctx.enclosingScope(as) != ctx.enclosingScope(loop)) {
            return false;
        }
        Span since = new Span(as.span().end(), loop.span().end());
        return AccessPaths.stableOver(ctx, path, since) && AccessPaths.stableOver(ctx, alias, loop.span());
    }

    /** The first parameter of a method (self, cls). */
    private static boolean isReceiver(RuleContext ctx, Expr.Name n) {
        Resolution r = ctx.resolve(n);
        if (r == null || r.targetSymbol() == null) {
            return false;
        }
        for (Binding b : r.targetSymbol().bindings()) {
            if (b.site() instanceof dev.memlens.syntax.ast.Arg a) {
                Node fn = ctx.parent(a);
                if (fn != null && !(fn instanceof Stmt.FunctionDef)) {
                    fn = ctx.parent(fn); // an Arg may hang under the def's arguments
                }
                if (fn instanceof Stmt.FunctionDef f && ctx.parent(f) instanceof Stmt.ClassDef) {
                    List<dev.memlens.syntax.ast.Arg> ps = new java.util.ArrayList<>(f.args().posonlyargs());
                    ps.addAll(f.args().args());
                    if (!ps.isEmpty() && ps.get(0) == a) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The type evidence of an access path: a name's annotation, or what the class binds to {@code self.attr}. */
    private static AccessPaths.Evidence evidence(RuleContext ctx, Expr path) {
        if (path instanceof Expr.Name n) {
            return AccessPaths.annotated(ctx, n);
        }
        if (path instanceof Expr.Attribute a && a.value() instanceof Expr.Name self) {
            return attributeEvidence(ctx, self, a.attr().name());
        }
        return null;
    }

    /**
     * For {@code self.attr} in a method: the class-level annotation of attr, and the values every
     * {@code self.attr = v} of the class assigns. A display or builtin constructor gives its kind; anything else
     * (a call of a user class, a parameter) says nothing; two kinds, or a non-mutable kind, count as "other".
     */
    private static AccessPaths.Evidence attributeEvidence(RuleContext ctx, Expr.Name self, String attr) {
        Stmt.ClassDef cls = null;
        for (Node cur = ctx.parent(self); cur != null; cur = ctx.parent(cur)) {
            if (cur instanceof Stmt.ClassDef c) {
                cls = c;
                break;
            }
        }
        if (cls == null) {
            return null;
        }
        AccessPaths.Evidence[] found = {null};
        boolean[] conflict = {false};
        java.util.function.BiConsumer<AccessPaths.Evidence, Boolean> add = (e, x) -> {
            if (found[0] == null) {
                found[0] = e;
            } else if (!java.util.Objects.equals(found[0].kind(), e.kind())) {
                conflict[0] = true;
            }
        };
        for (Stmt st : cls.body()) {
            if (st instanceof Stmt.AnnAssign aa && aa.target() instanceof Expr.Name t && t.id().equals(attr)) {
                add.accept(AccessPaths.evidence(aa.annotation()), true);
            }
        }
        Ast.walk(cls, n -> {
            Expr target = null;
            Expr value = null;
            if (n instanceof Stmt.Assign as && as.targets().size() == 1) {
                target = as.targets().get(0);
                value = as.value();
            } else if (n instanceof Stmt.AnnAssign aa) {
                target = aa.target();
                value = aa.value();
                if (target instanceof Expr.Attribute ta && ta.value() instanceof Expr.Name tn
                        && tn.id().equals(self.id()) && ta.attr().name().equals(attr)) {
                    add.accept(AccessPaths.evidence(aa.annotation()), true);
                }
            }
            if (target instanceof Expr.Attribute ta && ta.value() instanceof Expr.Name tn && tn.id().equals(self.id())
                    && ta.attr().name().equals(attr) && value != null) {
                ObjectKind k = builtKind(ctx, value);
                if (k != null) {
                    add.accept(k.mutable() ? new AccessPaths.Evidence(k) : new AccessPaths.Evidence(null), false);
                } else if (value instanceof Expr.Call) {
                    conflict[0] = true; // built by some other callable: a type the rule cannot name
                }
            }
        });
        return conflict[0] ? new AccessPaths.Evidence(null) : found[0];
    }

    private static final java.util.Map<String, ObjectKind> BUILT = java.util.Map.of("list", ObjectKind.LIST,
            "dict", ObjectKind.DICT, "set", ObjectKind.SET, "sorted", ObjectKind.LIST, "tuple", ObjectKind.TUPLE,
            "frozenset", ObjectKind.FROZENSET);

    private static ObjectKind builtKind(RuleContext ctx, Expr v) {
        ObjectKind k = AnalysisObjectFacts.displayKind(v);
        if (k != null) {
            return k;
        }
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Name fn && BUILT.containsKey(fn.id())
                && ctx.objects().refersToBuiltin(fn)) {
            return BUILT.get(fn.id());
        }
        return null;
    }

    /**
     * {@code xs[i:j] = [...]} that certainly changes the list's length: the replaced slice and the display have
     * different, known lengths ({@code xs[i:i] = [a]}, {@code xs[i:i + 1] = [a, b]}, {@code xs[1:3] = []}).
     */
    static boolean resizingSliceStore(Stmt.Assign as) {
        if (as.targets().size() != 1 || !(as.targets().get(0) instanceof Expr.Subscript sub)
                || !(sub.slice() instanceof Expr.Slice sl) || sl.step() != null || sl.lower() == null
                || sl.upper() == null) {
            return false;
        }
        int n;
        if (as.value() instanceof Expr.ListDisplay l && l.ctx() == Ctx.LOAD) {
            n = starless(l.elts()) ? l.elts().size() : -1;
        } else if (as.value() instanceof Expr.TupleDisplay t && t.ctx() == Ctx.LOAD) {
            n = starless(t.elts()) ? t.elts().size() : -1;
        } else {
            return false;
        }
        if (n < 0) {
            return false;
        }
        Integer lo = intConstant(sl.lower());
        Integer hi = intConstant(sl.upper());
        if (lo != null && hi != null && lo >= 0 && hi >= lo) {
            return hi - lo != n;
        }
        if (sameText(sl.lower(), sl.upper())) {
            return n > 0;
        }
        if (sl.upper() instanceof Expr.BinOp b && b.op() == Operator.ADD && sameText(b.left(), sl.lower())
                && intConstant(b.right()) != null && intConstant(b.right()) >= 0) {
            return intConstant(b.right()) != n;
        }
        return false;
    }

    private static boolean starless(List<Expr> elts) {
        for (Expr e : elts) {
            if (e instanceof Expr.Starred) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameText(Expr a, Expr b) {
        String x = Ast.dotted(a);
        return x != null && x.equals(Ast.dotted(b));
    }

    private static Integer intConstant(Expr e) {
        if (e instanceof Expr.Constant c && c.kind() == ConstantKind.INT) {
            try {
                return Integer.parseInt(c.raw().replace("_", ""));
            } catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    private static void report(MutationDuringIteration rule, RuleContext ctx, FindingSink out, Stmt.For loop,
                               Expr iterated, boolean evidenced, Hit hit) {
        String kind = hit.kind().label();
        String it = MutationDuringIteration.q(ctx.text(iterated));
        String assumed = evidenced ? "" : " (assuming " + it + " is a " + kind + ": nothing here says its type)";
        String effect = hit.kind() == ObjectKind.LIST
                ? "the loop then skips or repeats elements"
                : "the next step of the loop raises RuntimeError (" + kind + " changed size during iteration)";
        String msg = hit.how() + " changes the " + kind + " " + it + assumed + " while the `for` at line "
                + ctx.line(loop) + " iterates over it: " + effect;
        String iterText = ctx.text(loop.iter());
        FixSafety safety = hit.kind() == ObjectKind.LIST || !evidenced ? FixSafety.UNSAFE : FixSafety.SAFE;
        List<Fix> fixes = List.of(Fix.of("Iterate over a copy: list(" + iterText + ")", safety,
                List.of(new TextEdit(loop.iter().span().start(), loop.iter().span().end(), "list(" + iterText + ")"))));
        out.report(rule.at(hit.node(), msg, List.of(new Related(loop.iter().span(), "the iteration")), fixes));
    }
}
