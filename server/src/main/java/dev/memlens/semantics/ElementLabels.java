package dev.memlens.semantics;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/** Short readable labels for CFG elements, used by dumps and tests. */
final class ElementLabels {
    private ElementLabels() {
    }

    static String label(Element e, /* nullable */ String src) {
        if (e instanceof Element.Statement s) {
            if (s.stmt() instanceof Stmt.FunctionDef f) {
                return (f.isAsync() ? "async def " : "def ") + f.name().name();
            }
            if (s.stmt() instanceof Stmt.ClassDef c) {
                return "class " + c.name().name();
            }
            return text(s.stmt(), src);
        }
        if (e instanceof Element.Test t) {
            return "test " + text(t.test(), src);
        }
        if (e instanceof Element.IterStart i) {
            return i.outer() ? "iter .0" : "iter " + text(i.iterable(), src);
        }
        if (e instanceof Element.IterNext) {
            return "next";
        }
        if (e instanceof Element.AssignNext a) {
            return text(a.target(), src) + " = next";
        }
        if (e instanceof Element.WithEnter w) {
            Expr vars = w.item().optionalVars();
            return "with " + text(w.item().contextExpr(), src) + (vars == null ? "" : " as " + text(vars, src));
        }
        if (e instanceof Element.WithExit w) {
            return "exit " + text(w.item().contextExpr(), src) + (w.exceptional() ? " (exc)" : "");
        }
        if (e instanceof Element.ExceptTest t) {
            return t.handler().type() == null ? "except" : "except " + text(t.handler().type(), src);
        }
        if (e instanceof Element.ExceptBind b) {
            return b.handler().name().name() + " = exception";
        }
        if (e instanceof Element.ExceptUnbind u) {
            return "del " + u.handler().name().name();
        }
        if (e instanceof Element.MatchSubject m) {
            return "match " + text(m.match().subject(), src);
        }
        if (e instanceof Element.CaseTest c) {
            return "case " + text(c.matchCase().pattern(), src);
        }
        if (e instanceof Element.CaseBind c) {
            List<String> names = new ArrayList<>();
            Patterns.captures(c.matchCase().pattern(), id -> names.add(id.name()));
            return "bind " + String.join(", ", names);
        }
        if (e instanceof Element.AssertFail) {
            return "raise AssertionError";
        }
        if (e instanceof Element.Reraise) {
            return "reraise";
        }
        if (e instanceof Element.ComprehensionAppend c) {
            Expr comp = c.comprehension();
            if (comp instanceof Expr.DictComp d) {
                return d.value() == null ? "update **" + text(d.key(), src)
                        : "append " + text(d.key(), src) + ": " + text(d.value(), src);
            }
            if (comp instanceof Expr.GeneratorExp g) {
                return "yield " + text(g.elt(), src);
            }
            return "append " + text(comp instanceof Expr.ListComp l ? l.elt() : ((Expr.SetComp) comp).elt(), src);
        }
        Element.ReturnValue r = (Element.ReturnValue) e;
        return "return " + text(r.value(), src);
    }

    static String text(Node node, /* nullable */ String src) {
        if (src == null || node.span().end() > src.length() || node.span().length() == 0) {
            return node.getClass().getSimpleName();
        }
        String raw = src.substring(node.span().start(), node.span().end());
        StringBuilder sb = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || c == '\\') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
