package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.CopyFact;
import dev.memlens.analysis.IdentityVerdict;
import dev.memlens.analysis.MutationFact;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Origin;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.RefCount;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens in memory at the cursor, in plain words and exact for CPython: on a name (which object, its type
 * and mutability, where it was made, who else holds it, its reference count, which scope the name resolves to), an
 * assignment (binds, no copy), a call that changes or copies an object, {@code is}, {@code del} and
 * {@code global}. What the analysis only may know is worded "may".
 */
public final class MemoryHover implements HoverProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Optional<HoverItem> hover(DocumentAnalysis analysis, int offset, Settings settings, Cancellation cancel) {
        FactIndex index = analysis.index();
        Stmt stmt = index.statementAt(offset);
        if (stmt == null || analysis.facts() == null) {
            return Optional.empty();
        }
        List<Node> path = index.pathAt(offset);
        Node at = path.isEmpty() ? null : path.get(path.size() - 1);
        if (stmt instanceof Stmt.Global g) {
            return global(analysis, g, offset);
        }
        if (stmt instanceof Stmt.Delete d && (at == d || at instanceof Expr.Name)) {
            return delete(analysis, d, at instanceof Expr.Name n ? n : null);
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            Node n = path.get(i);
            if (n instanceof Expr.Compare c && c.ops().stream().anyMatch(o -> o == CmpOperator.IS
                    || o == CmpOperator.IS_NOT) && !(at instanceof Expr.Name)) {
                return identity(analysis, c);
            }
            if (n instanceof Expr.Call call && (at == call || at instanceof Identifier
                    || at == call.func() || call.func() instanceof Expr.Attribute a && a.attr() == at)) {
                Optional<HoverItem> h = call(analysis, stmt, call);
                if (h.isPresent()) {
                    return h;
                }
            }
        }
        if (at instanceof Expr.Name name) {
            return name(analysis, stmt, name);
        }
        return Optional.empty();
    }

    private Optional<HoverItem> name(DocumentAnalysis analysis, Stmt stmt, Expr.Name name) {
        FactIndex index = analysis.index();
        StringBuilder md = new StringBuilder();
        boolean store = name.ctx() == dev.memlens.syntax.ast.Ctx.STORE;
        StatementFacts after = index.after(stmt);
        Pts pts = analysis.facts() == null ? null : analysis.facts().pointsTo(name);
        if (pts == null && after != null) {
            pts = after.pointsTo().get(name.id());
        }
        md.append("**").append(name.id()).append("**");
        String scope = scopeLine(analysis, name);
        if (scope != null) {
            md.append(" — ").append(scope);
        }
        md.append("\n\n");
        String cut = after == null ? cutHere(analysis, stmt) : null;
        if (cut != null) {
            // silence must not pass for "nothing to report": say that the analysis stopped before this line
            md.append(cut);
            return Optional.of(new HoverItem(md.toString(), name.span()));
        }
        if (pts == null || pts.withoutUnbound().isEmpty()) {
            md.append(pts != null && pts.maybeUnbound() ? "Not bound here: using it raises `NameError`/"
                    + "`UnboundLocalError`." : "The analysis has no facts about this name here.");
            return Optional.of(new HoverItem(md.toString(), name.span()));
        }
        AbstractObject o = index.single(pts);
        if (store && stmt instanceof Stmt.Assign a) {
            md.append(assignment(analysis, a, name, pts, after)).append("\n\n");
        }
        if (o != null) {
            md.append(objectLines(analysis, o));
        } else {
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < pts.size(); i++) {
                if (pts.get(i) != Pts.UNBOUND_ID) {
                    kinds.add(Names.describe(analysis, analysis.facts().object(pts.get(i))));
                }
            }
            md.append("May refer to any of ").append(kinds.size()).append(" objects (depending on the path taken): ")
                    .append(String.join(", ", kinds)).append(".\n\n");
            if (pts.maybeUnbound()) {
                md.append("On some paths it is not bound at all.\n\n");
            }
        }
        if (after != null) {
            List<String> group = RefcountHints.groupOf(after, name.id());
            boolean scalar = index.allScalar(pts);
            if (group.size() > 1) {
                md.append(scalar ? "The same cached object is also named: " : "Also held by: ")
                        .append(code(others(group, name.id()))).append(".\n\n");
            }
            // a name that certainly shares the object is not also listed as "may" (a may group can hold it)
            java.util.Set<String> mayNames = new java.util.LinkedHashSet<>();
            for (List<String> pair : after.mayAlias()) {
                if (pair.contains(name.id())) {
                    mayNames.addAll(others(pair, name.id()));
                }
            }
            for (StatementFacts.Across a : after.mayAliasAcross()) {
                if (a.left().contains(name.id())) {
                    mayNames.addAll(a.right());
                } else if (a.right().contains(name.id())) {
                    mayNames.addAll(a.left());
                }
            }
            mayNames.removeAll(group);
            List<String> may = new ArrayList<>(mayNames);
            if (!may.isEmpty()) {
                md.append("May also be the object of: ").append(code(may)).append(" (on some paths).\n\n");
            }
            RefCount rc = after.refcounts().get(name.id());
            if (rc != null) {
                md.append(refcountLine(name.id(), rc, group, GetrefcountPrediction.of(rc, analysis.target(),
                        GetrefcountPrediction.borrowed(analysis.scopes(), name, analysis.target()))))
                        .append("\n\n");
            }
            if (o != null && group.size() > 1 && !scalar) {
                md.append("```text\n").append(drawing(analysis, group, o)).append("\n```\n");
            }
        }
        return Optional.of(new HoverItem(md.toString().strip(), name.span()));
    }

    private static String assignment(DocumentAnalysis analysis, Stmt.Assign a, Expr.Name target, Pts pts,
                                     StatementFacts after) {
        FactIndex index = analysis.index();
        AbstractObject o = index.single(pts);
        String type = o == null ? "object" : o.typeName();
        Expr value = a.value();
        if (value instanceof Expr.Name src && !src.id().equals(target.id())) {
            Span where = Names.boundAt(analysis, src.id(), a.span().start(), a.span().start(), pts);
            String line = where == null ? "" : " (line " + Names.line(analysis, where.start()) + ")";
            String refs = after == null ? "" : " References: " + code(RefcountHints.groupOf(after, target.id()))
                    + ".";
            if (index.allScalar(pts)) {
                return "Binds `" + target.id() + "` to the same `" + type + "` as `" + src.id() + "`" + line
                        + ". It cannot change in place, so sharing it is harmless: rebinding either name leaves the "
                        + "other alone.";
            }
            return "Binds `" + target.id() + "` to the same `" + type + "` as `" + src.id() + "`" + line
                    + ". No copy is made: changes through `" + target.id() + "` are seen through `" + src.id()
                    + "`." + refs;
        }
        CopyFact copy = analysis.facts() == null ? null : analysis.facts().copyAt(value);
        if (copy != null) {
            return "Binds `" + target.id() + "` to a new `" + type + "`, a **" + copy.depth().name().toLowerCase()
                    + "** copy" + (copy.depth() == CopyFact.Depth.SHALLOW && copy.sharedMutables() > 0
                    ? " that shares " + copy.sharedMutables() + " mutable item" + (copy.sharedMutables() == 1 ? ""
                    : "s") + " with the original: changing them through either is seen through both."
                    : copy.depth() == CopyFact.Depth.DEEP ? ": nothing mutable is shared with the original."
                    : ": none of the shared items can change in place.");
        }
        if (o != null && o.origin() == Origin.ALLOCATED && o.site() != null
                && value.span().covers(o.site().span())) {
            return "Binds `" + target.id() + "` to a new `" + type + "` created here.";
        }
        if (o != null && (o.origin() == Origin.SINGLETON || o.origin() == Origin.CONSTANT)) {
            return "Binds `" + target.id() + "` to the `" + type + "` " + o.label() + (o.origin() == Origin.SINGLETON
                    ? ", a cached object CPython reuses everywhere." : ", a constant of the compiled code.");
        }
        return "Binds `" + target.id() + "` to the result (`" + type + "`); no copy is made by the assignment.";
    }

    private static String objectLines(DocumentAnalysis analysis, AbstractObject o) {
        StringBuilder md = new StringBuilder();
        md.append("Object: `").append(o.typeName()).append("`, ")
                .append(o.kind() == ObjKind.UNKNOWN ? "unknown mutability" : o.kind().mutable() ? "mutable"
                        : "immutable");
        switch (o.origin()) {
            case ALLOCATED -> {
                if (o.site() != null) {
                    md.append(", created on line ").append(Names.line(analysis, o.site().span().start()));
                }
                if (o.summary()) {
                    md.append(" (one of several made there, e.g. in a loop)");
                }
            }
            case SINGLETON -> md.append(", a cached singleton (").append(o.label()).append(")");
            case CONSTANT -> md.append(", a constant of the compiled code");
            case BUILTIN -> md.append(", a builtin");
            case UNKNOWN -> md.append(o.accessPath() == null
                    ? ", from code the analysis cannot see (it may be shared with anything)"
                    : o.label().startsWith("parameter ") ? ", the caller's object passed as `" + o.accessPath() + "`"
                    + " (the caller may also hold it elsewhere)"
                    : ", the object at `" + o.accessPath() + "` when it was read (it came from outside the function)");
        }
        md.append(".\n\n");
        return md.toString();
    }

    private static String refcountLine(String name, RefCount rc, List<String> group, GetrefcountPrediction p) {
        if (rc.immortal()) {
            return p.target().atLeast(dev.memlens.syntax.PythonVersion.PY312)
                    ? "Reference count: not a count — the object is immortal (CPython 3.12+) or held by the "
                    + "compiled code; `sys.getrefcount(" + name + ")` prints a large fixed number."
                    : "Reference count: not a count — the object is shared by the whole interpreter or held by the "
                    + "compiled code; `sys.getrefcount(" + name + ")` prints a large count (CPython " + p.target()
                    + ").";
        }
        return "References: " + RefcountHints.count(rc) + " (" + code(group)
                + (rc.lo() > group.size() ? " and container slots or attributes" : "") + "). `sys.getrefcount("
                + name + ")` prints " + p.printed() + (p.borrowed()
                ? ": CPython " + p.target() + " passes a local variable without a new reference."
                : ": its argument is one more reference while it runs.");
    }

    /** Names on the left, one arrow to the object: its type and where it was made ("list, line 3"). */
    private static String drawing(DocumentAnalysis analysis, List<String> group, AbstractObject o) {
        int width = group.stream().mapToInt(String::length).max().orElse(1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < group.size(); i++) {
            String n = group.get(i);
            sb.append(n).append(" ".repeat(width - n.length()));
            if (i == group.size() - 1) {
                // the label repeats the type ("list display"): the line tells the objects apart instead
                sb.append(" ─┴─▶ ").append(o.typeName()).append(o.site() == null ? ""
                        : ", line " + Names.line(analysis, o.site().span().start()));
            } else {
                sb.append(i == 0 ? " ─┐" : " ─┤").append('\n');
            }
        }
        return sb.toString();
    }

    private Optional<HoverItem> call(DocumentAnalysis analysis, Stmt stmt, Expr.Call call) {
        if (analysis.facts() == null) {
            return Optional.empty();
        }
        StringBuilder md = new StringBuilder();
        CopyFact copy = analysis.facts().copyAt(call);
        if (copy != null) {
            md.append(copy.depth() == CopyFact.Depth.DEEP
                    ? "**Deep copy**: new objects all the way down; nothing mutable is shared with the original."
                    : "**Shallow copy**: a new outer container whose items are the *same* objects as the "
                    + "original's" + (copy.sharedMutables() > 0 ? "; " + copy.sharedMutables() + " of them "
                    + (copy.sharedMutables() == 1 ? "is" : "are") + " mutable, so changes to "
                    + (copy.sharedMutables() == 1 ? "it" : "them") + " show in both." : "; none can change."));
        }
        List<String> sure = new ArrayList<>();
        List<String> maybe = new ArrayList<>();
        boolean mutates = false;
        for (MutationFact m : analysis.facts().mutations()) {
            if (m.site() == call || m.site().span().equals(call.span())) {
                mutates = true;
                (m.certain() ? sure : maybe).addAll(m.mustSee());
                maybe.addAll(m.maySee());
            }
        }
        if (mutates) {
            maybe.removeAll(sure);
            md.append(md.length() > 0 ? "\n\n" : "").append(sure.isEmpty() ? "May change" : "Changes")
                    .append(" an object **in place** (no new object). ");
            if (!sure.isEmpty()) {
                md.append("Seen through: ").append(code(dedupe(sure))).append(". ");
            }
            if (!maybe.isEmpty()) {
                md.append("May be seen through: ").append(code(dedupe(maybe))).append(".");
            }
        }
        if (RefcountHints.isGetrefcount(call) && call.args().size() == 1 && call.args().get(0) instanceof Expr.Name a) {
            StatementFacts sf = analysis.index().after(stmt);
            RefCount rc = sf == null ? null : sf.refcounts().get(a.id());
            if (rc != null) {
                GetrefcountPrediction p = GetrefcountPrediction.of(rc, analysis.target(),
                        GetrefcountPrediction.borrowed(analysis.scopes(), a, analysis.target()));
                md.append(md.length() > 0 ? "\n\n" : "").append(rc.immortal()
                        ? "`" + a.id() + "`: " + p.why()
                        : "Prints " + p.printed() + ": " + RefcountHints.count(rc) + " reference(s) held by the "
                        + "program" + (p.borrowed() ? " (CPython " + p.target() + " borrows a local variable's "
                        + "reference for the argument)." : ", plus one for `getrefcount`'s own argument."));
            }
        }
        return md.length() == 0 ? Optional.empty() : Optional.of(new HoverItem(md.toString(), call.span()));
    }

    private Optional<HoverItem> identity(DocumentAnalysis analysis, Expr.Compare c) {
        IdentityVerdict v = analysis.facts() == null ? null : analysis.facts().identity(c);
        String md = "`is` asks whether both sides are **one object** (same `id()`), not whether they are equal.";
        if (v != null) {
            md += "\n\nHere it is " + switch (v.answer()) {
                case SAME -> "always **True**";
                case DIFFERENT -> "always **False**";
                case DEPENDS -> "**not fixed**: it may be True or False";
            } + ": " + v.reason() + ".";
        }
        return Optional.of(new HoverItem(md, c.span()));
    }

    private Optional<HoverItem> delete(DocumentAnalysis analysis, Stmt.Delete d, Expr.Name name) {
        StatementFacts before = analysis.index().before(d);
        StatementFacts after = analysis.index().after(d);
        StringBuilder md = new StringBuilder("`del` removes a **name** (or a slot), not the object. ");
        if (name != null) {
            md.append("`").append(name.id()).append("` is unbound from here on. ");
            if (before != null) {
                List<String> group = RefcountHints.groupOf(before, name.id());
                List<String> rest = others(group, name.id());
                if (!rest.isEmpty()) {
                    md.append("The object stays alive: ").append(code(rest)).append(" still refer")
                            .append(rest.size() == 1 ? "s" : "").append(" to it.");
                } else {
                    RefCount rc = before.refcounts().get(name.id());
                    md.append(rc != null && rc.exact() && rc.lo() == 1
                            ? "It was the last reference: CPython frees the object now."
                            : "The object is freed when nothing else refers to it.");
                }
            }
        }
        if (after == null && before == null) {
            md.append("(No facts about this statement.)");
        }
        return Optional.of(new HoverItem(md.toString().strip(), name == null ? d.span() : name.span()));
    }

    private Optional<HoverItem> global(DocumentAnalysis analysis, Stmt.Global g, int offset) {
        String names = g.names().stream().map(Identifier::name).reduce((x, y) -> x + "`, `" + y).orElse("");
        Scope scope = analysis.scopes() == null ? null : analysis.scopes().scopeAt(g.span().start());
        String where = scope == null || scope.kind() == ScopeKind.MODULE ? "this scope" : "`" + scope.qualname()
                + "`";
        String md = "`global " + names.replace("`, `", ", ") + "`: in " + where + ", `" + names
                + "` means the module's variable. Assignments here rebind the module-level name instead of creating "
                + "a local one.";
        return Optional.of(new HoverItem(md, g.span()));
    }

    /** "global of the module", "local of `modify` (shadows the global `x`)", ... from the scope analysis. */
    /**
     * Why a statement has no facts when the analysis of its function (or of the module) was cut: null when it was
     * not cut.
     */
    private static String cutHere(DocumentAnalysis analysis, Stmt stmt) {
        if (analysis.scopes() == null || analysis.facts().partials().isEmpty()) {
            return null;
        }
        Scope s = analysis.scopes().scopeAt(stmt.span().start());
        while (s != null && s.kind() != ScopeKind.MODULE && s.kind() != ScopeKind.FUNCTION
                && s.kind() != ScopeKind.LAMBDA) {
            s = s.parent();
        }
        String scope = s == null || s.kind() == ScopeKind.MODULE ? "<module>" : s.qualname();
        List<PartialAnalysis> cuts = analysis.facts().partials(scope);
        if (cuts.isEmpty()) {
            return null;
        }
        String where = scope.equals("<module>") ? "the module" : "`" + scope + "`";
        return "The analysis of " + where + " was cut (" + cuts.get(0).detail() + "): it claims nothing about "
                + "this line, which does not mean there is nothing to report.";
    }

    private static String scopeLine(DocumentAnalysis analysis, Expr.Name name) {
        if (analysis.scopes() == null) {
            return null;
        }
        Resolution r = analysis.scopes().resolve(name);
        if (r == null) {
            r = analysis.scopes().nameAt(name.span().start());
        }
        if (r == null) {
            return null;
        }
        Scope s = r.scope();
        String owner = s == null || s.kind() == ScopeKind.MODULE ? "the module" : "`" + s.qualname() + "`";
        return switch (r.kind()) {
            case LOCAL -> {
                boolean shadows = s != null && s.kind() != ScopeKind.MODULE
                        && analysis.scopes().globallyBound().contains(name.id());
                yield "local variable of " + owner + (shadows ? " (shadows the global `" + name.id() + "`)" : "");
            }
            case CLASS -> "class attribute of " + owner;
            case ENCLOSING -> "variable of the enclosing function `"
                    + (r.target() == null ? "?" : r.target().qualname()) + "` (a closure cell)";
            case GLOBAL -> "module global";
            case BUILTIN -> "builtin";
            case UNRESOLVED -> "not defined anywhere in this file (NameError unless star-imported)";
        };
    }

    private static List<String> others(List<String> group, String name) {
        List<String> out = new ArrayList<>(group);
        out.remove(name);
        return out;
    }

    private static List<String> dedupe(List<String> names) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(names));
    }

    private static String code(List<String> names) {
        return names.isEmpty() ? "nothing" : "`" + String.join("`, `", names) + "`";
    }
}
