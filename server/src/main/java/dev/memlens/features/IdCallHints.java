package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Learning profile: what each {@code id(name)} call returns, compared with the earlier ones. {@code id(y)} after
 * {@code id(x)} of the same object shows {@code same id as x}; a later {@code id(nums)} of the list changed in place
 * shows {@code same id as line 32}; {@code id(x)} after {@code x} was rebound shows {@code id changes: new object};
 * the first one shows whose id it is. Only calls in straight-line code ({@link StraightLine}) are compared, so
 * "earlier" means earlier on every run.
 */
public final class IdCallHints implements InlayHintProvider {

    private record Seen(String name, int object, int line, Stmt stmt) {
    }

    @Override
    public HintCategory category() {
        return HintCategory.IDENTITY;
    }

    @Override
    public boolean learning() {
        return true;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
        }
        List<InlayHintItem> out = new ArrayList<>();
        for (List<Stmt> run : StraightLine.runs(analysis.parse().module())) {
            cancel.check();
            if (run.get(0).span().start() > range.end()) {
                continue;
            }
            List<Seen> seen = new ArrayList<>();
            for (Stmt s : run) {
                if (s.span().start() > range.end()) {
                    break;
                }
                for (Expr.Call call : idCalls(analysis, s)) {
                    Expr.Name arg = (Expr.Name) call.args().get(0);
                    AbstractObject o = analysis.index().single(analysis.facts().pointsTo(arg));
                    if (o == null || o.summary()) {
                        continue; // many objects, or not known: nothing to say for sure
                    }
                    Seen now = new Seen(arg.id(), o.id(), Names.line(analysis, call.span().start()), s);
                    InlayHintItem hint = hint(analysis, s, call, now, o, seen);
                    seen.add(now);
                    if (hint != null && call.span().end() >= range.start()) {
                        out.add(hint);
                    }
                }
            }
        }
        return out;
    }

    private static InlayHintItem hint(DocumentAnalysis analysis, Stmt s, Expr.Call call, Seen now, AbstractObject o,
                                      List<Seen> seen) {
        String what = what(analysis, o);
        String label;
        String tooltip;
        Seen sameHere = null;
        Seen sameBefore = null;
        Seen nameBefore = null;
        for (Seen e : seen) {
            if (e.object() == now.object()) {
                if (e.stmt() == s) {
                    sameHere = sameHere == null ? e : sameHere;
                } else if (sameBefore == null || !sameBefore.name().equals(now.name())) {
                    sameBefore = e; // the latest, preferring one of the same name
                }
            }
            if (e.name().equals(now.name())) {
                nameBefore = e;
            }
        }
        if (sameHere != null && !sameHere.name().equals(now.name())) {
            label = "same id as " + sameHere.name();
            tooltip = "`" + now.name() + "` and `" + sameHere.name() + "` name one object, the " + what
                    + ": `id()` returns the same number for both.";
        } else if (sameBefore != null) {
            label = "same id as " + (sameBefore.name().equals(now.name()) ? "" : sameBefore.name() + ", ")
                    + "line " + sameBefore.line();
            tooltip = "The same object as `id(" + sameBefore.name() + ")` on line " + sameBefore.line()
                    + ", the " + what + ": nothing in between made a new one"
                    + (o.kind().mutable() ? " (changing a list or dict in place keeps its identity)." : ".");
        } else if (nameBefore != null && nameBefore.object() != now.object()) {
            AbstractObject old = analysis.facts().object(nameBefore.object());
            if (alive(analysis, s, old)) {
                label = "id changes: new object";
                tooltip = "On line " + nameBefore.line() + " `" + now.name() + "` named the " + what(analysis, old)
                        + "; it was rebound since and now names the " + what
                        + ", another object. Both are alive, so their ids differ.";
            } else {
                label = "another object than line " + nameBefore.line();
                tooltip = "On line " + nameBefore.line() + " `" + now.name() + "` named the " + what(analysis, old)
                        + "; now it names the " + what + ". When the old object has been freed CPython may reuse "
                        + "its address, so the number can even repeat: an id is unique only among live objects.";
            }
        } else {
            label = "id of the " + what;
            tooltip = "`id()` returns the object's identity (in CPython, its address in memory), not anything "
                    + "about the name: every name bound to this " + o.typeName() + " gives the same number.";
        }
        if (label.length() > Names.MAX_LABEL + 10) {
            label = label.substring(0, Names.MAX_LABEL + 9) + "…";
        }
        return new InlayHintItem(call.span().end(), List.of(new LabelPart(label, tooltip, null)),
                HintCategory.IDENTITY, true, false);
    }

    /** The old object still exists: CPython keeps constants and cached values, and a name may still hold it. */
    private static boolean alive(DocumentAnalysis analysis, Stmt s, AbstractObject old) {
        if (old.origin() == Origin.SINGLETON || old.origin() == Origin.CONSTANT) {
            return true;
        }
        StatementFacts sf = analysis.index().after(s);
        if (sf == null) {
            return false;
        }
        for (Pts p : sf.pointsTo().values()) {
            if (p.contains(old.id()) && p.definitelyBound() && p.size() == 1) {
                return true;
            }
        }
        return false;
    }

    /** "int 100", "list (line 31)". */
    static String what(DocumentAnalysis analysis, AbstractObject o) {
        if (o.constant() != null && o.label() != null) {
            String value = o.label().length() <= 16 ? o.label() : o.label().substring(0, 12) + "…";
            return o.typeName() + " " + value;
        }
        return Names.describe(analysis, o);
    }

    /**
     * The {@code id(name)} calls of the statement, in source order, whose {@code id} is the builtin; not those in a
     * lambda or a comprehension, which run some other time or many times.
     */
    private static List<Expr.Call> idCalls(DocumentAnalysis analysis, Stmt s) {
        List<Expr.Call> out = new ArrayList<>();
        collect(analysis, s, out);
        return out;
    }

    private static void collect(DocumentAnalysis analysis, Node n, List<Expr.Call> out) {
        if (n instanceof Expr.Lambda || n instanceof Expr.ListComp || n instanceof Expr.SetComp
                || n instanceof Expr.DictComp || n instanceof Expr.GeneratorExp) {
            return;
        }
        if (n instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("id")
                && c.args().size() == 1 && c.keywords().isEmpty() && c.args().get(0) instanceof Expr.Name) {
            AbstractObject fn = analysis.index().single(analysis.facts().pointsTo(f));
            if (fn != null && "id".equals(fn.constant())) {
                out.add(c);
            }
        }
        for (Node kid : AstWalker.children(n)) {
            collect(analysis, kid, out);
        }
    }
}
