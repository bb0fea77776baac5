package dev.memlens.rules.support;

import dev.memlens.rules.RuleContext;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.List;

/**
 * Access paths ({@code xs}, {@code self.items}, {@code a.b.c}) to objects that come from outside the code the rules
 * see (parameters, attributes). Their type is unknown, but not their identity: two evaluations of one path with
 * nothing rebinding the name or storing to the attributes between them give the same object, whatever it is.
 */
public final class AccessPaths {
    private AccessPaths() {
    }

    /** The dotted text of a name or attribute chain on a name, or null. */
    public static String of(Expr e) {
        return Ast.dotted(e);
    }

    /** The name an access path starts from. */
    public static Expr.Name base(Expr e) {
        while (e instanceof Expr.Attribute a) {
            e = a.value();
        }
        return e instanceof Expr.Name n ? n : null;
    }

    /**
     * True when every evaluation of the path inside the region gives the object it gave where {@code at} stands
     * (just before the region): its base is a function's local or parameter (or a module global that no function
     * declares {@code global}) that nothing binds inside the region and no nested function rebinds
     * ({@code nonlocal}), and no statement in the region stores to or deletes the path or a prefix of it.
     */
    public static boolean stableOver(RuleContext ctx, Expr path, Span region) {
        return stableOver(ctx, path, region, false);
    }

    /**
     * {@link #stableOver(RuleContext, Expr, Span)}, where {@code inPlace} says that an augmented assignment to the
     * name ({@code s |= t}) keeps its object: known to be a mutable builtin, whose operators work in place.
     */
    public static boolean stableOver(RuleContext ctx, Expr path, Span region, boolean inPlace) {
        String text = of(path);
        Expr.Name base = base(path);
        if (text == null || base == null) {
            return false;
        }
        Resolution r = ctx.resolve(base);
        if (r == null || r.targetSymbol() == null
                || r.kind() != ResolutionKind.LOCAL && r.kind() != ResolutionKind.GLOBAL) {
            return false;
        }
        Symbol sym = r.targetSymbol();
        if (sym.has(SymbolFlag.CAPTURED) && capturedAndRebound(ctx, sym)) {
            return false;
        }
        List<Binding> bs = r.kind() == ResolutionKind.GLOBAL ? ctx.scopes().globalBindings(base.id())
                : sym.bindings();
        for (Binding b : bs) {
            if (region.covers(b.site().span())
                    && !(inPlace && b.kind() == dev.memlens.semantics.BindingKind.AUGMENTED_ASSIGNMENT)) {
                return false;
            }
            if (r.kind() == ResolutionKind.GLOBAL && ctx.enclosingScope(b.site()) != ctx.scopes().module()) {
                return false; // a function rebinds the global: any call in the region may run it
            }
        }
        if (!text.contains(".")) {
            return true;
        }
        boolean[] stored = {false};
        ctx.forEach(Expr.Attribute.class, a -> {
            if (stored[0] || !region.covers(a.span())) {
                return;
            }
            Expr t = null;
            if (a.ctx() != dev.memlens.syntax.ast.Ctx.LOAD) {
                t = a;
            }
            String tt = t == null ? null : of(t);
            if (tt != null && (text.equals(tt) || text.startsWith(tt + "."))) {
                stored[0] = true;
            }
        });
        return !stored[0];
    }

    /** A variable some nested function declares {@code nonlocal} (and may rebind whenever it is called). */
    private static boolean capturedAndRebound(RuleContext ctx, Symbol sym) {
        for (Scope s : ctx.scopes().scopes()) {
            Symbol other = s.symbol(sym.name());
            if (other != null && other != sym && other.has(SymbolFlag.DECLARED_NONLOCAL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kind of mutable builtin an annotation names ({@code list[str]}, {@code List}, {@code dict}, {@code set},
     * {@code Optional[list]} ...); {@link Evidence#other()} for an annotation that names anything else (a read-only
     * view like {@code Sequence}, a user class); null when there is no annotation.
     */
    public static Evidence annotated(RuleContext ctx, Expr.Name name) {
        Resolution r = ctx.resolve(name);
        if (r == null || r.targetSymbol() == null) {
            return null;
        }
        Expr ann = null;
        for (Binding b : r.targetSymbol().bindings()) {
            Node site = b.site();
            if (site instanceof Arg a && a.annotation() != null) {
                ann = a.annotation();
            } else if (ctx.parent(site) instanceof Stmt.AnnAssign aa && aa.target() == site) {
                ann = aa.annotation();
            }
        }
        return ann == null ? null : evidence(ann);
    }

    /** What an annotation expression says about the kind of object. */
    public static Evidence evidence(Expr ann) {
        if (ann instanceof Expr.Subscript s) {
            String head = Ast.dotted(s.value());
            if (head != null && (head.endsWith("Optional") || head.endsWith("Annotated"))) {
                Expr inner = s.slice() instanceof Expr.TupleDisplay t && !t.elts().isEmpty() ? t.elts().get(0)
                        : s.slice();
                return evidence(inner);
            }
            ann = s.value();
        }
        if (ann instanceof Expr.BinOp b && b.op() == dev.memlens.syntax.ast.Operator.BITOR) {
            boolean leftNone = b.left() instanceof Expr.Constant c && c.kind() == dev.memlens.syntax.ast.ConstantKind.NONE;
            return evidence(leftNone ? b.right() : b.left()).orOtherUnless(b, leftNone);
        }
        String head = Ast.dotted(ann);
        if (head == null) {
            return Evidence.OTHER;
        }
        String last = head.substring(head.lastIndexOf('.') + 1);
        return switch (last) {
            case "list", "List", "MutableSequence" -> new Evidence(ObjectKind.LIST);
            case "dict", "Dict", "MutableMapping", "OrderedDict", "defaultdict", "DefaultDict", "Counter" ->
                    new Evidence(ObjectKind.DICT);
            case "set", "Set", "MutableSet" -> head.contains("abc.") ? Evidence.OTHER : new Evidence(ObjectKind.SET);
            default -> Evidence.OTHER;
        };
    }

    /** Type evidence: a mutable builtin kind, or {@code kind == null} for "something else". */
    public record Evidence(ObjectKind kind) {
        static final Evidence OTHER = new Evidence(null);

        public boolean other() {
            return kind == null;
        }

        /** {@code T | None} keeps T's evidence; any other union says nothing certain. */
        Evidence orOtherUnless(Expr.BinOp b, boolean leftNone) {
            Expr other = leftNone ? b.left() : b.right();
            return other instanceof Expr.Constant c && c.kind() == dev.memlens.syntax.ast.ConstantKind.NONE
                    || leftNone ? this : OTHER;
        }
    }
}
