package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.BindingKind;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** MEM201: {@code def f(items=[]): items.append(1)}. */
public final class MutableDefaultArgument extends BaseRule {

    private static final Set<String> STORE_METHODS = Set.of("append", "add", "insert", "appendleft", "setdefault");

    public MutableDefaultArgument() {
        super("MEM201", "mutable-default-argument", Severity.WARNING,
                "a mutable default value that the function mutates or lets escape");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds parameters whose default value is a mutable object (a list, dict, set or bytearray display,
                comprehension or constructor call, a `collections` container — `deque()`, `Counter()`,
                `OrderedDict()`, `defaultdict(...)`, `ChainMap()`, `UserDict()`, `UserList()` — or
                `array.array(...)`, or a name bound to one) when the function mutates that parameter (`append`,
                `update`, item assignment, `+=`, ...), directly or through a local alias (`acc = items`), or lets
                it escape (returns or yields it, stores it in an attribute, a container or a global).

                ## Why is this bad
                A default value is evaluated once, when `def` runs. Every call that does not pass the argument gets
                the SAME object, so what one call appends is still there in the next call, and an object the
                function returned is changed behind the caller's back.

                ## Example
                ```python
                def append_to(item, items=[]):
                    items.append(item)
                    return items

                append_to(1)
                print(append_to(2))  # [1, 2]
                ```

                ## Use instead
                ```python
                def append_to(item, items=None):
                    if items is None:
                        items = []
                    items.append(item)
                    return items
                ```

                ## Fix safety
                The fix makes the default `None` and creates a fresh object at the top of the body
                (`if items is None: items = []`, after the docstring; a default given by name is copied). It is
                unsafe: callers that relied on the state kept between calls (a deliberate cache) or that pass
                `None` explicitly behave differently, and an annotation becomes `T | None`.

                ## Known limits
                A default that is only read is never reported, nor a parameter whose name starts with `_` (a
                deliberate cache such as `_cache={}`) or that names a cache or memo, nor a default that captures
                an enclosing function's variable (`def callback(x, acc=acc)`), nor any default of a function
                nested in another function (made anew on each call of the outer one, and used as per-call state).
                Mutation through a nested function, or by a callee that receives the parameter, is not seen; an
                alias counts only when it is bound once, to the parameter itself. Other mutable types made by a
                call (`weakref.WeakSet()`, user classes) are not reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Stmt.FunctionDef.class, f -> checkFunction(ctx, out, f));
    }

    private void checkFunction(RuleContext ctx, FindingSink out, Stmt.FunctionDef f) {
        Scope scope = ctx.scopeOf(f);
        for (Scope up = scope.parent(); up != null; up = up.parent()) {
            if (up.kind().isFunctionLike() && !up.kind().isAnnotationScope()) {
                return; // a nested def's defaults are made anew on each call of its enclosing function: per-call state
            }
        }
        List<Arg> positional = new ArrayList<>(f.args().posonlyargs());
        positional.addAll(f.args().args());
        List<Expr> defaults = f.args().defaults();
        int offset = positional.size() - defaults.size();
        for (int i = 0; i < defaults.size(); i++) {
            checkParam(ctx, out, f, scope, positional.get(offset + i), defaults.get(i));
        }
        for (int i = 0; i < f.args().kwonlyargs().size(); i++) {
            Expr d = i < f.args().kwDefaults().size() ? f.args().kwDefaults().get(i) : null;
            if (d != null) {
                checkParam(ctx, out, f, scope, f.args().kwonlyargs().get(i), d);
            }
        }
    }

    private void checkParam(RuleContext ctx, FindingSink out, Stmt.FunctionDef f, Scope scope, Arg param,
                            Expr dflt) {
        if (dflt instanceof Expr.Constant || dflt instanceof Expr.TupleDisplay || dflt instanceof Expr.Lambda) {
            return; // immutable (syntax alone tells)
        }
        String p = param.name();
        Symbol sym = ctx.symbol(scope, p);
        if (sym == null || !sym.kind().isLocal() || p.startsWith("_")
                || p.toLowerCase(java.util.Locale.ROOT).contains("cache") || p.toLowerCase(java.util.Locale.ROOT).contains("memo")) {
            return; // `_cache={}`: a parameter callers are not meant to pass is deliberate state
        }
        if (dflt instanceof Expr.Name dn) {
            Resolution r = ctx.resolve(dn);
            if (r == null || r.kind() == ResolutionKind.ENCLOSING || r.kind() == ResolutionKind.LOCAL
                    && r.scope().kind() != ScopeKind.MODULE && r.scope().kind() != ScopeKind.CLASS) {
                return; // `def cb(x, acc=acc)` captures an enclosing function's object on purpose
            }
            if (ctx.assignedValues(dn).stream().allMatch(v -> v instanceof Expr.Constant
                    || v instanceof Expr.TupleDisplay || v instanceof Expr.Lambda || v instanceof Expr.JoinedStr)) {
                return; // syntax first: a name only ever assigned immutable literals (or bound by def/import)
            }
        }
        for (Binding b : sym.bindings()) {
            if (b.kind() != BindingKind.PARAMETER && b.kind() != BindingKind.AUGMENTED_ASSIGNMENT) {
                return; // rebound: later uses may see another object
            }
        }
        // syntax first: ask for the default's object (and run the analysis) only when some mutable kind would
        // make a use of the parameter observable
        Set<String> names = aliases(ctx, scope, p);
        boolean candidate = false;
        for (Expr.Name load : ctx.loads(scope)) {
            if (names.contains(load.id())) {
                for (ObjectKind k : Patterns.MUTATORS.keySet()) {
                    candidate |= effect(ctx, load, k, scope) != null;
                }
            }
        }
        if (!candidate) {
            return;
        }
        ObjectFacts.Allocation alloc = ctx.objects().mustPointTo(dflt);
        if (alloc == null || !Patterns.MUTATORS.containsKey(alloc.kind())) {
            return;
        }
        Node use = null;
        String how = null;
        for (Expr.Name load : ctx.loads(scope)) {
            if (!names.contains(load.id())) {
                continue;
            }
            how = effect(ctx, load, alloc.kind(), scope);
            if (how != null && !load.id().equals(p)) {
                how = how.replaceFirst("\\bit\\b", "it through its alias " + java.util.regex.Matcher.quoteReplacement(q(load.id())));
            }
            if (how != null) {
                use = load;
                break;
            }
        }
        if (use == null) {
            return;
        }
        String kind = className(alloc.site()) != null ? className(alloc.site()) : alloc.kind().label();
        String where = alloc.via() != null
                ? "the " + kind + " bound to " + q(alloc.via().name()) + " at line " + ctx.line(alloc.via().site())
                : "one " + kind + " " + q(Patterns.excerpt(ctx, dflt)) + " created when `def " + f.name().name()
                + "` ran (line " + ctx.line(f) + ")";
        String msg = "the default of " + q(p) + " is " + where + ", shared by every call that omits it; the function "
                + how + " (line " + ctx.line(use) + ")";
        List<Related> related = List.of(new Related(ctx.statementOf(use).span(), how));
        out.report(at(dflt, msg, related, fixes(ctx, f, param, dflt, alloc)));
    }

    /**
     * The parameter and the local names bound once, to the parameter itself ({@code alias = items}): with the
     * parameter never rebound, each is the default's object whenever the call omitted the argument.
     */
    private static Set<String> aliases(RuleContext ctx, Scope scope, String p) {
        Set<String> out = new java.util.HashSet<>(Set.of(p));
        for (Symbol s : scope.symbols()) {
            if (!s.kind().isLocal() || s.kind() == dev.memlens.semantics.SymbolKind.CELL
                    || s.bindings().size() != 1) {
                continue;
            }
            Binding b = s.bindings().get(0);
            if (ctx.parent(b.site()) instanceof Stmt.Assign as && as.targets().size() == 1
                    && as.targets().get(0) == b.site() && as.value() instanceof Expr.Name v && v.id().equals(p)
                    && ctx.enclosingScope(as) == scope) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** What the function does with the parameter at this load that another call can observe, or null. */
    private static String effect(RuleContext ctx, Expr.Name load, ObjectKind kind, Scope scope) {
        Node parent = ctx.parent(load);
        String p = load.id();
        if (parent instanceof Expr.Attribute a && a.value() == load && ctx.parent(a) instanceof Expr.Call c
                && c.func() == a && Patterns.mutates(kind, a.attr().name())) {
            return "mutates it with " + q(p + "." + a.attr().name() + "(...)");
        }
        if (parent instanceof Expr.Subscript s && s.value() == load && s.ctx() != Ctx.LOAD) {
            return s.ctx() == Ctx.DEL ? "deletes items of it" : "assigns items of it";
        }
        if (parent instanceof Expr.Subscript s && s.value() == load && ctx.parent(s) instanceof Stmt.AugAssign aug
                && aug.target() == s) {
            return "updates items of it";
        }
        if (parent instanceof Stmt.AugAssign aug && aug.target() == load) {
            return Patterns.inPlaceOperator(kind, aug.op()) ? "mutates it with `" + p + " " + aug.op().symbol() + "= ...`"
                    : null;
        }
        Node holder = parent;
        Node child = load;
        while (holder instanceof Expr.TupleDisplay || holder instanceof Expr.ListDisplay && ((Expr.ListDisplay) holder).ctx() == Ctx.LOAD) {
            child = holder;
            holder = ctx.parent(holder);
        }
        if (holder instanceof Stmt.Return) {
            return "returns it";
        }
        if (holder instanceof Expr.Yield) {
            return "yields it";
        }
        if (holder instanceof Stmt.Assign as && as.value() == child) {
            for (Expr t : as.targets()) {
                if (t instanceof Expr.Attribute) {
                    return "stores it in " + q(ctx.text(t));
                }
                if (t instanceof Expr.Subscript) {
                    return "stores it in " + q(ctx.text(t));
                }
                if (t instanceof Expr.Name nm && ctx.symbol(scope, nm.id()) != null
                        && ctx.symbol(scope, nm.id()).has(SymbolFlag.DECLARED_GLOBAL)) {
                    return "stores it in the global " + q(nm.id());
                }
            }
        }
        if (holder instanceof Expr.Call c && c.args().contains(child) && c.func() instanceof Expr.Attribute a
                && STORE_METHODS.contains(a.attr().name()) && !(a.value() instanceof Expr.Name r && r.id().equals(p))) {
            return "stores it in a container with " + q(Patterns.excerpt(ctx, a) + "(...)");
        }
        return null;
    }

    private List<Fix> fixes(RuleContext ctx, Stmt.FunctionDef f, Arg param, Expr dflt, ObjectFacts.Allocation alloc) {
        Patterns.Insertion ins = Patterns.bodyStart(ctx, f.body());
        if (ins == null || ins.offset() < 0) {
            return List.of();
        }
        String p = param.name();
        String value;
        String made = className(alloc.site());
        if (alloc.via() == null) {
            value = ctx.text(dflt);
        } else if (made != null) {
            return List.of(); // a copy of a Counter or a defaultdict is not dict(...): and defaultdict(x) is no copy
        } else if (alloc.kind() == ObjectKind.LIST || alloc.kind() == ObjectKind.DICT || alloc.kind() == ObjectKind.SET
                || alloc.kind() == ObjectKind.BYTEARRAY) {
            value = alloc.kind().label() + "(" + ctx.text(dflt) + ")";
        } else {
            return List.of();
        }
        if (value.contains("\n") || value.contains("\r")) {
            return List.of();
        }
        String nl = ctx.newline();
        String unit = Patterns.indentUnit(ctx.indentAt(f.span().start()), ins.indent());
        List<TextEdit> edits = new ArrayList<>();
        if (param.annotation() != null) {
            Expr ann = param.annotation();
            if (ann instanceof Expr.Constant c && c.kind() == ConstantKind.STR) {
                return List.of();
            }
            edits.add(TextEdit.insert(ann.span().end(), " | None"));
        }
        edits.add(new TextEdit(dflt.span().start(), dflt.span().end(), "None"));
        edits.add(TextEdit.insert(ins.offset(), ins.indent() + "if " + p + " is None:" + nl + ins.indent() + unit + p
                + " = " + value + nl));
        return List.of(Fix.unsafe("Default to None and create the " + (made != null ? made : alloc.kind().label())
                + " in the body", edits));
    }

    private static final java.util.Set<String> COLLECTIONS = java.util.Set.of("deque", "Counter", "OrderedDict",
            "defaultdict", "ChainMap", "UserDict", "UserList", "array");

    /** The class that makes the object when the kind names it less precisely ({@code Counter} is a dict): or null. */
    private static String className(Expr site) {
        String d = site instanceof Expr.Call c ? Ast.dotted(c.func()) : null;
        String last = d == null ? null : d.substring(d.lastIndexOf('.') + 1);
        return last != null && COLLECTIONS.contains(last) ? last : null;
    }
}
