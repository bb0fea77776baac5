package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.Scopes;
import dev.memlens.rules.support.SyntacticObjectFacts;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.Map;

/**
 * What a rule sees of one file: its text, AST, line map, scopes and object facts, built once and shared by all
 * rules. Not thread-safe: one context per file per thread.
 */
public final class RuleContext {
    private final String path;
    private final String text;
    private final Module module;
    private LineMap lineMap;
    private Map<Node, Node> parents;
    private Scopes scopes;
    private ObjectFacts objects;

    public RuleContext(String path, String text, Module module) {
        this.path = path;
        this.text = text;
        this.module = module;
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public Module module() {
        return module;
    }

    public LineMap lineMap() {
        if (lineMap == null) {
            lineMap = new LineMap(text);
        }
        return lineMap;
    }

    public Scopes scopes() {
        if (scopes == null) {
            scopes = Scopes.of(module);
        }
        return scopes;
    }

    public ObjectFacts objects() {
        if (objects == null) {
            objects = new SyntacticObjectFacts(this);
        }
        return objects;
    }

    public Node parent(Node n) {
        if (parents == null) {
            index();
        }
        return parents.get(n);
    }

    private java.util.List<Node> nodes;

    /** Every node of the file in pre-order (the module first), computed once for all rules. */
    public java.util.List<Node> nodes() {
        if (nodes == null) {
            index();
        }
        return nodes;
    }

    /** Visits every node of the file in pre-order. */
    public void forEachNode(java.util.function.Consumer<Node> visit) {
        for (Node n : nodes()) {
            visit.accept(n);
        }
    }

    private void index() {
        parents = new java.util.IdentityHashMap<>();
        nodes = new java.util.ArrayList<>();
        java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
        stack.push(module);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            nodes.add(n);
            java.util.List<Node> cs = Ast.children(n);
            for (int i = cs.size() - 1; i >= 0; i--) {
                parents.put(cs.get(i), n);
                stack.push(cs.get(i));
            }
        }
    }

    /** The source text of a span. */
    public String text(Span s) {
        return text.substring(Math.min(s.start(), text.length()), Math.min(s.end(), text.length()));
    }

    public String text(Node n) {
        return text(n.span());
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        return lineMap().line(offset) + 1;
    }

    /** 1-based line of a node's start. */
    public int line(Node n) {
        return line(n.span().start());
    }

    /** The enclosing statement of a node (itself if it is one). */
    public Stmt statementOf(Node n) {
        Node cur = n;
        while (cur != null && !(cur instanceof Stmt)) {
            cur = parent(cur);
        }
        return (Stmt) cur;
    }

    /** The leading whitespace of the line where offset is. */
    public String indentAt(int offset) {
        int start = lineStartOf(offset);
        int i = start;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(start, i);
    }

    public int lineStartOf(int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** True when only whitespace precedes offset on its line (a statement that starts its own line). */
    public boolean startsLine(int offset) {
        return text.substring(lineStartOf(offset), Math.min(offset, text.length())).isBlank();
    }

    /** The line ending used by this file. */
    public String newline() {
        int i = text.indexOf('\n');
        if (i > 0 && text.charAt(i - 1) == '\r') {
            return "\r\n";
        }
        return i < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n";
    }
}
