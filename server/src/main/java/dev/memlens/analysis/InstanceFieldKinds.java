package dev.memlens.analysis;

import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kind of each instance attribute of a class, as far as its own code tells (semantics.md, "The open world":
 * instances and classes): {@code self.items = []} in {@code __init__}, {@code self.log: list[str] = ...} in any method,
 * {@code items: list[str]} or {@code items = []} in the class body. An attribute gets a kind only when every
 * assignment the class makes agrees on one builtin container kind (a None placeholder, a parameter or a call result
 * makes it unknown). A method's {@code self.items} is then that kind from the method's entry.
 */
final class InstanceFieldKinds {
    private InstanceFieldKinds() {
    }

    static Map<String, ObjKind> of(Stmt.ClassDef c) {
        Map<String, ObjKind> out = new HashMap<>();
        for (Stmt s : c.body()) {
            if (s instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n) {
                ObjKind k = AnnotatedKinds.of(a.annotation());
                agree(out, n.id(), a.value() == null || k != ObjKind.UNKNOWN ? k : kindOf(a.value()));
            } else if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n) {
                agree(out, n.id(), kindOf(a.value()));
            } else if (s instanceof Stmt.FunctionDef f && isInstanceMethod(f)) {
                String self = selfName(f.args());
                AstWalker.preorder(f, node -> {
                    if (node instanceof Stmt.Assign a) {
                        for (Expr t : a.targets()) {
                            String attr = selfAttr(t, self);
                            if (attr != null) {
                                agree(out, attr, kindOf(a.value()));
                            }
                        }
                    } else if (node instanceof Stmt.AnnAssign a && selfAttr(a.target(), self) != null) {
                        ObjKind k = AnnotatedKinds.of(a.annotation());
                        agree(out, selfAttr(a.target(), self), k != ObjKind.UNKNOWN ? k
                                : a.value() == null ? ObjKind.UNKNOWN : kindOf(a.value()));
                    } else if (node instanceof Stmt.Delete d) {
                        d.targets().forEach(t -> {
                            if (selfAttr(t, self) != null) {
                                agree(out, selfAttr(t, self), ObjKind.UNKNOWN);
                            }
                        });
                    }
                });
            }
        }
        out.values().removeIf(k -> k == ObjKind.UNKNOWN);
        return out;
    }

    /** The first parameter of a method that is not a static or class method, or null. */
    static String selfName(Arguments args) {
        List<dev.memlens.syntax.ast.Arg> first = !args.posonlyargs().isEmpty() ? args.posonlyargs() : args.args();
        return first.isEmpty() ? null : first.get(0).name();
    }

    static boolean isInstanceMethod(Stmt.FunctionDef f) {
        for (Expr d : f.decorators()) {
            if (d instanceof Expr.Name n && (n.id().equals("staticmethod") || n.id().equals("classmethod"))) {
                return false;
            }
        }
        return selfName(f.args()) != null;
    }

    private static String selfAttr(Expr t, String self) {
        return self != null && t instanceof Expr.Attribute a && a.value() instanceof Expr.Name n && n.id().equals(self)
                ? a.attr().name() : null;
    }

    private static void agree(Map<String, ObjKind> out, String attr, ObjKind k) {
        out.merge(attr, k, (a, b) -> a == b ? a : ObjKind.UNKNOWN);
    }

    /** The kind of the object a value expression makes: displays, comprehensions, {@code list()}/{@code dict()}... */
    private static ObjKind kindOf(Expr v) {
        if (v instanceof Expr.ListDisplay || v instanceof Expr.ListComp) {
            return ObjKind.LIST;
        }
        if (v instanceof Expr.DictDisplay || v instanceof Expr.DictComp) {
            return ObjKind.DICT;
        }
        if (v instanceof Expr.SetDisplay || v instanceof Expr.SetComp) {
            return ObjKind.SET;
        }
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Name n) {
            return switch (n.id()) {
                case "list" -> ObjKind.LIST;
                case "dict" -> ObjKind.DICT;
                case "set" -> ObjKind.SET;
                case "bytearray" -> ObjKind.BYTEARRAY;
                default -> ObjKind.UNKNOWN;
            };
        }
        return ObjKind.UNKNOWN;
    }
}
