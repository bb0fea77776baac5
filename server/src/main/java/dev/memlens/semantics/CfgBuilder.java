package dev.memlens.semantics;

import dev.memlens.syntax.ast.BoolOperator;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.UnaryOperator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the control-flow graph of one scope's body. Statement nesting is handled by recursion (Python's own
 * parser limits it to about 100 levels); elif chains, which nest in the AST without limit, are followed in a loop.
 * Jumps out of try/with/except blocks copy the clean-up they pass through (finally bodies, {@code __exit__} calls,
 * the unbinding of an {@code except ... as} name) onto the jump's path, as CPython does when it compiles them.
 */
final class CfgBuilder {
    /** Deeper and/or/not nesting in a condition is tested as one opaque element. */
    private static final int MAX_CONDITION_DEPTH = 64;

    private interface Frame {
    }

    private record Loop(BasicBlock continueTarget, BasicBlock breakTarget) implements Frame {
    }

    private record Finally(Stmt.Try stmt, BasicBlock outerExc) implements Frame {
    }

    private record WithCleanup(Stmt.With stmt, int index, BasicBlock outerExc) implements Frame {
    }

    private record HandlerCleanup(ExceptHandler handler, BasicBlock outerExc) implements Frame {
    }

    private final Scope scope;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final BasicBlock exit;
    private final BasicBlock exceptionalExit;
    private BasicBlock entry;
    /** Where the next element goes; null after a jump (following code is unreachable and gets fresh blocks). */
    private BasicBlock cur;
    /** Where an exception goes; null outside try/with/handler regions (no explicit edges there). */
    private BasicBlock excTarget;
    private ArrayList<Frame> frames = new ArrayList<>();

    private CfgBuilder(Scope scope) {
        this.scope = scope;
        this.entry = newBlock();
        this.exit = newBlock();
        this.exceptionalExit = newBlock();
        this.cur = entry;
    }

    /** The graph of the scope's body, or null for a TYPE_PARAMETERS scope (it has no body of its own). */
    static ControlFlowGraph build(Scope scope) {
        CfgBuilder b = new CfgBuilder(scope);
        Node owner = scope.owner();
        switch (scope.kind()) {
            case MODULE -> b.statements(((Module) owner).body());
            case CLASS -> b.statements(((Stmt.ClassDef) owner).body());
            case FUNCTION -> b.statements(((Stmt.FunctionDef) owner).body());
            case LAMBDA -> b.add(new Element.ReturnValue(((Expr.Lambda) owner).body(), owner));
            case COMPREHENSION -> b.comprehension((Expr) owner);
            case TYPE_ALIAS -> b.add(new Element.ReturnValue(((Stmt.TypeAlias) owner).value(), owner));
            case TYPE_VAR_BOUND -> b.add(new Element.ReturnValue((Expr) owner, owner));
            default -> {
                return null;
            }
        }
        if (b.cur != null) {
            b.edge(b.cur, b.exit, EdgeKind.NORMAL);
        }
        return b.finish();
    }

    // ---- primitives

    private BasicBlock newBlock() {
        BasicBlock b = new BasicBlock(blocks.size());
        blocks.add(b);
        return b;
    }

    private void edge(BasicBlock from, BasicBlock to, EdgeKind kind) {
        if (from != null) {
            from.addEdge(to, kind);
        }
    }

    /**
     * Appends an element to the current block. Inside an exception region every element gets its own block with an
     * EXCEPTION edge, so the state along that edge is the state before the element.
     */
    private BasicBlock add(Element e) {
        if (cur == null) {
            cur = newBlock();
        } else if (excTarget != null && !cur.elements.isEmpty()) {
            BasicBlock next = newBlock();
            edge(cur, next, EdgeKind.NORMAL);
            cur = next;
        }
        if (cur.elements.isEmpty() && excTarget != null) {
            edge(cur, excTarget, EdgeKind.EXCEPTION);
        }
        cur.elements.add(e);
        return cur;
    }

    /** Changing regions starts a new block, so that no block mixes elements of two regions. */
    private void setExcTarget(BasicBlock target) {
        if (target != excTarget && cur != null && !cur.elements.isEmpty()) {
            BasicBlock next = newBlock();
            edge(cur, next, EdgeKind.NORMAL);
            cur = next;
        }
        excTarget = target;
    }

    /** An explicit raise from the current block. */
    private void raiseEdge() {
        edge(cur, excTarget != null ? excTarget : exceptionalExit, EdgeKind.EXCEPTION);
    }

    private BasicBlock continueFrom(BasicBlock b) {
        return b.predecessors.isEmpty() ? null : b;
    }

    // ---- statements

    private void statements(List<Stmt> body) {
        for (Stmt s : body) {
            statement(s);
        }
    }

    private void statement(Stmt s) {
        if (s instanceof Stmt.If i) {
            ifStatement(i);
        } else if (s instanceof Stmt.For f) {
            forStatement(f);
        } else if (s instanceof Stmt.While w) {
            whileStatement(w);
        } else if (s instanceof Stmt.Try t) {
            tryStatement(t);
        } else if (s instanceof Stmt.With w) {
            withStatement(w);
        } else if (s instanceof Stmt.Match m) {
            matchStatement(m);
        } else if (s instanceof Stmt.Return) {
            add(new Element.Statement(s));
            jumpThroughFrames(0, exit, EdgeKind.RETURN);
        } else if (s instanceof Stmt.Raise) {
            add(new Element.Statement(s));
            raiseEdge();
            cur = null;
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            add(new Element.Statement(s));
            int loop = innermostLoop();
            if (loop < 0) {
                cur = null; // a SyntaxError; the parser reports it
                return;
            }
            Loop l = (Loop) frames.get(loop);
            jumpThroughFrames(loop + 1, s instanceof Stmt.Break ? l.breakTarget() : l.continueTarget(),
                    EdgeKind.NORMAL);
        } else if (s instanceof Stmt.Assert a) {
            assertStatement(a);
        } else {
            add(new Element.Statement(s));
        }
    }

    private int innermostLoop() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i) instanceof Loop) {
                return i;
            }
        }
        return -1;
    }

    /** Leaves frames[downTo..] towards {@code target}, running each frame's clean-up in its own context. */
    private void jumpThroughFrames(int downTo, BasicBlock target, EdgeKind kind) {
        ArrayList<Frame> saved = frames;
        BasicBlock savedExc = excTarget;
        for (int i = saved.size() - 1; i >= downTo && cur != null; i--) {
            Frame f = saved.get(i);
            frames = new ArrayList<>(saved.subList(0, i));
            if (f instanceof Finally fin) {
                setExcTarget(fin.outerExc());
                statements(fin.stmt().finalbody());
            } else if (f instanceof WithCleanup w) {
                setExcTarget(w.outerExc());
                add(new Element.WithExit(w.stmt(), w.index(), false));
            } else if (f instanceof HandlerCleanup h) {
                setExcTarget(h.outerExc());
                add(new Element.ExceptUnbind(h.handler()));
            }
        }
        if (cur != null) {
            edge(cur, target, kind);
        }
        frames = saved;
        excTarget = savedExc;
        cur = null;
    }

    private void ifStatement(Stmt.If first) {
        BasicBlock after = newBlock();
        Stmt.If s = first;
        while (true) {
            BasicBlock then = newBlock();
            BasicBlock otherwise = newBlock();
            condition(s.test(), s, then, otherwise, 0);
            cur = continueFrom(then);
            statements(s.body());
            edge(cur, after, EdgeKind.NORMAL);
            cur = continueFrom(otherwise);
            if (s.orelse().size() == 1 && s.orelse().get(0) instanceof Stmt.If elif) {
                s = elif;
                continue;
            }
            statements(s.orelse());
            edge(cur, after, EdgeKind.NORMAL);
            break;
        }
        cur = continueFrom(after);
    }

    private void whileStatement(Stmt.While w) {
        BasicBlock head = newBlock();
        edge(cur, head, EdgeKind.NORMAL);
        cur = head;
        BasicBlock body = newBlock();
        BasicBlock orelse = newBlock();
        BasicBlock after = newBlock();
        condition(w.test(), w, body, orelse, 0);
        frames.add(new Loop(head, after));
        cur = continueFrom(body);
        statements(w.body());
        edge(cur, head, EdgeKind.NORMAL);
        frames.remove(frames.size() - 1);
        cur = continueFrom(orelse);
        statements(w.orelse());
        edge(cur, after, EdgeKind.NORMAL);
        cur = continueFrom(after);
    }

    private void forStatement(Stmt.For f) {
        add(new Element.IterStart(f.iter(), f, false));
        BasicBlock head = newBlock();
        edge(cur, head, EdgeKind.NORMAL);
        cur = head;
        head = add(new Element.IterNext(f.target(), f));
        BasicBlock body = newBlock();
        BasicBlock orelse = newBlock();
        BasicBlock after = newBlock();
        edge(head, body, EdgeKind.NEXT);
        edge(head, orelse, EdgeKind.EXHAUSTED);
        frames.add(new Loop(head, after));
        cur = body;
        add(new Element.AssignNext(f.target(), f));
        statements(f.body());
        edge(cur, head, EdgeKind.NORMAL);
        frames.remove(frames.size() - 1);
        cur = orelse;
        statements(f.orelse());
        edge(cur, after, EdgeKind.NORMAL);
        cur = continueFrom(after);
    }

    private void assertStatement(Stmt.Assert a) {
        BasicBlock ok = newBlock();
        BasicBlock fail = newBlock();
        condition(a.test(), a, ok, fail, 0);
        if (!fail.predecessors.isEmpty()) {
            cur = fail;
            add(new Element.AssertFail(a));
            raiseEdge();
        }
        cur = continueFrom(ok);
    }

    /**
     * Branches to {@code t} or {@code f} on the truth of {@code e}, splitting and/or/not into one Test per operand.
     * Leaves {@code cur} null.
     */
    private void condition(Expr e, Node owner, BasicBlock t, BasicBlock f, int depth) {
        if (depth < MAX_CONDITION_DEPTH) {
            if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.NOT) {
                condition(u.operand(), owner, f, t, depth + 1);
                return;
            }
            if (e instanceof Expr.BoolOp b && b.values().size() > 1) {
                List<Expr> values = b.values();
                for (int i = 0; i < values.size() - 1; i++) {
                    BasicBlock mid = newBlock();
                    if (b.op() == BoolOperator.AND) {
                        condition(values.get(i), owner, mid, f, depth + 1);
                    } else {
                        condition(values.get(i), owner, t, mid, depth + 1);
                    }
                    cur = continueFrom(mid);
                }
                condition(values.get(values.size() - 1), owner, t, f, depth + 1);
                return;
            }
        }
        BasicBlock test = add(new Element.Test(e, owner));
        Boolean constant = constantTruth(e);
        if (constant == null || constant) {
            edge(test, t, EdgeKind.TRUE);
        }
        if (constant == null || !constant) {
            edge(test, f, EdgeKind.FALSE);
        }
        cur = null;
    }

    /** The truth of a literal test ({@code while True}, {@code if 0}), or null when it depends on run time. */
    static Boolean constantTruth(Expr e) {
        if (!(e instanceof Expr.Constant c)) {
            return null;
        }
        switch (c.kind()) {
            case TRUE:
            case ELLIPSIS:
                return Boolean.TRUE;
            case FALSE:
            case NONE:
                return Boolean.FALSE;
            case INT: {
                String raw = c.raw().replace("_", "").toLowerCase();
                if (raw.startsWith("0x") || raw.startsWith("0o") || raw.startsWith("0b")) {
                    raw = raw.substring(2);
                }
                for (int i = 0; i < raw.length(); i++) {
                    if (raw.charAt(i) != '0') {
                        return Boolean.TRUE;
                    }
                }
                return raw.isEmpty() ? null : Boolean.FALSE;
            }
            default:
                return null;
        }
    }

    private void tryStatement(Stmt.Try t) {
        boolean hasFinally = !t.finalbody().isEmpty();
        BasicBlock outerExc = excTarget;
        BasicBlock finallyExc = null;
        if (hasFinally) {
            finallyExc = newBlock();
            frames.add(new Finally(t, outerExc));
            setExcTarget(finallyExc);
        }
        BasicBlock handlerExc = excTarget;
        BasicBlock join = newBlock();
        BasicBlock dispatch = t.handlers().isEmpty() ? null : newBlock();
        if (dispatch != null) {
            setExcTarget(dispatch);
        }
        statements(t.body());
        setExcTarget(handlerExc);
        statements(t.orelse());
        edge(cur, join, EdgeKind.NORMAL);
        cur = null;
        if (dispatch != null) {
            // try/except* is modelled like try/except: one matching handler runs.
            cur = dispatch;
            for (ExceptHandler h : t.handlers()) {
                BasicBlock test = add(new Element.ExceptTest(h));
                BasicBlock body = newBlock();
                edge(test, body, EdgeKind.MATCH);
                BasicBlock next = null;
                if (h.type() != null) {
                    next = newBlock();
                    edge(test, next, EdgeKind.NO_MATCH);
                }
                cur = body;
                handler(h, handlerExc);
                edge(cur, join, EdgeKind.NORMAL);
                cur = next;
                if (next == null) {
                    break;
                }
            }
            if (cur != null) {
                add(new Element.Reraise(t));
                raiseEdge();
                cur = null;
            }
        }
        if (hasFinally) {
            frames.remove(frames.size() - 1);
            excTarget = outerExc;
            BasicBlock normalEnd = null;
            if (!join.predecessors.isEmpty()) {
                cur = join;
                statements(t.finalbody());
                normalEnd = cur;
            }
            if (!finallyExc.predecessors.isEmpty()) {
                cur = finallyExc;
                statements(t.finalbody());
                if (cur != null) {
                    add(new Element.Reraise(t));
                    raiseEdge();
                }
            }
            cur = normalEnd;
        } else {
            excTarget = outerExc;
            cur = continueFrom(join);
        }
    }

    private void handler(ExceptHandler h, BasicBlock handlerExc) {
        if (h.name() == null) {
            statements(h.body());
            return;
        }
        add(new Element.ExceptBind(h));
        BasicBlock cleanup = newBlock();
        frames.add(new HandlerCleanup(h, handlerExc));
        setExcTarget(cleanup);
        statements(h.body());
        frames.remove(frames.size() - 1);
        setExcTarget(handlerExc);
        if (cur != null) {
            add(new Element.ExceptUnbind(h));
        }
        if (!cleanup.predecessors.isEmpty()) {
            BasicBlock normal = cur;
            cur = cleanup;
            add(new Element.ExceptUnbind(h));
            add(new Element.Reraise(h));
            raiseEdge();
            cur = normal;
        }
    }

    private void withStatement(Stmt.With w) {
        int n = w.items().size();
        BasicBlock[] exitExc = new BasicBlock[n];
        BasicBlock[] outer = new BasicBlock[n];
        for (int i = 0; i < n; i++) {
            add(new Element.WithEnter(w, i));
            outer[i] = excTarget;
            exitExc[i] = newBlock();
            frames.add(new WithCleanup(w, i, outer[i]));
            setExcTarget(exitExc[i]);
        }
        statements(w.body());
        for (int i = n - 1; i >= 0; i--) {
            frames.remove(frames.size() - 1);
            setExcTarget(outer[i]);
            BasicBlock normal = null;
            if (cur != null) {
                normal = add(new Element.WithExit(w, i, false));
            }
            BasicBlock suppressed = null;
            if (!exitExc[i].predecessors.isEmpty()) {
                cur = exitExc[i];
                suppressed = add(new Element.WithExit(w, i, true));
                raiseEdge();
            }
            if (suppressed != null) {
                BasicBlock after = newBlock();
                edge(normal, after, EdgeKind.NORMAL);
                edge(suppressed, after, EdgeKind.SUPPRESSED);
                cur = after;
            } else {
                cur = normal;
            }
        }
    }

    private void matchStatement(Stmt.Match m) {
        add(new Element.MatchSubject(m));
        BasicBlock after = newBlock();
        for (int i = 0; i < m.cases().size(); i++) {
            MatchCase c = m.cases().get(i);
            BasicBlock test = add(new Element.CaseTest(m, i));
            BasicBlock matched = newBlock();
            BasicBlock next = newBlock();
            edge(test, matched, EdgeKind.MATCH);
            if (!Patterns.isIrrefutable(c.pattern())) {
                edge(test, next, EdgeKind.NO_MATCH);
            }
            cur = matched;
            if (Patterns.hasCaptures(c.pattern())) {
                add(new Element.CaseBind(m, i));
            }
            if (c.guard() != null) {
                BasicBlock body = newBlock();
                condition(c.guard(), m, body, next, 0);
                cur = continueFrom(body);
            }
            statements(c.body());
            edge(cur, after, EdgeKind.NORMAL);
            cur = continueFrom(next);
        }
        edge(cur, after, EdgeKind.NORMAL);
        cur = continueFrom(after);
    }

    // ---- comprehensions

    private void comprehension(Expr comp) {
        List<Comprehension> gens;
        if (comp instanceof Expr.ListComp c) {
            gens = c.generators();
        } else if (comp instanceof Expr.SetComp c) {
            gens = c.generators();
        } else if (comp instanceof Expr.DictComp c) {
            gens = c.generators();
        } else {
            gens = ((Expr.GeneratorExp) comp).generators();
        }
        BasicBlock[] heads = new BasicBlock[gens.size()];
        for (int i = 0; i < gens.size(); i++) {
            Comprehension g = gens.get(i);
            add(new Element.IterStart(g.iter(), comp, i == 0));
            BasicBlock head = newBlock();
            edge(cur, head, EdgeKind.NORMAL);
            cur = head;
            heads[i] = add(new Element.IterNext(g.target(), comp));
            BasicBlock body = newBlock();
            edge(heads[i], body, EdgeKind.NEXT);
            edge(heads[i], i == 0 ? exit : heads[i - 1], EdgeKind.EXHAUSTED);
            cur = body;
            add(new Element.AssignNext(g.target(), comp));
            for (Expr cond : g.ifs()) {
                BasicBlock pass = newBlock();
                condition(cond, comp, pass, heads[i], 0);
                cur = continueFrom(pass);
            }
        }
        add(new Element.ComprehensionAppend(comp));
        edge(cur, heads[heads.length - 1], EdgeKind.NORMAL);
        cur = null;
    }

    // ---- finishing

    /** Drops empty pass-through blocks, numbers blocks in reverse post-order, finds loop heads. */
    private ControlFlowGraph finish() {
        for (BasicBlock b : blocks) {
            forwardOf(b);
        }
        entry = entry.forward;
        List<BasicBlock> kept = new ArrayList<>(blocks.size());
        for (BasicBlock b : blocks) {
            if (b.forward == b) {
                kept.add(b);
            }
        }
        for (BasicBlock b : kept) {
            List<Edge> succ = b.successors;
            b.predecessors.clear();
            for (int i = 0; i < succ.size(); i++) {
                Edge e = succ.get(i);
                BasicBlock t = e.target().forward;
                if (t != e.target()) {
                    succ.set(i, new Edge(t, e.kind()));
                }
            }
            if (succ.size() > 1) {
                dedupe(succ);
            }
        }
        // Iterative depth-first search: post-order and back edges. mark: 0 unseen, 1 on stack, 2 done.
        for (BasicBlock b : kept) {
            b.mark = 0;
        }
        List<BasicBlock> post = new ArrayList<>(kept.size());
        Set<BasicBlock> loopHeads = new HashSet<>();
        BasicBlock[] stack = new BasicBlock[kept.size() + 1];
        int[] next = new int[kept.size() + 1];
        int sp = 0;
        stack[sp] = entry;
        next[sp++] = 0;
        entry.mark = 1;
        while (sp > 0) {
            BasicBlock b = stack[sp - 1];
            int i = next[sp - 1];
            if (i < b.successors.size()) {
                next[sp - 1] = i + 1;
                BasicBlock t = b.successors.get(i).target();
                if (t.mark == 0) {
                    t.mark = 1;
                    stack[sp] = t;
                    next[sp++] = 0;
                } else if (t.mark == 1) {
                    loopHeads.add(t);
                }
            } else {
                b.mark = 2;
                post.add(b);
                sp--;
            }
        }
        // The exits have no successors, so putting them last keeps the order a reverse post-order.
        List<BasicBlock> rpo = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) {
            BasicBlock b = post.get(i);
            if (b != exit && b != exceptionalExit) {
                rpo.add(b);
            }
        }
        if (exit.mark == 2) {
            rpo.add(exit);
        }
        if (exceptionalExit.mark == 2) {
            rpo.add(exceptionalExit);
        }
        // Unreachable code keeps its blocks (so every statement has one); empty unreachable blocks go.
        List<BasicBlock> ordered = new ArrayList<>(kept.size());
        ordered.addAll(rpo);
        for (BasicBlock b : kept) {
            if (b.mark == 0 && (b == exit || b == exceptionalExit || !b.elements.isEmpty())) {
                ordered.add(b);
                b.mark = 3;
            }
        }
        for (BasicBlock b : ordered) {
            b.successors.removeIf(e -> e.target().mark == 0);
            for (Edge e : b.successors) {
                e.target().predecessors.add(b);
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            BasicBlock b = ordered.get(i);
            b.id = i;
            b.forward = null;
        }
        return new ControlFlowGraph(scope, ordered, entry, exit, exceptionalExit, rpo, loopHeads);
    }

    private static void dedupe(List<Edge> edges) {
        for (int i = edges.size() - 1; i > 0; i--) {
            Edge e = edges.get(i);
            for (int j = 0; j < i; j++) {
                if (edges.get(j).target() == e.target() && edges.get(j).kind() == e.kind()) {
                    edges.remove(i);
                    break;
                }
            }
        }
    }

    /** Follows empty blocks whose only way out is one NORMAL edge (memoised in {@code forward}). */
    private void forwardOf(BasicBlock b) {
        List<BasicBlock> path = null;
        BasicBlock at = b;
        int guard = 0;
        while (at.forward == null) {
            if (at == exit || at == exceptionalExit || !at.elements.isEmpty() || at.successors.size() != 1
                    || at.successors.get(0).kind() != EdgeKind.NORMAL || guard++ > blocks.size()) {
                at.forward = at;
                break;
            }
            if (path == null) {
                path = new ArrayList<>();
            }
            path.add(at);
            at = at.successors.get(0).target();
        }
        BasicBlock target = at.forward;
        if (path != null) {
            for (BasicBlock p : path) {
                p.forward = target;
            }
        }
    }
}
