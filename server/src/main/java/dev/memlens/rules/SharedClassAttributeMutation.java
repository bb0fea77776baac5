package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.rules.support.AnalysisObjectFacts;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MEM202: {@code class C: items = []} and {@code self.items.append(x)} in a method. */
public final class SharedClassAttributeMutation extends BaseRule {

    public SharedClassAttributeMutation() {
        super("MEM202", "shared-class-attribute-mutation", Severity.WARNING,
                "a mutable class attribute is mutated through an instance");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds methods that mutate a mutable class attribute through `self` (`self.items.append(x)`,
                `self.items[k] = v`, `self.items += [x]`) when no method ever gives the instance an attribute of
                that name.

                ## Why is this bad
                An attribute assigned in the class body lives on the class: every instance reads the SAME object
                until it gets an instance attribute of that name. Mutating it through one instance changes it for
                all instances (and subclasses).

                ## Example
                ```python
                class Basket:
                    items = []

                    def add(self, item):
                        self.items.append(item)

                a, b = Basket(), Basket()
                a.add("apple")
                print(b.items)  # ['apple']
                ```

                ## Use instead
                ```python
                class Basket:
                    def __init__(self):
                        self.items = []

                    def add(self, item):
                        self.items.append(item)
                ```

                ## Fix safety
                The fix moves the attribute into `__init__` (creating `__init__` when the class has no bases and
                none exists). It is unsafe: code that reads `Basket.items` on the class, or relies on the sharing,
                changes behaviour.

                ## Known limits
                Only attributes assigned a display or constructor call in the class body are considered, and the
                class must never assign `self.<name>` anywhere. An annotated one (`items: list[str] = []`) counts
                in a plain class; in a class with a decorator, a metaclass or a base defined elsewhere (dataclasses,
                pydantic, attrs, ORM models) it declares a field the framework handles, and `ClassVar[...]` (or
                `Final[...]`, a constant) says the sharing is meant, so those are not reported. An attribute that
                is only declared and read is not reported. An attribute the code also reaches through the
                class (`Basket.items`, `cls.items`, `type(self).items`), or whose name says it is a cache or a
                registry, is taken as deliberately shared. Deliberately shared registries should be accessed
                as `type(self).items` or `Basket.items`, which are not reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        List<Stmt.ClassDef> classes = new ArrayList<>();
        ctx.forEach(Stmt.ClassDef.class, classes::add);
        if (classes.isEmpty()) {
            return;
        }
        // attribute name -> the receivers it is reached through at class level (`C.x`, `cls.x`, `type(o).x`)
        Map<String, java.util.Set<String>> classLevel = new java.util.HashMap<>();
        ctx.forEach(Expr.Attribute.class, a -> {
            Expr v = a.value();
            String via = v instanceof Expr.Name nm ? nm.id()
                    : v instanceof Expr.Attribute va ? va.attr().name()
                    : v instanceof Expr.Call call && call.func() instanceof Expr.Name fn && fn.id().equals("type")
                    ? "type()" : null;
            if (via != null) {
                classLevel.computeIfAbsent(a.attr().name(), k -> new java.util.HashSet<>()).add(via);
            }
        });
        for (Stmt.ClassDef c : classes) {
            checkClass(ctx, out, c, classLevel);
        }
    }

    /** A class attribute bound once in the class body; {@code annotation} is null for a plain assignment. */
    private record ClassAttr(Stmt stmt, Expr.Name target, Expr annotation, Expr value, ObjectKind kind) {}

    private void checkClass(RuleContext ctx, FindingSink out, Stmt.ClassDef c,
                            Map<String, java.util.Set<String>> classLevel) {
        Map<String, ClassAttr> attrs = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Stmt s : c.body()) {
            if (s instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) {
                    if (t instanceof Expr.Name nm) {
                        counts.merge(nm.id(), 1, Integer::sum);
                        ObjectKind k = kindOf(ctx, as.value());
                        if (k != null && Patterns.MUTATORS.containsKey(k) && as.targets().size() == 1) {
                            attrs.put(nm.id(), new ClassAttr(as, nm, null, as.value(), k));
                        }
                    }
                }
            } else if (s instanceof Stmt.AnnAssign an && an.target() instanceof Expr.Name nm) {
                if (an.value() == null) {
                    continue; // a declaration: binds nothing
                }
                counts.merge(nm.id(), 1, Integer::sum);
                ObjectKind k = kindOf(ctx, an.value());
                if (k != null && Patterns.MUTATORS.containsKey(k) && plainClass(ctx, c) && !declaredShared(an)) {
                    attrs.put(nm.id(), new ClassAttr(an, nm, an.annotation(), an.value(), k));
                }
            }
        }
        attrs.keySet().removeIf(k -> counts.getOrDefault(k, 0) > 1 || k.equals("__slots__")
                || k.toLowerCase(java.util.Locale.ROOT).contains("cache")
                || k.toLowerCase(java.util.Locale.ROOT).contains("registry"));
        if (attrs.isEmpty()) {
            return;
        }
        for (Stmt s : c.body()) {
            if (s instanceof Stmt.FunctionDef f && f.name().name().equals("__slots__")) {
                return;
            }
        }
        // any instance assignment `<x>.name = ...` in the class makes the attribute per-instance somewhere
        Ast.walk(c, n -> {
            if (n instanceof Expr.Attribute a && a.ctx() != Ctx.LOAD) {
                attrs.remove(a.attr().name());
            }
            if (n instanceof Expr.Call call && call.func() instanceof Expr.Name fn
                    && (fn.id().equals("setattr") || fn.id().equals("delattr"))) {
                attrs.clear();
            }
        });
        if (attrs.isEmpty()) {
            return;
        }
        // `C.items`, `cls.items`, `type(self).items`, `self.__class__.items` anywhere: the author treats it as shared
        String cname = c.name().name();
        attrs.keySet().removeIf(k -> {
            java.util.Set<String> via = classLevel.getOrDefault(k, java.util.Set.of());
            return via.contains(cname) || via.contains("cls") || via.contains("__class__") || via.contains("type()");
        });
        if (attrs.isEmpty()) {
            return;
        }
        for (Stmt s : c.body()) {
            if (!(s instanceof Stmt.FunctionDef f) || !isInstanceMethod(f)) {
                continue;
            }
            String self = selfName(f);
            if (self == null) {
                continue;
            }
            Ast.walk(f, n -> {
                if (!(n instanceof Expr.Attribute a) || !(a.value() instanceof Expr.Name r) || !r.id().equals(self)
                        || a.ctx() != Ctx.LOAD) {
                    return;
                }
                ClassAttr attr = attrs.get(a.attr().name());
                if (attr == null) {
                    return;
                }
                String how = mutation(ctx, a, attr.kind());
                if (how == null) {
                    return;
                }
                String msg = q(self + "." + attr.target().id()) + " is the " + attr.kind().label() + " "
                        + q(Patterns.excerpt(ctx, attr.value())) + " assigned in the body of class "
                        + q(c.name().name()) + " (line " + ctx.line(attr.stmt()) + "), shared by all its instances; "
                        + how + " changes it for every instance";
                out.report(finding(new dev.memlens.syntax.ast.Span(a.span().start(), endOfUse(ctx, a)), msg,
                        List.of(new Related(attr.stmt().span(), "the class attribute")),
                        fixes(ctx, c, attr)));
            });
        }
    }

    /**
     * Whether an annotated class attribute is an ordinary one: in a dataclass, a model class (pydantic, attrs,
     * msgspec, ORM declaratives: a decorator, a metaclass or a base from elsewhere) an annotated assignment
     * declares a field whose default is handled per instance, or refused, by the framework.
     */
    private static boolean plainClass(RuleContext ctx, Stmt.ClassDef c) {
        if (!c.decorators().isEmpty() || !c.keywords().isEmpty()) {
            return false;
        }
        for (Expr b : c.bases()) {
            if (b instanceof Expr.Name n && n.id().equals("object")) {
                continue;
            }
            Stmt.ClassDef base = b instanceof Expr.Name n ? classNamed(ctx, n.id()) : null;
            if (base == null || base == c || !plainClass(ctx, base)) {
                return false;
            }
        }
        return true;
    }

    private static Stmt.ClassDef classNamed(RuleContext ctx, String name) {
        Stmt.ClassDef[] found = {null};
        int[] count = {0};
        ctx.forEach(Stmt.ClassDef.class, c -> {
            if (c.name().name().equals(name)) {
                found[0] = c;
                count[0]++;
            }
        });
        return count[0] == 1 ? found[0] : null;
    }

    /** {@code ClassVar[...]} (and {@code Final}) say the sharing is meant. */
    private static boolean declaredShared(Stmt.AnnAssign an) {
        Expr t = an.annotation() instanceof Expr.Subscript sub ? sub.value() : an.annotation();
        String name = Ast.dotted(t);
        if (name == null) {
            return an.annotation() instanceof Expr.Constant; // a string annotation: read it as unknown intent
        }
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.equals("ClassVar") || last.equals("Final");
    }

    private static int endOfUse(RuleContext ctx, Expr.Attribute a) {
        Node p = ctx.parent(a);
        if (p instanceof Expr.Attribute m && ctx.parent(m) instanceof Expr.Call call) {
            return call.span().end();
        }
        return a.span().end();
    }

    private static final java.util.Set<String> MAYBE_MUTABLE = java.util.Set.of("list", "dict", "set", "bytearray",
            "defaultdict", "OrderedDict", "Counter");

    private static ObjectKind kindOf(RuleContext ctx, Expr value) {
        ObjectKind k = AnalysisObjectFacts.displayKind(value);
        if (k != null) {
            return k;
        }
        if (value instanceof Expr.Call call && call.args().isEmpty() && call.keywords().isEmpty()) {
            // `list()` of the builtin: the scope tree alone tells; other callees only when they may make one of
            // the mutable kinds the rule follows (instances of user classes never count)
            String callee = Ast.dotted(call.func());
            if (callee == null || !MAYBE_MUTABLE.contains(callee.substring(callee.lastIndexOf('.') + 1))) {
                return null;
            }
            ObjectFacts.Allocation a = ctx.objects().mustPointTo(call);
            return a == null ? null : a.kind();
        }
        return null;
    }

    private static boolean isInstanceMethod(Stmt.FunctionDef f) {
        for (Expr d : f.decorators()) {
            String name = Ast.dotted(d instanceof Expr.Call call ? call.func() : d);
            if (name != null && (name.equals("staticmethod") || name.equals("classmethod")
                    || name.endsWith("classmethod"))) {
                return false;
            }
        }
        return true;
    }

    private static String selfName(Stmt.FunctionDef f) {
        List<Arg> ps = new ArrayList<>(f.args().posonlyargs());
        ps.addAll(f.args().args());
        return ps.isEmpty() ? null : ps.get(0).name();
    }

    /** How `self.attr` is mutated here, or null. */
    private static String mutation(RuleContext ctx, Expr.Attribute a, ObjectKind kind) {
        Node p = ctx.parent(a);
        String text = ctx.text(a);
        if (p instanceof Expr.Attribute m && m.value() == a && ctx.parent(m) instanceof Expr.Call call
                && call.func() == m && Patterns.mutates(kind, m.attr().name())) {
            return q(text + "." + m.attr().name() + "(...)");
        }
        if (p instanceof Expr.Subscript s && s.value() == a && s.ctx() != Ctx.LOAD) {
            return s.ctx() == Ctx.DEL ? "deleting an item of " + q(text) : "assigning an item of " + q(text);
        }
        return null;
    }

    private List<Fix> fixes(RuleContext ctx, Stmt.ClassDef c, ClassAttr attr) {
        if (Patterns.mentionsNames(attr.value()) || !ctx.startsLine(attr.stmt().span().start())) {
            return List.of();
        }
        String text = ctx.text();
        int lineStart = ctx.lineStartOf(attr.stmt().span().start());
        int lineEnd = attr.stmt().span().end();
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n') {
            if (!Character.isWhitespace(text.charAt(lineEnd))) {
                return List.of();
            }
            lineEnd++;
        }
        if (lineEnd < text.length()) {
            lineEnd++;
        }
        // uses outside the instance methods (`C.items`, `cls.items`) would break
        boolean[] outsideUse = {false};
        ctx.forEach(Expr.Attribute.class, a -> {
            if (a.attr().name().equals(attr.target().id())
                    && a.value() instanceof Expr.Name r && (r.id().equals(c.name().name()) || r.id().equals("cls"))) {
                outsideUse[0] = true;
            }
        });
        for (Stmt s : c.body()) {
            if (s != attr.stmt() && Patterns.mentions(s, attr.target().id()) && !(s instanceof Stmt.FunctionDef)) {
                outsideUse[0] = true;
            }
        }
        if (outsideUse[0]) {
            return List.of();
        }
        String name = attr.target().id();
        String value = ctx.text(attr.value());
        String annotation = attr.annotation() == null ? "" : ": " + ctx.text(attr.annotation());
        String nl = ctx.newline();
        String indent = ctx.indentAt(attr.stmt().span().start());
        Stmt.FunctionDef init = null;
        for (Stmt s : c.body()) {
            if (s instanceof Stmt.FunctionDef f && f.name().name().equals("__init__")) {
                init = f;
            }
        }
        List<TextEdit> edits = new ArrayList<>();
        if (init != null) {
            String self = selfName(init);
            Patterns.Insertion ins = Patterns.bodyStart(ctx, init.body());
            if (self == null || ins == null || ins.offset() < 0) {
                return List.of();
            }
            edits.add(new TextEdit(lineStart, lineEnd, ""));
            edits.add(TextEdit.insert(ins.offset(), ins.indent() + self + "." + name + annotation + " = " + value
                    + nl));
        } else {
            if (!c.bases().isEmpty() || !c.keywords().isEmpty()) {
                return List.of();
            }
            String unit = Patterns.indentUnit(ctx.indentAt(c.span().start()), indent);
            edits.add(new TextEdit(lineStart, lineEnd, indent + "def __init__(self):" + nl + indent + unit + "self."
                    + name + annotation + " = " + value + nl));
        }
        return List.of(Fix.unsafe("Make " + q(name) + " an instance attribute set in `__init__`", edits));
    }
}
