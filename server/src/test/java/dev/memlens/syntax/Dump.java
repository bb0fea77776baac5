package dev.memlens.syntax;

import dev.memlens.syntax.ast.Node;

/** Debugging aid: prints the AST (one node per line, indented, with positions) and the errors of a snippet. */
public final class Dump {
    private Dump() {
    }

    public static String dump(ParseResult r) {
        StringBuilder sb = new StringBuilder();
        LineMap lm = new LineMap(r.source().text());
        dump(r.module(), 0, lm, sb);
        for (ParseError e : r.errors()) {
            LineMap.Position p = lm.position(e.span().start());
            sb.append("ERROR ").append(p.line() + 1).append(':').append(p.column()).append(' ')
                    .append(e.message()).append('\n');
        }
        return sb.toString();
    }

    private static void dump(Node n, int depth, LineMap lm, StringBuilder sb) {
        LineMap.Position p = lm.position(n.span().start(), LineMap.Encoding.UTF8);
        String name = n.getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        String extra = "";
        if (n instanceof dev.memlens.syntax.ast.Expr.Name nm) {
            extra = " " + nm.id() + " " + nm.ctx();
        } else if (n instanceof dev.memlens.syntax.ast.Expr.Constant c) {
            extra = " " + c.kind() + " " + c.raw();
        } else if (n instanceof dev.memlens.syntax.ast.Identifier i) {
            extra = " " + i.name();
        }
        sb.append("  ".repeat(depth)).append(name).append(' ').append(p.line() + 1).append(':').append(p.column())
                .append('-').append(n.span().end() - n.span().start()).append(extra).append('\n');
        for (Node c : AstWalker.children(n)) {
            dump(c, depth + 1, lm, sb);
        }
    }

    public static void main(String[] args) {
        String src = args[0].replace("\\n", "\n").replace("\\t", "\t");
        System.out.print(dump(SourceParser.parse(new SourceText("<arg>", src))));
    }
}
