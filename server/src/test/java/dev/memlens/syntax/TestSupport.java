package dev.memlens.syntax;

import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class TestSupport {
    private TestSupport() {
    }

    static ParseResult parse(String src) {
        return SourceParser.parse(new SourceText("<test>", src));
    }

    /** Parses code that must be valid and returns its module. */
    static Module ok(String src) {
        ParseResult r = parse(src);
        assertTrue(r.errors().isEmpty(), () -> "unexpected errors: " + r.errors() + "\n" + Dump.dump(r));
        return r.module();
    }

    static <T> T only(List<?> list, Class<T> type) {
        assertEquals(1, list.size(), () -> "expected one element: " + list);
        return type.cast(list.get(0));
    }

    static <T> T as(Object o, Class<T> type) {
        assertTrue(type.isInstance(o), () -> "expected " + type.getSimpleName() + " but got " + o);
        return type.cast(o);
    }

    /** 1-based line and UTF-8 column of a node's start, CPython style: "line:col". */
    static String pos(ParseResult r, Node n) {
        LineMap.Position p = new LineMap(r.source().text()).position(n.span().start(), LineMap.Encoding.UTF8);
        return (p.line() + 1) + ":" + p.column();
    }

    static String text(ParseResult r, Node n) {
        return r.source().text().substring(n.span().start(), n.span().end());
    }

    static List<String> topLevelNames(Module m) {
        List<String> names = new ArrayList<>();
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionDef f) {
                names.add(f.name().name());
            } else if (s instanceof Stmt.ClassDef c) {
                names.add(c.name().name());
            }
        }
        return names;
    }
}
