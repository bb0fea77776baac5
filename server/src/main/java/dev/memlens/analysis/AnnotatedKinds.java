package dev.memlens.analysis;

import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type evidence from annotations (semantics.md, "The open world"): the builtin mutable container a parameter's
 * annotation names ({@code list[str]}, {@code dict}, {@code typing.Set[int]}). Abstract types ({@code Sequence},
 * {@code Mapping}, {@code Iterable}), unions and {@code Optional} name no one kind: the object stays unknown.
 */
final class AnnotatedKinds {
    private static final Map<String, ObjKind> NAMES = Map.of(
            "list", ObjKind.LIST, "List", ObjKind.LIST,
            "dict", ObjKind.DICT, "Dict", ObjKind.DICT,
            "set", ObjKind.SET,
            "bytearray", ObjKind.BYTEARRAY);
    /** {@code typing.X}: these names mean the builtin type there (a bare {@code Set} may be collections.abc's). */
    private static final Map<String, ObjKind> TYPING = Map.of(
            "List", ObjKind.LIST, "Dict", ObjKind.DICT, "Set", ObjKind.SET);

    private AnnotatedKinds() {
    }

    /** The kind an annotation names, or {@code UNKNOWN}. */
    static ObjKind of(Expr annotation) {
        Expr e = annotation instanceof Expr.Subscript s ? s.value() : annotation;
        if (e instanceof Expr.Name n) {
            return NAMES.getOrDefault(n.id(), ObjKind.UNKNOWN);
        }
        if (e instanceof Expr.Attribute a && a.value() instanceof Expr.Name m
                && (m.id().equals("typing") || m.id().equals("t"))) {
            return TYPING.getOrDefault(a.attr().name(), ObjKind.UNKNOWN);
        }
        return ObjKind.UNKNOWN;
    }

    /**
     * The kind of each parameter of {@link Parameters#all} at a call the file does not show: its annotation's, when
     * the parameter has no default (a default could be None, or any object); {@code UNKNOWN} otherwise.
     */
    static List<ObjKind> ofParameters(Arguments args) {
        List<Arg> positional = new ArrayList<>(args.posonlyargs());
        positional.addAll(args.args());
        int firstDefault = positional.size() - args.defaults().size();
        List<ObjKind> out = new ArrayList<>();
        for (int i = 0; i < positional.size(); i++) {
            out.add(i >= firstDefault ? ObjKind.UNKNOWN : annotated(positional.get(i)));
        }
        if (args.vararg() != null) {
            out.add(ObjKind.UNKNOWN); // *args is a tuple of the annotated type
        }
        for (int i = 0; i < args.kwonlyargs().size(); i++) {
            boolean hasDefault = i < args.kwDefaults().size() && args.kwDefaults().get(i) != null;
            out.add(hasDefault ? ObjKind.UNKNOWN : annotated(args.kwonlyargs().get(i)));
        }
        if (args.kwarg() != null) {
            out.add(ObjKind.UNKNOWN);
        }
        return out;
    }

    private static ObjKind annotated(Arg a) {
        return a.annotation() == null ? ObjKind.UNKNOWN : of(a.annotation());
    }
}
