package dev.memlens.syntax;

import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.BoolOperator;
import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.UnaryOperator;
import dev.memlens.syntax.ast.WithItem;
import dev.memlens.syntax.grammar.PythonParser;
import dev.memlens.syntax.grammar.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a parse tree into the AST records, once; the tree is dropped afterwards. Node positions follow CPython:
 * a node starts at the first token of the grammar rule that made it (so {@code (a).b} starts at the parenthesis and
 * a parenthesised name keeps the name's own span). Checks that the grammar leaves to this class (assignment
 * targets, argument and parameter order, pattern shapes) are reported with CPython's wording.
 *
 * <p>Token positions are code point indices; {@link #at(int)} maps them to UTF-16 offsets.
 */
final class AstBuilder {

    /** Thrown when a broken parse tree cannot be turned into a node; the enclosing statement becomes Invalid. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final int[] cpToUtf16;
    private final boolean lenient;
    private final List<ParseError> errors = new ArrayList<>();

    /**
     * @param cpToUtf16 code point index to UTF-16 offset, or null when the text has no surrogate pairs
     * @param lenient   the parse reported errors: broken subtrees become Invalid nodes instead of failing
     */
    AstBuilder(String text, int[] cpToUtf16, boolean lenient) {
        this.text = text;
        this.cpToUtf16 = cpToUtf16;
        this.lenient = lenient;
    }

    List<ParseError> errors() {
        return errors;
    }

    // ------------------------------------------------------------------ positions

    private int at(int cp) {
        return cpToUtf16 == null ? cp : cpToUtf16[cp];
    }

    private int startOf(Token t) {
        int s = t.getStartIndex();
        if (s < 0) {
            throw new Malformed();
        }
        return at(s);
    }

    private int endOf(Token t) {
        int s = t.getStartIndex();
        if (s < 0) {
            throw new Malformed();
        }
        return at(Math.max(s, t.getStopIndex() + 1));
    }

    private int startOf(ParseTree t) {
        if (t instanceof TerminalNode n) {
            return startOf(n.getSymbol());
        }
        ParserRuleContext c = (ParserRuleContext) t;
        return startOf(c.start);
    }

    private int endOf(ParseTree t) {
        if (t instanceof TerminalNode n) {
            return endOf(n.getSymbol());
        }
        ParserRuleContext c = (ParserRuleContext) t;
        if (c.stop == null || c.stop.getTokenIndex() < c.start.getTokenIndex()) {
            return startOf(c.start);
        }
        return endOf(c.stop);
    }

    private Span span(ParseTree t) {
        return new Span(startOf(t), endOf(t));
    }

    private Span span(ParseTree from, ParseTree to) {
        return new Span(startOf(from), endOf(to));
    }

    private Span span(Token t) {
        return new Span(startOf(t), endOf(t));
    }

    private static int type(ParseTree t) {
        return t instanceof TerminalNode n ? n.getSymbol().getType() : -1;
    }

    private static Token token(ParseTree t) {
        return ((TerminalNode) t).getSymbol();
    }

    private void error(String message, Span span) {
        errors.add(new ParseError(message, span));
    }

    private <T extends ParserRuleContext> T check(T c) {
        if (c == null || (lenient && c.exception != null)) {
            throw new Malformed();
        }
        return c;
    }

    // ------------------------------------------------------------------ statements

    /** @param statements top-level statements: parse trees, and nodes made without one (kept as they are) */
    List<Stmt> module(List<?> statements) {
        List<Stmt> out = new ArrayList<>(statements.size());
        for (Object s : statements) {
            if (s instanceof StatementContext c) {
                statement(c, out);
            } else {
                out.add((Stmt) s);
            }
        }
        return out;
    }

    private void statement(StatementContext c, List<Stmt> out) {
        ParseTree first = c.getChild(0);
        if (first instanceof Compound_stmtContext cc) {
            out.add(guarded(cc, () -> compound(cc)));
        } else if (first instanceof Simple_stmtsContext sc) {
            simpleStatements(sc, out);
        } else if (lenient) {
            out.add(new Stmt.Invalid(span(c)));
        }
    }

    private interface StmtMaker {
        Stmt make();
    }

    private Stmt guarded(ParserRuleContext c, StmtMaker maker) {
        if (!lenient) {
            return maker.make();
        }
        try {
            if (c.exception != null) {
                return new Stmt.Invalid(invalidSpan(c));
            }
            return maker.make();
        } catch (RuntimeException e) {
            return new Stmt.Invalid(invalidSpan(c));
        }
    }

    private Span invalidSpan(ParserRuleContext c) {
        try {
            return span(c);
        } catch (RuntimeException e) {
            int s = c.start != null && c.start.getStartIndex() >= 0 ? at(c.start.getStartIndex()) : 0;
            return new Span(s, s);
        }
    }

    private void simpleStatements(Simple_stmtsContext c, List<Stmt> out) {
        int n = c.getChildCount();
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (c.getChild(i) instanceof Simple_stmtContext) {
                last = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (c.getChild(i) instanceof Simple_stmtContext s) {
                if (lenient && i == last && c.exception != null) {
                    // the line broke after this statement ('x y z'): the statement is the broken text
                    Stmt.Invalid bad = new Stmt.Invalid(invalidSpan(s));
                    Token stop = c.stop;
                    if (stop != null && stop.getStartIndex() >= 0 && stop.getTokenIndex() >= s.start.getTokenIndex()) {
                        int end = stop.getType() == PythonParser.NEWLINE ? startOf(stop) : endOf(stop);
                        bad = new Stmt.Invalid(new Span(bad.span().start(), Math.max(bad.span().start(), end)));
                    }
                    out.add(bad);
                    continue;
                }
                out.add(guarded(s, () -> {
                    if (lenient && hasError(s)) {
                        return new Stmt.Invalid(invalidSpan(s));
                    }
                    return simple(s);
                }));
            }
        }
    }

    /** Whether a subtree holds a recognition error or a token the error strategy made up or skipped. */
    private static boolean hasError(ParserRuleContext root) {
        ArrayDeque<ParseTree> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            ParseTree t = todo.pop();
            if (t instanceof ParserRuleContext c) {
                if (c.exception != null) {
                    return true;
                }
                for (int i = 0; i < c.getChildCount(); i++) {
                    todo.push(c.getChild(i));
                }
            } else if (t instanceof org.antlr.v4.runtime.tree.ErrorNode) {
                return true;
            } else if (t instanceof TerminalNode tn && tn.getSymbol().getStartIndex() < 0) {
                return true;
            }
        }
        return false;
    }

    private List<Stmt> block(BlockContext c) {
        check(c);
        List<Stmt> out = new ArrayList<>();
        ParseTree first = c.getChild(0);
        if (first instanceof Simple_stmtsContext s) {
            simpleStatements(s, out);
            return out;
        }
        for (int i = 0; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof StatementContext s) {
                statement(s, out);
            }
        }
        if (out.isEmpty()) {
            throw new Malformed();
        }
        return out;
    }

    private Stmt simple(Simple_stmtContext c) {
        ParseTree s = c.getChild(0);
        if (s instanceof Expr_stmtContext e) {
            return exprStmt(e);
        }
        if (s instanceof Pass_stmtContext) {
            return new Stmt.Pass(span(s));
        }
        if (s instanceof Return_stmtContext r) {
            Star_expressionsContext v = r.star_expressions();
            return new Stmt.Return(span(r), v == null ? null : starExpressions(v));
        }
        if (s instanceof Import_fromContext f) {
            return importFrom(f);
        }
        if (s instanceof Import_nameContext im) {
            List<Alias> names = new ArrayList<>();
            for (Dotted_as_nameContext d : im.dotted_as_name()) {
                NameContext as = d.name();
                names.add(new Alias(span(d), dotted(d.dotted_name()), as == null ? null : identifier(as)));
            }
            return new Stmt.Import(span(im), names, im.LAZY() != null);
        }
        if (s instanceof Raise_stmtContext r) {
            List<ExpressionContext> es = r.expression();
            return new Stmt.Raise(span(r), es.isEmpty() ? null : expression(es.get(0)),
                    es.size() > 1 ? expression(es.get(1)) : null);
        }
        if (s instanceof Del_stmtContext d) {
            return new Stmt.Delete(span(d), delTargets(d.star_expressions()));
        }
        if (s instanceof Assert_stmtContext a) {
            List<ExpressionContext> es = a.expression();
            return new Stmt.Assert(span(a), expression(es.get(0)), es.size() > 1 ? expression(es.get(1)) : null);
        }
        if (s instanceof Break_stmtContext) {
            return new Stmt.Break(span(s));
        }
        if (s instanceof Continue_stmtContext) {
            return new Stmt.Continue(span(s));
        }
        if (s instanceof Global_stmtContext g) {
            return new Stmt.Global(span(g), identifiers(g.name()));
        }
        if (s instanceof Nonlocal_stmtContext g) {
            return new Stmt.Nonlocal(span(g), identifiers(g.name()));
        }
        if (s instanceof Type_aliasContext t) {
            NameContext n = t.name();
            return new Stmt.TypeAlias(span(t), new Expr.Name(span(n), n.getText(), Ctx.STORE),
                    typeParams(t.type_params()), expression(t.expression()));
        }
        throw new Malformed();
    }

    private List<Identifier> identifiers(List<NameContext> names) {
        List<Identifier> out = new ArrayList<>(names.size());
        for (NameContext n : names) {
            out.add(identifier(n));
        }
        return out;
    }

    private Identifier identifier(NameContext n) {
        Token t = ((TerminalNode) n.getChild(0)).getSymbol();
        return new Identifier(span(t), t.getText());
    }

    private String dotted(Dotted_nameContext d) {
        if (d.getChildCount() == 1) {
            return d.getChild(0).getText();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.getChildCount(); i++) {
            ParseTree ch = d.getChild(i);
            if (ch instanceof NameContext) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ch.getText());
            }
        }
        return sb.toString();
    }

    private Stmt importFrom(Import_fromContext c) {
        int level = 0;
        Identifier module = null;
        List<Alias> names = new ArrayList<>();
        boolean afterImport = false;
        boolean parens = false;
        for (int i = 0; i < c.getChildCount(); i++) {
            ParseTree ch = c.getChild(i);
            int t = type(ch);
            if (!afterImport) {
                if (t == PythonParser.DOT) {
                    level++;
                } else if (t == PythonParser.ELLIPSIS) {
                    level += 3;
                } else if (ch instanceof Dotted_nameContext d) {
                    module = new Identifier(span(d), dotted(d));
                } else if (t == PythonParser.IMPORT) {
                    afterImport = true;
                }
            } else if (t == PythonParser.STAR) {
                names.add(new Alias(span(ch), "*", null));
            } else if (t == PythonParser.LPAR) {
                parens = true;
            } else if (ch instanceof Import_as_nameContext a) {
                List<NameContext> ns = a.name();
                names.add(new Alias(span(a), ns.get(0).getText(), ns.size() > 1 ? identifier(ns.get(1)) : null));
            }
        }
        if (module == null && level == 0) {
            error("invalid syntax", span(c));
        }
        return new Stmt.ImportFrom(span(c), module, names, level, c.LAZY() != null);
    }

    private Stmt exprStmt(Expr_stmtContext c) {
        int n = c.getChildCount();
        ParseTree first = c.getChild(0);
        if (n == 1) {
            return new Stmt.Expression(span(c), rhs(first));
        }
        ParseTree second = c.getChild(1);
        int t = type(second);
        if (t == PythonParser.EQUAL) {
            List<Expr> targets = new ArrayList<>();
            for (int i = 0; i < n - 1; i += 2) {
                targets.add(assignTarget(c.getChild(i)));
            }
            return new Stmt.Assign(span(c), targets, rhs(c.getChild(n - 1)));
        }
        if (second instanceof AugassignContext a) {
            Expr target = rhs(first);
            if (target instanceof Expr.Name || target instanceof Expr.Attribute || target instanceof Expr.Subscript) {
                target = store(target, Ctx.STORE, null);
            } else {
                error("'" + augKindName(target) + "' is an illegal expression for augmented assignment",
                        target.span());
            }
            return new Stmt.AugAssign(span(c), target, augOperator(token(a.getChild(0)).getType()),
                    rhs(c.getChild(2)));
        }
        // annotated assignment
        Expr target = rhs(first);
        boolean simple = false;
        if (target instanceof Expr.Name) {
            ParserRuleContext fc = (ParserRuleContext) first;
            simple = fc.start == fc.stop;
            target = store(target, Ctx.STORE, null);
        } else if (target instanceof Expr.Attribute || target instanceof Expr.Subscript) {
            target = store(target, Ctx.STORE, null);
        } else if (target instanceof Expr.TupleDisplay) {
            error("only single target (not tuple) can be annotated", target.span());
        } else if (target instanceof Expr.ListDisplay) {
            error("only single target (not list) can be annotated", target.span());
        } else {
            error("illegal target for annotation", target.span());
        }
        Expr annotation = expression((ExpressionContext) c.getChild(2));
        Expr value = n > 4 ? rhs(c.getChild(4)) : null;
        return new Stmt.AnnAssign(span(c), target, annotation, value, simple);
    }

    private static String augKindName(Expr e) {
        if (e instanceof Expr.TupleDisplay) {
            return "tuple";
        }
        if (e instanceof Expr.ListDisplay) {
            return "list";
        }
        return kindName(e);
    }

    private Expr assignTarget(ParseTree r) {
        if (r instanceof Yield_exprContext) {
            Expr y = rhs(r);
            error("assignment to yield expression not possible", y.span());
            return y;
        }
        return store(rhs(r), Ctx.STORE, "assign");
    }

    private Expr rhs(ParseTree r) {
        if (r instanceof Yield_exprContext y) {
            return yieldExpr(y);
        }
        if (r instanceof Star_expressionsContext s) {
            return starExpressions(s);
        }
        throw new Malformed();
    }

    private static Operator augOperator(int t) {
        Operator op = Operators.augmented(t);
        if (op == null) {
            throw new Malformed();
        }
        return op;
    }

    private List<Expr> delTargets(Star_expressionsContext c) {
        check(c);
        List<Expr> out = new ArrayList<>();
        if (c.getChildCount() == 1) {
            out.add(store(starExpression((Star_expressionContext) c.getChild(0)), Ctx.DEL, "delete"));
            return out;
        }
        for (int i = 0; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof Star_expressionContext s) {
                out.add(store(starExpression(s), Ctx.DEL, "delete"));
            }
        }
        return out;
    }

    /**
     * The expression with its context set for binding or deletion, checked the way CPython's parser checks
     * targets. {@code verb} is "assign" or "delete" for messages, or null when the caller already checked.
     */
    private Expr store(Expr e, Ctx ctx, String verb) {
        if (e instanceof Expr.Name n) {
            return new Expr.Name(n.span(), n.id(), ctx);
        }
        if (e instanceof Expr.Attribute a) {
            return new Expr.Attribute(a.span(), a.value(), a.attr(), ctx);
        }
        if (e instanceof Expr.Subscript s) {
            return new Expr.Subscript(s.span(), s.value(), s.slice(), ctx);
        }
        if (e instanceof Expr.TupleDisplay t) {
            return new Expr.TupleDisplay(t.span(), storeAll(t.elts(), ctx, verb), ctx);
        }
        if (e instanceof Expr.ListDisplay l) {
            return new Expr.ListDisplay(l.span(), storeAll(l.elts(), ctx, verb), ctx);
        }
        if (e instanceof Expr.Starred s && ctx == Ctx.STORE) {
            return new Expr.Starred(s.span(), store(s.value(), ctx, verb), ctx);
        }
        if (e instanceof Expr.Invalid) {
            return e;
        }
        if (verb != null) {
            String what = e instanceof Expr.Starred ? "starred" : kindName(e);
            String suffix = "assign".equals(verb) && (e instanceof Expr.Call || e instanceof Expr.Constant
                    || e instanceof Expr.Compare || e instanceof Expr.BinOp || e instanceof Expr.UnaryOp
                    || e instanceof Expr.BoolOp || e instanceof Expr.Attribute)
                    ? " here. Maybe you meant '==' instead of '='?" : "";
            error("cannot " + verb + " to " + what + suffix, e.span());
            if ("delete".equals(verb)) {
                errors.set(errors.size() - 1, new ParseError("cannot delete " + what, e.span()));
            }
        }
        return e;
    }

    private List<Expr> storeAll(List<Expr> elts, Ctx ctx, String verb) {
        List<Expr> out = new ArrayList<>(elts.size());
        for (Expr x : elts) {
            out.add(store(x, ctx, verb));
        }
        return out;
    }

    static String kindName(Expr e) {
        if (e instanceof Expr.Call) {
            return "function call";
        }
        if (e instanceof Expr.Constant c) {
            return switch (c.kind()) {
                case TRUE -> "True";
                case FALSE -> "False";
                case NONE -> "None";
                case ELLIPSIS -> "ellipsis";
                default -> "literal";
            };
        }
        if (e instanceof Expr.JoinedStr) {
            return "f-string expression";
        }
        if (e instanceof Expr.Compare) {
            return "comparison";
        }
        if (e instanceof Expr.Lambda) {
            return "lambda";
        }
        if (e instanceof Expr.IfExp) {
            return "conditional expression";
        }
        if (e instanceof Expr.NamedExpr) {
            return "named expression";
        }
        if (e instanceof Expr.Await) {
            return "await expression";
        }
        if (e instanceof Expr.Yield || e instanceof Expr.YieldFrom) {
            return "yield expression";
        }
        if (e instanceof Expr.DictDisplay) {
            return "dict literal";
        }
        if (e instanceof Expr.SetDisplay) {
            return "set display";
        }
        if (e instanceof Expr.ListComp) {
            return "list comprehension";
        }
        if (e instanceof Expr.SetComp) {
            return "set comprehension";
        }
        if (e instanceof Expr.DictComp) {
            return "dict comprehension";
        }
        if (e instanceof Expr.GeneratorExp) {
            return "generator expression";
        }
        if (e instanceof Expr.Starred) {
            return "starred";
        }
        if (e instanceof Expr.Name) {
            return "name";
        }
        if (e instanceof Expr.Attribute) {
            return "attribute";
        }
        if (e instanceof Expr.Subscript) {
            return "subscript";
        }
        if (e instanceof Expr.TupleDisplay) {
            return "tuple";
        }
        if (e instanceof Expr.ListDisplay) {
            return "list";
        }
        return "expression";
    }

    // ------------------------------------------------------------------ compound statements

    private Stmt compound(Compound_stmtContext c) {
        ParseTree s = c.getChild(0);
        if (s instanceof Function_defContext f) {
            return functionDef(f, List.of(), null);
        }
        if (s instanceof If_stmtContext i) {
            return ifStmt(i);
        }
        if (s instanceof Class_defContext k) {
            return classDef(k, List.of());
        }
        if (s instanceof With_stmtContext w) {
            return withStmt(w, null);
        }
        if (s instanceof For_stmtContext f) {
            return forStmt(f, null);
        }
        if (s instanceof Try_stmtContext t) {
            return tryStmt(t);
        }
        if (s instanceof While_stmtContext w) {
            List<Stmt> body = block(w.block());
            List<Stmt> orelse = w.else_block() == null ? List.of() : block(w.else_block().block());
            return new Stmt.While(new Span(startOf(w), lastEnd(body, orelse)), namedExpression(w.named_expression()),
                    body, orelse);
        }
        if (s instanceof Match_stmtContext m) {
            return matchStmt(m);
        }
        if (s instanceof DecoratedContext d) {
            List<Expr> decorators = new ArrayList<>();
            Token async = null;
            for (int i = 0; i < d.getChildCount(); i++) {
                ParseTree ch = d.getChild(i);
                if (ch instanceof DecoratorContext dc) {
                    decorators.add(namedExpression(dc.named_expression()));
                } else if (type(ch) == PythonParser.ASYNC) {
                    async = token(ch);
                } else if (ch instanceof Function_defContext f) {
                    return functionDef(f, decorators, async);
                } else if (ch instanceof Class_defContext k) {
                    return classDef(k, decorators);
                }
            }
            throw new Malformed();
        }
        if (s instanceof Async_stmtContext a) {
            Token async = token(a.getChild(0));
            ParseTree body = a.getChild(1);
            if (body instanceof Function_defContext f) {
                return functionDef(f, List.of(), async);
            }
            if (body instanceof With_stmtContext w) {
                return withStmt(w, async);
            }
            if (body instanceof For_stmtContext f) {
                return forStmt(f, async);
            }
        }
        throw new Malformed();
    }

    @SafeVarargs
    private int lastEnd(List<? extends dev.memlens.syntax.ast.Node>... lists) {
        for (int i = lists.length - 1; i >= 0; i--) {
            if (!lists[i].isEmpty()) {
                return lists[i].get(lists[i].size() - 1).span().end();
            }
        }
        throw new Malformed();
    }

    private Stmt functionDef(Function_defContext f, List<Expr> decorators, Token async) {
        check(f);
        List<Stmt> body = block(f.block());
        int start = async != null ? startOf(async) : startOf(f);
        ParametersContext p = f.parameters();
        ExpressionContext returns = f.expression();
        return new Stmt.FunctionDef(new Span(start, lastEnd(body)), identifier(f.name()), typeParams(f.type_params()),
                p == null ? Arguments.EMPTY : parameters(p), body, decorators,
                returns == null ? null : expression(returns), async != null);
    }

    private Stmt classDef(Class_defContext k, List<Expr> decorators) {
        check(k);
        List<Stmt> body = block(k.block());
        List<Expr> bases = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        ArgumentsContext a = k.arguments();
        if (a != null) {
            arguments(a, k.LPAR().getSymbol(), k.RPAR().getSymbol(), bases, keywords);
        }
        return new Stmt.ClassDef(new Span(startOf(k), lastEnd(body)), identifier(k.name()),
                typeParams(k.type_params()), bases, keywords, body, decorators);
    }

    private Stmt ifStmt(If_stmtContext c) {
        check(c);
        List<Stmt> body = block(c.block());
        List<Elif_clauseContext> elifs = c.elif_clause();
        List<Stmt> orelse = c.else_block() == null ? List.of() : block(c.else_block().block());
        for (int i = elifs.size() - 1; i >= 0; i--) {
            Elif_clauseContext e = check(elifs.get(i));
            List<Stmt> eb = block(e.block());
            Stmt nested = new Stmt.If(new Span(startOf(e), lastEnd(eb, orelse)), namedExpression(e.named_expression()),
                    eb, orelse);
            orelse = List.of(nested);
        }
        return new Stmt.If(new Span(startOf(c), lastEnd(body, orelse)), namedExpression(c.named_expression()), body,
                orelse);
    }

    private Stmt forStmt(For_stmtContext f, Token async) {
        check(f);
        List<Stmt> body = block(f.block());
        List<Stmt> orelse = f.else_block() == null ? List.of() : block(f.else_block().block());
        int start = async != null ? startOf(async) : startOf(f);
        return new Stmt.For(new Span(start, lastEnd(body, orelse)), starTargets(f.star_targets()),
                starExpressions(f.star_expressions()), body, orelse, async != null);
    }

    private Stmt withStmt(With_stmtContext w, Token async) {
        check(w);
        List<Stmt> body = block(w.block());
        List<WithItem> items = new ArrayList<>();
        for (With_itemContext it : w.with_item()) {
            check(it);
            Star_targetContext t = it.star_target();
            items.add(new WithItem(expression(it.expression()),
                    t == null ? null : store(starTarget(t), Ctx.STORE, "assign")));
        }
        int start = async != null ? startOf(async) : startOf(w);
        return new Stmt.With(new Span(start, lastEnd(body)), items, body, async != null);
    }

    private Stmt tryStmt(Try_stmtContext t) {
        check(t);
        List<Stmt> body = block(t.block());
        List<ExceptHandler> handlers = new ArrayList<>();
        int stars = 0;
        for (Except_clauseContext e : t.except_clause()) {
            check(e);
            List<Stmt> hb = block(e.block());
            List<ExpressionContext> types = e.expression();
            NameContext name = e.name();
            if (e.STAR() != null) {
                stars++;
                if (types.isEmpty()) {
                    error("expected one or more exception types", span(e.STAR()));
                }
            }
            Expr type = null;
            if (types.size() == 1 && e.COMMA().isEmpty()) {
                type = expression(types.get(0));
            } else if (!types.isEmpty()) {
                // 3.14 (PEP 758): 'except A, B:' is the tuple (A, B); with 'as' the tuple must be parenthesized
                List<Expr> elts = new ArrayList<>(types.size());
                for (ExpressionContext x : types) {
                    elts.add(expression(x));
                }
                type = new Expr.TupleDisplay(span(types.get(0), types.get(types.size() - 1)), elts, Ctx.LOAD);
                if (name != null) {
                    error("multiple exception types must be parenthesized when using 'as'", type.span());
                }
            }
            handlers.add(new ExceptHandler(new Span(startOf(e), lastEnd(hb)), type,
                    name == null ? null : identifier(name), hb));
        }
        if (stars > 0 && stars < handlers.size()) {
            error("cannot have both 'except' and 'except*' on the same 'try'", span(t.TRY()));
        }
        List<Stmt> orelse = t.else_block() == null ? List.of() : block(t.else_block().block());
        List<Stmt> finalbody = t.finally_block() == null ? List.of() : block(t.finally_block().block());
        int end = !finalbody.isEmpty() ? lastEnd(finalbody) : !orelse.isEmpty() ? lastEnd(orelse)
                : !handlers.isEmpty() ? handlers.get(handlers.size() - 1).span().end() : lastEnd(body);
        return new Stmt.Try(new Span(startOf(t), end), body, handlers, orelse, finalbody, stars > 0);
    }

    private Stmt matchStmt(Match_stmtContext m) {
        check(m);
        Subject_exprContext s = check(m.subject_expr());
        Expr subject;
        if (s.getChildCount() == 1) {
            subject = starNamedExpression((Star_named_expressionContext) s.getChild(0));
            if (subject instanceof Expr.Starred) {
                error("cannot use starred expression here", subject.span());
            }
        } else {
            List<Expr> elts = new ArrayList<>();
            for (Star_named_expressionContext e : s.star_named_expression()) {
                elts.add(starNamedExpression(e));
            }
            subject = new Expr.TupleDisplay(span(s), elts, Ctx.LOAD);
        }
        List<MatchCase> cases = new ArrayList<>();
        int end = 0;
        for (Case_blockContext cb : m.case_block()) {
            check(cb);
            List<Stmt> body = block(cb.block());
            Named_expressionContext g = cb.named_expression();
            cases.add(new MatchCase(patterns(cb.patterns()), g == null ? null : namedExpression(g), body));
            end = lastEnd(body);
        }
        if (cases.isEmpty()) {
            throw new Malformed();
        }
        return new Stmt.Match(new Span(startOf(m), end), subject, cases);
    }

    // ------------------------------------------------------------------ parameters

    private Arguments parameters(ParametersContext p) {
        check(p);
        List<Arg> posonly = new ArrayList<>();
        List<Arg> args = new ArrayList<>();
        Arg vararg = null;
        List<Arg> kwonly = new ArrayList<>();
        List<Expr> kwDefaults = new ArrayList<>();
        Arg kwarg = null;
        List<Expr> defaults = new ArrayList<>();
        boolean slash = false;
        boolean star = false;
        boolean bareStar = false;
        ParseTree bareStarNode = null;
        for (Param_itemContext it : p.param_item()) {
            check(it);
            ParseTree first = it.getChild(0);
            int t = type(first);
            if (kwarg != null) {
                error("arguments cannot follow var-keyword argument", span(it));
            }
            if (t == PythonParser.SLASH) {
                if (slash) {
                    error("/ may appear only once", span(it));
                } else if (star) {
                    error("/ must be ahead of *", span(it));
                } else if (args.isEmpty()) {
                    error("at least one argument must precede /", span(it));
                }
                slash = true;
                posonly.addAll(args);
                args.clear();
            } else if (t == PythonParser.STAR) {
                if (star) {
                    error("* argument may appear only once", span(it));
                }
                star = true;
                NameContext n = it.name();
                if (n == null) {
                    bareStar = true;
                    bareStarNode = it;
                } else {
                    Star_expressionContext ann = it.star_expression();
                    vararg = new Arg(span(n, ann == null ? n : ann), n.getText(),
                            ann == null ? null : starExpression(ann));
                }
            } else if (t == PythonParser.DOUBLESTAR) {
                NameContext n = it.name();
                ExpressionContext ann = it.expression(0);
                kwarg = new Arg(span(n, ann == null ? n : ann), n.getText(), ann == null ? null : expression(ann));
            } else {
                NameContext n = it.name();
                ExpressionContext ann = null;
                ExpressionContext def = null;
                for (int i = 1; i < it.getChildCount(); i++) {
                    int tt = type(it.getChild(i));
                    if (tt == PythonParser.COLON) {
                        ann = (ExpressionContext) it.getChild(i + 1);
                    } else if (tt == PythonParser.EQUAL) {
                        def = (ExpressionContext) it.getChild(i + 1);
                    }
                }
                Arg a = new Arg(span(n, ann == null ? n : ann), n.getText(), ann == null ? null : expression(ann));
                if (star) {
                    kwonly.add(a);
                    kwDefaults.add(def == null ? null : expression(def));
                } else {
                    args.add(a);
                    if (def != null) {
                        defaults.add(expression(def));
                    } else if (!defaults.isEmpty()) {
                        error("parameter without a default follows parameter with a default", a.span());
                    }
                }
            }
        }
        if (bareStar && kwonly.isEmpty()) {
            error("named arguments must follow bare *", span(bareStarNode));
        }
        return new Arguments(posonly, args, vararg, kwonly, kwDefaults, kwarg, defaults);
    }

    private Arguments lambdaParameters(Lambda_paramsContext p) {
        check(p);
        List<Arg> posonly = new ArrayList<>();
        List<Arg> args = new ArrayList<>();
        Arg vararg = null;
        List<Arg> kwonly = new ArrayList<>();
        List<Expr> kwDefaults = new ArrayList<>();
        Arg kwarg = null;
        List<Expr> defaults = new ArrayList<>();
        boolean star = false;
        boolean slash = false;
        boolean bareStar = false;
        ParseTree bareStarNode = null;
        for (Lambda_itemContext it : p.lambda_item()) {
            check(it);
            int t = type(it.getChild(0));
            if (kwarg != null) {
                error("arguments cannot follow var-keyword argument", span(it));
            }
            NameContext n = it.name();
            if (t == PythonParser.SLASH) {
                if (slash) {
                    error("/ may appear only once", span(it));
                } else if (star) {
                    error("/ must be ahead of *", span(it));
                } else if (args.isEmpty()) {
                    error("at least one argument must precede /", span(it));
                }
                slash = true;
                posonly.addAll(args);
                args.clear();
            } else if (t == PythonParser.STAR) {
                if (star) {
                    error("* argument may appear only once", span(it));
                }
                star = true;
                if (n == null) {
                    bareStar = true;
                    bareStarNode = it;
                } else {
                    vararg = new Arg(span(n), n.getText(), null);
                }
            } else if (t == PythonParser.DOUBLESTAR) {
                kwarg = new Arg(span(n), n.getText(), null);
            } else {
                Arg a = new Arg(span(n), n.getText(), null);
                ExpressionContext def = it.expression();
                if (star) {
                    kwonly.add(a);
                    kwDefaults.add(def == null ? null : expression(def));
                } else {
                    args.add(a);
                    if (def != null) {
                        defaults.add(expression(def));
                    } else if (!defaults.isEmpty()) {
                        error("parameter without a default follows parameter with a default", a.span());
                    }
                }
            }
        }
        if (bareStar && kwonly.isEmpty()) {
            error("named arguments must follow bare *", span(bareStarNode));
        }
        return new Arguments(posonly, args, vararg, kwonly, kwDefaults, kwarg, defaults);
    }

    private List<TypeParam> typeParams(Type_paramsContext c) {
        if (c == null) {
            return List.of();
        }
        check(c);
        List<TypeParam> out = new ArrayList<>();
        for (Type_paramContext p : c.type_param()) {
            check(p);
            int t = type(p.getChild(0));
            Identifier name = identifier(p.name());
            if (t == PythonParser.STAR) {
                Star_expressionContext d = p.star_expression();
                out.add(new TypeParam.TypeVarTuple(span(p), name, d == null ? null : starExpression(d)));
            } else if (t == PythonParser.DOUBLESTAR) {
                List<ExpressionContext> es = p.expression();
                out.add(new TypeParam.ParamSpec(span(p), name, es.isEmpty() ? null : expression(es.get(0))));
            } else {
                Expr bound = null;
                Expr def = null;
                for (int i = 1; i < p.getChildCount(); i++) {
                    int tt = type(p.getChild(i));
                    if (tt == PythonParser.COLON) {
                        bound = expression((ExpressionContext) p.getChild(i + 1));
                    } else if (tt == PythonParser.EQUAL) {
                        def = expression((ExpressionContext) p.getChild(i + 1));
                    }
                }
                out.add(new TypeParam.TypeVar(span(p), name, bound, def));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ patterns

    private Pattern patterns(PatternsContext c) {
        check(c);
        if (c.getChildCount() == 1) {
            Maybe_star_patternContext m = (Maybe_star_patternContext) c.getChild(0);
            Pattern p = maybeStarPattern(m);
            if (p instanceof Pattern.MatchStar) {
                error("invalid syntax", p.span());
            }
            return p;
        }
        return new Pattern.MatchSequence(span(c), patternList(c));
    }

    private List<Pattern> patternList(PatternsContext c) {
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof Maybe_star_patternContext m) {
                out.add(maybeStarPattern(m));
            }
        }
        return out;
    }

    private Pattern maybeStarPattern(Maybe_star_patternContext m) {
        check(m);
        if (type(m.getChild(0)) == PythonParser.STAR) {
            NameContext n = m.name();
            String id = n.getText();
            return new Pattern.MatchStar(span(m), id.equals("_") ? null : identifier(n));
        }
        return pattern(m.pattern());
    }

    private Pattern pattern(PatternContext c) {
        check(c);
        Pattern p = orPattern(c.or_pattern());
        NameContext n = c.name();
        if (n == null) {
            return p;
        }
        if (n.getText().equals("_")) {
            error("cannot use '_' as a target", span(n));
        }
        return new Pattern.MatchAs(span(c), p, identifier(n));
    }

    private Pattern orPattern(Or_patternContext c) {
        check(c);
        if (c.getChildCount() == 1) {
            return closedPattern((Closed_patternContext) c.getChild(0));
        }
        List<Pattern> ps = new ArrayList<>();
        for (Closed_patternContext cp : c.closed_pattern()) {
            ps.add(closedPattern(cp));
        }
        return new Pattern.MatchOr(span(c), ps);
    }

    private Pattern closedPattern(Closed_patternContext c) {
        check(c);
        ParseTree first = c.getChild(0);
        if (first instanceof Literal_patternContext l) {
            Expr v = literalPattern(l);
            if (v instanceof Expr.Constant k && (k.kind() == ConstantKind.NONE || k.kind() == ConstantKind.TRUE
                    || k.kind() == ConstantKind.FALSE)) {
                return new Pattern.MatchSingleton(k.span(), k.kind());
            }
            return new Pattern.MatchValue(v.span(), v);
        }
        if (first instanceof Name_or_attrContext na) {
            if (c.getChildCount() == 1) {
                if (na.getChildCount() == 1) {
                    NameContext n = (NameContext) na.getChild(0);
                    if (n.getText().equals("_")) {
                        return new Pattern.MatchAs(span(n), null, null);
                    }
                    return new Pattern.MatchAs(span(n), null, identifier(n));
                }
                Expr v = nameOrAttr(na);
                return new Pattern.MatchValue(v.span(), v);
            }
            Expr cls = nameOrAttr(na);
            List<Pattern> positional = new ArrayList<>();
            List<Identifier> kwdAttrs = new ArrayList<>();
            List<Pattern> kwdPatterns = new ArrayList<>();
            Class_argsContext args = c.class_args();
            if (args != null) {
                for (Class_argContext a : args.class_arg()) {
                    check(a);
                    if (a.name() != null) {
                        kwdAttrs.add(identifier(a.name()));
                        kwdPatterns.add(pattern(a.pattern()));
                    } else {
                        Pattern p = pattern(a.pattern());
                        if (!kwdAttrs.isEmpty()) {
                            error("positional patterns follow keyword patterns", p.span());
                        }
                        positional.add(p);
                    }
                }
            }
            return new Pattern.MatchClass(span(c), cls, positional, kwdAttrs, kwdPatterns);
        }
        int t = type(first);
        if (t == PythonParser.LPAR) {
            PatternsContext ps = c.patterns();
            if (ps == null) {
                return new Pattern.MatchSequence(span(c), List.of());
            }
            if (ps.getChildCount() == 1) {
                Pattern p = maybeStarPattern((Maybe_star_patternContext) ps.getChild(0));
                if (!(p instanceof Pattern.MatchStar)) {
                    return p;
                }
                return new Pattern.MatchSequence(span(c), List.of(p));
            }
            return new Pattern.MatchSequence(span(c), patternList(ps));
        }
        if (t == PythonParser.LSQB) {
            PatternsContext ps = c.patterns();
            return new Pattern.MatchSequence(span(c), ps == null ? List.of() : patternList(check(ps)));
        }
        if (t == PythonParser.LBRACE) {
            List<Expr> keys = new ArrayList<>();
            List<Pattern> values = new ArrayList<>();
            Identifier rest = null;
            Mapping_itemsContext items = c.mapping_items();
            if (items != null) {
                for (Mapping_itemContext it : check(items).mapping_item()) {
                    check(it);
                    if (type(it.getChild(0)) == PythonParser.DOUBLESTAR) {
                        if (rest != null) {
                            error("invalid syntax", span(it));
                        }
                        rest = identifier(it.name());
                        continue;
                    }
                    if (rest != null) {
                        error("invalid syntax", span(it));
                    }
                    ParseTree k = it.getChild(0);
                    Expr key;
                    if (k instanceof Literal_patternContext l) {
                        key = literalPattern(l);
                    } else {
                        Name_or_attrContext na = (Name_or_attrContext) k;
                        key = nameOrAttr(na);
                        if (na.getChildCount() == 1) {
                            error("invalid syntax", key.span());
                        }
                    }
                    keys.add(key);
                    values.add(pattern(it.pattern()));
                }
            }
            return new Pattern.MatchMapping(span(c), keys, values, rest);
        }
        throw new Malformed();
    }

    private Expr nameOrAttr(Name_or_attrContext na) {
        NameContext first = (NameContext) na.getChild(0);
        Expr e = new Expr.Name(span(first), first.getText(), Ctx.LOAD);
        int start = startOf(first);
        for (int i = 1; i < na.getChildCount(); i++) {
            if (na.getChild(i) instanceof NameContext n) {
                e = new Expr.Attribute(new Span(start, endOf(n)), e, identifier(n), Ctx.LOAD);
            }
        }
        return e;
    }

    private Expr literalPattern(Literal_patternContext l) {
        check(l);
        ParseTree first = l.getChild(0);
        if (first instanceof Signed_numberContext sn) {
            Expr left = signedNumber(sn);
            if (l.getChildCount() == 1) {
                return left;
            }
            Operator op = type(l.getChild(1)) == PythonParser.PLUS ? Operator.ADD : Operator.SUB;
            Token num = token(l.getChild(2));
            Expr right = number(num);
            if (((Expr.Constant) right).kind() != ConstantKind.COMPLEX) {
                error("imaginary number required in complex literal", right.span());
            }
            return new Expr.BinOp(span(l), left, op, right);
        }
        if (first instanceof StringsContext s) {
            Expr e = strings(s);
            if (e instanceof Expr.JoinedStr) {
                error("patterns may only match literals and attribute lookups", e.span());
            }
            return e;
        }
        return switch (type(first)) {
            case PythonParser.NONE -> new Expr.Constant(span(first), ConstantKind.NONE, "None");
            case PythonParser.TRUE -> new Expr.Constant(span(first), ConstantKind.TRUE, "True");
            case PythonParser.FALSE -> new Expr.Constant(span(first), ConstantKind.FALSE, "False");
            default -> throw new Malformed();
        };
    }

    private Expr signedNumber(Signed_numberContext sn) {
        if (sn.getChildCount() == 1) {
            return number(token(sn.getChild(0)));
        }
        return new Expr.UnaryOp(span(sn), UnaryOperator.USUB, number(token(sn.getChild(1))));
    }

    // ------------------------------------------------------------------ expressions

    private Expr starExpressions(Star_expressionsContext c) {
        check(c);
        int n = c.getChildCount();
        if (n == 1) {
            return starExpression((Star_expressionContext) c.getChild(0));
        }
        List<Expr> elts = new ArrayList<>((n + 1) / 2);
        for (int i = 0; i < n; i += 2) {
            elts.add(starExpression((Star_expressionContext) c.getChild(i)));
        }
        return new Expr.TupleDisplay(span(c), elts, Ctx.LOAD);
    }

    private Expr starExpression(Star_expressionContext c) {
        check(c);
        ParseTree first = c.getChild(0);
        if (first instanceof ExpressionContext e) {
            return expression(e);
        }
        return new Expr.Starred(span(c), bitwiseOr((ComparisonContext) c.getChild(1)), Ctx.LOAD);
    }

    private Expr starNamedExpression(Star_named_expressionContext c) {
        check(c);
        ParseTree first = c.getChild(0);
        if (first instanceof Named_expressionContext e) {
            return namedExpression(e);
        }
        if (c.getChildCount() == 1 && first instanceof TerminalNode t) {
            return number(t.getSymbol()); // the grammar's shortcut for a lone number
        }
        return new Expr.Starred(span(c), bitwiseOr((ComparisonContext) c.getChild(1)), Ctx.LOAD);
    }

    private Expr namedExpression(Named_expressionContext c) {
        check(c);
        Expr left = expression((ExpressionContext) c.getChild(0));
        if (c.getChildCount() == 1) {
            return left;
        }
        Expr value = expression((ExpressionContext) c.getChild(2));
        return walrus(span(c), left, value);
    }

    private Expr walrus(Span span, Expr left, Expr value) {
        if (left instanceof Expr.Name n) {
            return new Expr.NamedExpr(span, new Expr.Name(n.span(), n.id(), Ctx.STORE), value);
        }
        error("cannot use assignment expressions with " + kindName(left), left.span());
        return new Expr.NamedExpr(span, new Expr.Name(left.span(), "", Ctx.STORE), value);
    }

    private Expr expression(ExpressionContext c) {
        if (lenient && (c == null || c.exception != null)) {
            return invalidExpr(c);
        }
        ParseTree first = c.getChild(0);
        if (c.getChildCount() == 1) {
            if (first instanceof DisjunctionContext d) {
                return disjunction(d);
            }
            LambdefContext l = (LambdefContext) first;
            Lambda_paramsContext lp = l.lambda_params();
            return new Expr.Lambda(span(l), lp == null ? Arguments.EMPTY : lambdaParameters(lp),
                    expression(l.expression()));
        }
        Expr body = disjunction((DisjunctionContext) first);
        Expr test = disjunction((DisjunctionContext) c.getChild(2));
        Expr orelse = expression((ExpressionContext) c.getChild(4));
        return new Expr.IfExp(span(c), test, body, orelse);
    }

    private Expr invalidExpr(ParserRuleContext c) {
        if (c == null) {
            throw new Malformed();
        }
        return new Expr.Invalid(invalidSpan(c));
    }

    /** {@code a or b and c}: 'and' binds tighter; each operator's operands become one flat BoolOp. */
    private Expr disjunction(DisjunctionContext c) {
        check(c);
        int n = c.getChildCount();
        if (n == 1) {
            return inversion((InversionContext) c.getChild(0));
        }
        List<Expr> ors = new ArrayList<>();
        List<Expr> ands = null;
        int andStart = 0;
        int andEnd = 0;
        Expr pending = inversion((InversionContext) c.getChild(0));
        int pendingStart = startOf(c.getChild(0));
        for (int i = 1; i < n; i += 2) {
            int op = type(c.getChild(i));
            ParseTree next = c.getChild(i + 1);
            Expr right = inversion((InversionContext) next);
            if (op == PythonParser.AND) {
                if (ands == null) {
                    ands = new ArrayList<>();
                    ands.add(pending);
                    andStart = pendingStart;
                }
                ands.add(right);
                andEnd = endOf(next);
            } else {
                ors.add(ands == null ? pending : new Expr.BoolOp(new Span(andStart, andEnd), BoolOperator.AND, ands));
                ands = null;
                pending = right;
                pendingStart = startOf(next);
            }
        }
        Expr last = ands == null ? pending : new Expr.BoolOp(new Span(andStart, andEnd), BoolOperator.AND, ands);
        if (ors.isEmpty()) {
            return last;
        }
        ors.add(last);
        return new Expr.BoolOp(span(c), BoolOperator.OR, ors);
    }

    private Expr inversion(InversionContext c) {
        check(c);
        int n = c.getChildCount();
        Expr e = comparison((ComparisonContext) c.getChild(n - 1));
        int end = endOf(c.getChild(n - 1));
        for (int i = n - 2; i >= 0; i--) {
            e = new Expr.UnaryOp(new Span(startOf(c.getChild(i)), end), UnaryOperator.NOT, e);
        }
        return e;
    }

    private static CmpOperator compareOperator(int t, int next) {
        // the grammar has 'not' here only as 'not in'
        return t == PythonParser.NOT ? CmpOperator.NOT_IN : Operators.comparison(t, next);
    }

    /** A comparison rule where CPython's grammar allows only a bitwise_or: no comparison operators. */
    private Expr bitwiseOr(ComparisonContext c) {
        Expr e = comparison(c);
        if (e instanceof Expr.Compare cmp && c.getChildCount() > 1) {
            error("invalid syntax", cmp.span());
        }
        return e;
    }

    /**
     * Comparisons and all binary operators come as one flat list: operands are split at comparison operators,
     * each part is a binary-operator expression built by precedence climbing, and the parts form a Compare.
     */
    private Expr comparison(ComparisonContext c) {
        check(c);
        int n = c.getChildCount();
        if (n == 1) {
            return factor((FactorContext) c.getChild(0));
        }
        int cap = n / 2 + 1;
        Expr[] vals = new Expr[cap];
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        int[] ops = new int[cap];
        int sp = 0;
        int op = 0;
        Expr left = null;
        List<CmpOperator> cmpOps = null;
        List<Expr> comparators = null;
        int i = 0;
        while (i < n) {
            ParseTree ch = c.getChild(i);
            if (ch instanceof FactorContext f) {
                vals[sp] = factor(f);
                starts[sp] = startOf(f);
                ends[sp] = endOf(f);
                sp++;
                i++;
                continue;
            }
            int t = type(ch);
            int next = type(c.getChild(i + 1));
            CmpOperator cmp = compareOperator(t, next);
            if (cmp != null) {
                while (op > 0) {
                    sp = reduce(vals, starts, ends, sp, ops[--op]);
                }
                if (left == null) {
                    left = vals[0];
                    cmpOps = new ArrayList<>();
                    comparators = new ArrayList<>();
                } else {
                    comparators.add(vals[0]);
                }
                cmpOps.add(cmp);
                sp = 0;
                i += (t == PythonParser.NOT || (t == PythonParser.IS && next == PythonParser.NOT)) ? 2 : 1;
                continue;
            }
            int prec = precedence(t);
            while (op > 0 && precedence(ops[op - 1]) >= prec) {
                sp = reduce(vals, starts, ends, sp, ops[--op]);
            }
            ops[op++] = t;
            i++;
        }
        while (op > 0) {
            sp = reduce(vals, starts, ends, sp, ops[--op]);
        }
        if (left == null) {
            return vals[0];
        }
        comparators.add(vals[0]);
        return new Expr.Compare(span(c), left, cmpOps, comparators);
    }

    private static int precedence(int t) {
        int p = Operators.precedence(t);
        return p == 0 ? 6 : p;
    }

    private static Operator binOperator(int t) {
        Operator op = Operators.binary(t);
        if (op == null) {
            throw new Malformed();
        }
        return op;
    }

    private static int reduce(Expr[] vals, int[] starts, int[] ends, int sp, int opType) {
        Expr right = vals[sp - 1];
        Expr left = vals[sp - 2];
        int s = starts[sp - 2];
        int e = ends[sp - 1];
        vals[sp - 2] = new Expr.BinOp(new Span(s, e), left, binOperator(opType), right);
        ends[sp - 2] = e;
        return sp - 1;
    }

    /** Unary operators, await, an atom with its trailers, and '**' (binding tighter than the unary operators). */
    private Expr factor(FactorContext c) {
        check(c);
        int n = c.getChildCount();
        int i = 0;
        while (c.getChild(i) instanceof TerminalNode tn && isUnary(tn.getSymbol().getType())) {
            i++;
        }
        int unaryCount = i;
        Token await = null;
        if (type(c.getChild(i)) == PythonParser.AWAIT) {
            await = token(c.getChild(i));
            i++;
        }
        AtomContext a = (AtomContext) c.getChild(i++);
        Expr e = atom(a);
        if (n == 1) {
            return e;
        }
        int start = startOf(a);
        while (i < n) {
            ParseTree ch = c.getChild(i);
            int t = type(ch);
            if (t == PythonParser.DOT) {
                Token name = token(c.getChild(i + 1));
                e = new Expr.Attribute(new Span(start, endOf(name)), e, new Identifier(span(name), name.getText()),
                        Ctx.LOAD);
                i += 2;
            } else if (t == PythonParser.LPAR) {
                ParseTree next = c.getChild(i + 1);
                ArgumentsContext args = next instanceof ArgumentsContext ac ? ac : null;
                Token close = token(c.getChild(args == null ? i + 1 : i + 2));
                e = call(e, start, token(ch), args, close);
                i += args == null ? 2 : 3;
            } else if (t == PythonParser.LSQB) {
                Token close = token(c.getChild(i + 2));
                e = new Expr.Subscript(new Span(start, endOf(close)), e, slices((SlicesContext) c.getChild(i + 1)),
                        Ctx.LOAD);
                i += 3;
            } else {
                break;
            }
        }
        int end = endOf(c.getChild(i - 1));
        if (await != null) {
            start = startOf(await);
            e = new Expr.Await(new Span(start, end), e);
        }
        if (i < n) {
            FactorContext exponent = (FactorContext) c.getChild(i + 1);
            end = endOf(exponent);
            e = new Expr.BinOp(new Span(start, end), e, Operator.POW, factor(exponent));
        }
        for (int u = unaryCount - 1; u >= 0; u--) {
            UnaryOperator op = switch (type(c.getChild(u))) {
                case PythonParser.PLUS -> UnaryOperator.UADD;
                case PythonParser.MINUS -> UnaryOperator.USUB;
                default -> UnaryOperator.INVERT;
            };
            e = new Expr.UnaryOp(new Span(startOf(c.getChild(u)), end), op, e);
        }
        return e;
    }

    private static boolean isUnary(int t) {
        return t == PythonParser.PLUS || t == PythonParser.MINUS || t == PythonParser.TILDE;
    }

    private Expr call(Expr func, int start, Token open, ArgumentsContext ac, Token close) {
        List<Expr> args = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        if (ac != null) {
            arguments(ac, open, close, args, keywords);
        }
        return new Expr.Call(new Span(start, endOf(close)), func, args, keywords);
    }

    /** A primary in a binding position (for/comprehension/with targets): an atom with its trailers. */
    private Expr primary(PrimaryContext c) {
        if (lenient && c.exception != null) {
            return invalidExpr(c);
        }
        int n = c.getChildCount();
        AtomContext a = (AtomContext) c.getChild(0);
        Expr e = atom(a);
        int start = startOf(a);
        for (int i = 1; i < n; i++) {
            TrailerContext t = check((TrailerContext) c.getChild(i));
            int tt = type(t.getChild(0));
            if (tt == PythonParser.DOT) {
                NameContext name = (NameContext) t.getChild(1);
                e = new Expr.Attribute(new Span(start, endOf(name)), e, identifier(name), Ctx.LOAD);
            } else if (tt == PythonParser.LPAR) {
                e = call(e, start, token(t.getChild(0)), t.arguments(), token(t.getChild(t.getChildCount() - 1)));
            } else {
                Token close = token(t.getChild(2));
                e = new Expr.Subscript(new Span(start, endOf(close)), e, slices(t.slices()), Ctx.LOAD);
            }
        }
        return e;
    }

    private void arguments(ArgumentsContext c, Token open, Token close, List<Expr> args, List<Keyword> keywords) {
        check(c);
        int n = c.getChildCount();
        boolean sawKeyword = false;
        boolean sawDoubleStar = false;
        int count = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            if (!(c.getChild(i) instanceof ArgumentContext a)) {
                continue;
            }
            check(a);
            int t = type(a.getChild(0));
            if (a.comp_for() != null) {
                args.add(generatorArgument(a, count == 1 && n == 1, open, close));
            } else if (t == PythonParser.STAR) {
                Expr v = expression((ExpressionContext) a.getChild(1));
                if (sawDoubleStar) {
                    error("iterable argument unpacking follows keyword argument unpacking", span(a));
                }
                args.add(new Expr.Starred(span(a), v, Ctx.LOAD));
            } else if (t == PythonParser.DOUBLESTAR) {
                sawDoubleStar = true;
                keywords.add(new Keyword(span(a), null, expression((ExpressionContext) a.getChild(1))));
            } else if (a.getChildCount() == 1) {
                Expr v = expression((ExpressionContext) a.getChild(0));
                if (sawDoubleStar) {
                    error("positional argument follows keyword argument unpacking", v.span());
                } else if (sawKeyword) {
                    error("positional argument follows keyword argument", v.span());
                }
                args.add(v);
            } else {
                ParseTree second = a.getChild(1);
                int st = type(second);
                if (st == PythonParser.EQUAL) {
                    ExpressionContext k = (ExpressionContext) a.getChild(0);
                    Expr key = expression(k);
                    Expr value = expression((ExpressionContext) a.getChild(2));
                    sawKeyword = true;
                    if (key instanceof Expr.Name nm) {
                        keywords.add(new Keyword(span(a), new Identifier(nm.span(), nm.id()), value));
                    } else {
                        error(key instanceof Expr.Constant kc && (kc.kind() == ConstantKind.TRUE
                                || kc.kind() == ConstantKind.FALSE || kc.kind() == ConstantKind.NONE)
                                ? "cannot assign to " + kindName(key)
                                : "expression cannot contain assignment, perhaps you meant \"==\"?", span(a));
                        keywords.add(new Keyword(span(a), null, value));
                    }
                } else {
                    Expr key = expression((ExpressionContext) a.getChild(0));
                    Expr v = walrus(span(a), key, expression((ExpressionContext) a.getChild(2)));
                    if (sawKeyword || sawDoubleStar) {
                        error("positional argument follows keyword argument", v.span());
                    }
                    args.add(v);
                }
            }
        }
    }

    /**
     * {@code f(x for x in xs)}: the generator's element may be a walrus ({@code any(m := g(s) for s in xs)}) or,
     * from 3.15, starred ({@code f(*x for x in xs)}). Only a sole argument may be an unparenthesized generator.
     */
    private Expr generatorArgument(ArgumentContext a, boolean sole, Token open, Token close) {
        List<ExpressionContext> parts = a.expression();
        ExpressionContext last = parts.get(parts.size() - 1);
        Expr elt = expression(parts.get(0));
        if (a.STAR() != null) {
            elt = new Expr.Starred(new Span(startOf(a), endOf(last)), elt, Ctx.LOAD);
        } else if (a.COLONEQUAL() != null) {
            elt = walrus(new Span(startOf(a), endOf(last)), elt, expression(last));
        }
        List<Comprehension> gens = compFor(a.comp_for());
        Span s;
        if (sole) {
            s = new Span(startOf(open), endOf(close));
        } else {
            s = span(a);
            error("Generator expression must be parenthesized", s);
        }
        return new Expr.GeneratorExp(s, elt, gens);
    }

    private Expr slices(SlicesContext c) {
        check(c);
        int n = c.getChildCount();
        if (n == 1) {
            Expr only = slice((SliceContext) c.getChild(0));
            // a[*b] is a one-element tuple, as if written a[*b,]
            return only instanceof Expr.Starred ? new Expr.TupleDisplay(span(c), List.of(only), Ctx.LOAD) : only;
        }
        List<Expr> elts = new ArrayList<>();
        for (int i = 0; i < n; i += 2) {
            elts.add(slice((SliceContext) c.getChild(i)));
        }
        return new Expr.TupleDisplay(span(c), elts, Ctx.LOAD);
    }

    private Expr slice(SliceContext c) {
        check(c);
        ParseTree first = c.getChild(0);
        if (type(first) == PythonParser.STAR) {
            return new Expr.Starred(span(c), expression((ExpressionContext) c.getChild(1)), Ctx.LOAD);
        }
        Expr lower = null;
        Slice_tailContext tail;
        if (first instanceof Named_expressionContext ne) {
            lower = namedExpression(ne);
            if (c.getChildCount() == 1) {
                return lower;
            }
            if (ne.getChildCount() > 1) {
                error("invalid syntax", lower.span());
            }
            tail = (Slice_tailContext) c.getChild(1);
        } else {
            tail = (Slice_tailContext) first;
        }
        check(tail);
        Expr upper = null;
        Expr step = null;
        int colons = 0;
        for (int i = 0; i < tail.getChildCount(); i++) {
            ParseTree ch = tail.getChild(i);
            if (type(ch) == PythonParser.COLON) {
                colons++;
            } else if (ch instanceof ExpressionContext e) {
                if (colons == 1) {
                    upper = expression(e);
                } else {
                    step = expression(e);
                }
            }
        }
        return new Expr.Slice(span(c), lower, upper, step);
    }

    private Expr atom(AtomContext c) {
        if (lenient && c.exception != null) {
            return invalidExpr(c);
        }
        ParseTree first = c.getChild(0);
        if (first instanceof StringsContext s) {
            return strings(s);
        }
        Token t = token(first);
        switch (t.getType()) {
            case PythonParser.NAME:
            case PythonParser.MATCH:
            case PythonParser.CASE:
            case PythonParser.TYPE:
            case PythonParser.LAZY:
                if (t instanceof PlaceholderToken) {
                    return new Expr.Invalid(span(t));
                }
                return new Expr.Name(span(t), t.getText(), Ctx.LOAD);
            case PythonParser.NUMBER:
                return number(t);
            case PythonParser.NONE:
                return new Expr.Constant(span(t), ConstantKind.NONE, "None");
            case PythonParser.TRUE:
                return new Expr.Constant(span(t), ConstantKind.TRUE, "True");
            case PythonParser.FALSE:
                return new Expr.Constant(span(t), ConstantKind.FALSE, "False");
            case PythonParser.ELLIPSIS:
                return new Expr.Constant(span(t), ConstantKind.ELLIPSIS, "...");
            case PythonParser.LPAR: {
                ParseTree inner = c.getChild(1);
                if (inner instanceof Yield_exprContext y) {
                    return yieldExpr(y);
                }
                if (inner instanceof Testlist_compContext tl) {
                    check(tl);
                    if (tl.getChildCount() > 1 && tl.getChild(1) instanceof Comp_forContext cf) {
                        Expr elt = starNamedExpression((Star_named_expressionContext) tl.getChild(0));
                        return new Expr.GeneratorExp(span(c), elt, compFor(cf));
                    }
                    if (tl.getChildCount() == 1) {
                        Expr e = starNamedExpression((Star_named_expressionContext) tl.getChild(0));
                        if (e instanceof Expr.Starred) {
                            error("cannot use starred expression here", e.span());
                        }
                        return e;
                    }
                    return new Expr.TupleDisplay(span(c), elements(tl), Ctx.LOAD);
                }
                check(c);
                return new Expr.TupleDisplay(span(c), List.of(), Ctx.LOAD);
            }
            case PythonParser.LSQB: {
                ParseTree inner = c.getChild(1);
                if (inner instanceof Testlist_compContext tl) {
                    check(tl);
                    if (tl.getChildCount() > 1 && tl.getChild(1) instanceof Comp_forContext cf) {
                        Expr elt = starNamedExpression((Star_named_expressionContext) tl.getChild(0));
                        return new Expr.ListComp(span(c), elt, compFor(cf));
                    }
                    return new Expr.ListDisplay(span(c), elements(tl), Ctx.LOAD);
                }
                check(c);
                return new Expr.ListDisplay(span(c), List.of(), Ctx.LOAD);
            }
            case PythonParser.LBRACE: {
                ParseTree inner = c.getChild(1);
                if (inner instanceof DictorsetmakerContext d) {
                    return dictOrSet(c, d);
                }
                check(c);
                return new Expr.DictDisplay(span(c), List.of(), List.of());
            }
            default:
                throw new Malformed();
        }
    }

    private List<Expr> elements(Testlist_compContext tl) {
        int n = tl.getChildCount();
        List<Expr> elts = new ArrayList<>((n + 1) / 2);
        for (int i = 0; i < n; i += 2) {
            elts.add(starNamedExpression((Star_named_expressionContext) tl.getChild(i)));
        }
        return elts;
    }

    private Expr dictOrSet(AtomContext atom, DictorsetmakerContext d) {
        check(d);
        ParseTree first = d.getChild(0);
        int t = type(first);
        if (t == PythonParser.DOUBLESTAR) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            keys.add(null);
            values.add(bitwiseOr((ComparisonContext) d.getChild(1)));
            Dict_restContext rest = check((Dict_restContext) d.getChild(2));
            if (rest.comp_for() != null) {
                return new Expr.DictComp(span(atom), values.get(0), null, compFor(rest.comp_for()));
            }
            dictItems(rest, keys, values);
            return new Expr.DictDisplay(span(atom), keys, values);
        }
        if (t == PythonParser.STAR) {
            Expr firstElt = new Expr.Starred(span(first, d.getChild(1)), bitwiseOr((ComparisonContext) d.getChild(1)),
                    Ctx.LOAD);
            Set_restContext rest = check((Set_restContext) d.getChild(2));
            if (rest.comp_for() != null) {
                return new Expr.SetComp(span(atom), firstElt, compFor(rest.comp_for()));
            }
            return new Expr.SetDisplay(span(atom), setItems(firstElt, rest));
        }
        Expr key = namedExpression((Named_expressionContext) first);
        ParseTree second = d.getChild(1);
        if (second instanceof Set_restContext rest) {
            check(rest);
            if (rest.comp_for() != null) {
                return new Expr.SetComp(span(atom), key, compFor(rest.comp_for()));
            }
            return new Expr.SetDisplay(span(atom), setItems(key, rest));
        }
        if (((Named_expressionContext) first).getChildCount() > 1) {
            error("invalid syntax", key.span());
        }
        Expr value = expression((ExpressionContext) d.getChild(2));
        Dict_restContext rest = check((Dict_restContext) d.getChild(3));
        if (rest.comp_for() != null) {
            return new Expr.DictComp(span(atom), key, value, compFor(rest.comp_for()));
        }
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        keys.add(key);
        values.add(value);
        dictItems(rest, keys, values);
        return new Expr.DictDisplay(span(atom), keys, values);
    }

    private void dictItems(Dict_restContext rest, List<Expr> keys, List<Expr> values) {
        for (int i = 0; i < rest.getChildCount(); i++) {
            if (rest.getChild(i) instanceof Dict_itemContext it) {
                check(it);
                if (type(it.getChild(0)) == PythonParser.DOUBLESTAR) {
                    keys.add(null);
                    values.add(bitwiseOr((ComparisonContext) it.getChild(1)));
                } else if (type(it.getChild(0)) == PythonParser.NUMBER) {
                    keys.add(number(((TerminalNode) it.getChild(0)).getSymbol())); // the grammar's shortcut
                    values.add(expression((ExpressionContext) it.getChild(2)));
                } else {
                    keys.add(expression((ExpressionContext) it.getChild(0)));
                    values.add(expression((ExpressionContext) it.getChild(2)));
                }
            }
        }
    }

    private List<Expr> setItems(Expr first, Set_restContext rest) {
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        for (int i = 0; i < rest.getChildCount(); i++) {
            if (rest.getChild(i) instanceof Star_named_expressionContext e) {
                elts.add(starNamedExpression(e));
            }
        }
        return elts;
    }

    private List<Comprehension> compFor(Comp_forContext c) {
        check(c);
        List<Comprehension> out = new ArrayList<>(c.getChildCount());
        for (int i = 0; i < c.getChildCount(); i++) {
            Comp_clauseContext cc = check((Comp_clauseContext) c.getChild(i));
            boolean async = type(cc.getChild(0)) == PythonParser.ASYNC;
            Expr target = null;
            Expr iter = null;
            List<Expr> ifs = new ArrayList<>();
            for (int j = 0; j < cc.getChildCount(); j++) {
                ParseTree ch = cc.getChild(j);
                if (ch instanceof Star_targetsContext st) {
                    target = starTargets(st);
                } else if (ch instanceof DisjunctionContext d) {
                    if (iter == null) {
                        iter = disjunction(d);
                    } else {
                        ifs.add(disjunction(d));
                    }
                }
            }
            if (target == null || iter == null) {
                throw new Malformed();
            }
            out.add(new Comprehension(target, iter, ifs, async));
        }
        return out;
    }

    private Expr starTargets(Star_targetsContext c) {
        check(c);
        int n = c.getChildCount();
        if (n == 1) {
            Expr e = starTarget((Star_targetContext) c.getChild(0));
            if (e instanceof Expr.Starred) {
                // CPython: "starred assignment target must be in a list or tuple" is a compile-time error
                return store(e, Ctx.STORE, "assign");
            }
            return store(e, Ctx.STORE, "assign");
        }
        List<Expr> elts = new ArrayList<>((n + 1) / 2);
        for (int i = 0; i < n; i += 2) {
            elts.add(starTarget((Star_targetContext) c.getChild(i)));
        }
        return store(new Expr.TupleDisplay(span(c), elts, Ctx.LOAD), Ctx.STORE, "assign");
    }

    private Expr starTarget(Star_targetContext c) {
        check(c);
        if (c.getChildCount() == 1) {
            return primary((PrimaryContext) c.getChild(0));
        }
        return new Expr.Starred(span(c), primary((PrimaryContext) c.getChild(1)), Ctx.LOAD);
    }

    private Expr yieldExpr(Yield_exprContext y) {
        check(y);
        if (y.getChildCount() == 1) {
            return new Expr.Yield(span(y), null);
        }
        if (type(y.getChild(1)) == PythonParser.FROM) {
            return new Expr.YieldFrom(span(y), expression((ExpressionContext) y.getChild(2)));
        }
        return new Expr.Yield(span(y), starExpressions((Star_expressionsContext) y.getChild(1)));
    }

    private Expr number(Token t) {
        String s = t.getText();
        return new Expr.Constant(span(t), Operators.numberKind(s), s);
    }

    // ------------------------------------------------------------------ strings and f-strings

    private Expr strings(StringsContext c) {
        check(c);
        int n = c.getChildCount();
        boolean anyF = false;
        boolean anyBytes = false;
        boolean anyStr = false;
        boolean anyT = false;
        boolean anyNotT = false;
        for (int i = 0; i < n; i++) {
            ParseTree ch = c.getChild(i);
            boolean t = ch instanceof FstringContext f && isTemplate(f);
            anyT |= t;
            anyNotT |= !t;
            if (ch instanceof FstringContext) {
                anyF = true;
                anyStr = true;
            } else if (StringPieces.isBytes(text, startOf(token(ch)))) {
                anyBytes = true;
                checkBytes(token(ch));
            } else {
                anyStr = true;
            }
        }
        Span whole = span(c);
        if (anyT && anyNotT) {
            error("cannot mix t-string literals with string or bytes literals", whole);
        } else if (anyBytes && anyStr) {
            error("cannot mix bytes and nonbytes literals", whole);
        }
        checkEscapes(c, whole);
        if (!anyF) {
            return new Expr.Constant(whole, anyBytes ? ConstantKind.BYTES : ConstantKind.STR,
                    text.substring(whole.start(), whole.end()));
        }
        StringPieces.Joined parts = new StringPieces.Joined(text);
        for (int i = 0; i < n; i++) {
            ParseTree ch = c.getChild(i);
            if (ch instanceof FstringContext f) {
                check(f);
                for (int j = 1; j < f.getChildCount() - 1; j++) {
                    fstringItem((Fstring_itemContext) f.getChild(j), parts, anyT);
                }
            } else {
                Token t = token(ch);
                StringPieces.addStringBody(text, startOf(t), endOf(t), parts);
            }
        }
        return anyT ? new Expr.TemplateStr(whole, parts.finish()) : new Expr.JoinedStr(whole, parts.finish());
    }

    /** Whether this f-string token sequence is a t-string (PEP 750): its prefix has a 't'. */
    private static boolean isTemplate(FstringContext f) {
        String prefix = f.start.getText();
        return prefix.indexOf('t') >= 0 || prefix.indexOf('T') >= 0;
    }

    /**
     * Reports the first escape sequence CPython rejects in these literals ({@link Escapes}), where CPython does: at
     * the end of the whole implicit concatenation.
     */
    private void checkEscapes(StringsContext c, Span whole) {
        String bad = null;
        for (int i = 0; i < c.getChildCount() && bad == null; i++) {
            ParseTree ch = c.getChild(i);
            if (ch instanceof FstringContext f) {
                String start = f.start.getText();
                if (start.indexOf('r') < 0 && start.indexOf('R') < 0) {
                    bad = checkFStringItems(f);
                }
                continue;
            }
            Token t = token(ch);
            bad = StringPieces.escapeError(text, startOf(t), endOf(t), t.getType() == PythonParser.STRING);
        }
        if (bad != null) {
            error(bad, new Span(whole.end(), whole.end()));
        }
    }

    private String checkFStringItems(ParserRuleContext parent) {
        for (int i = 0; i < parent.getChildCount(); i++) {
            if (parent.getChild(i) instanceof Fstring_itemContext item && item.getChildCount() > 0) {
                ParseTree ch = item.getChild(0);
                String bad;
                if (ch instanceof Fstring_fieldContext field) {
                    bad = checkFStringItems(field);
                } else if (ch instanceof TerminalNode n && n.getSymbol().getStartIndex() >= 0
                        && StringPieces.hasBackslash(text, startOf(n.getSymbol()), endOf(n.getSymbol()))) {
                    bad = Escapes.checkStr(text.substring(startOf(n.getSymbol()), endOf(n.getSymbol())));
                } else {
                    bad = null;
                }
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private void checkBytes(Token t) {
        if (StringPieces.hasNonAscii(text, startOf(t), endOf(t))) {
            error("bytes can only contain ASCII literal characters", span(t));
        }
    }

    /** One literal part or field; a field of a t-string ({@code template}) is an Interpolation. */
    private void fstringItem(Fstring_itemContext item, StringPieces.Joined parts, boolean template) {
        check(item);
        ParseTree ch = item.getChild(0);
        if (ch instanceof Fstring_fieldContext field) {
            fstringField(field, parts, template);
        } else {
            Token t = token(ch);
            parts.literal(startOf(t), endOf(t));
        }
    }

    private void fstringField(Fstring_fieldContext f, StringPieces.Joined parts, boolean template) {
        check(f);
        ParseTree valueTree = f.getChild(1);
        Expr value = valueTree instanceof Yield_exprContext y ? yieldExpr(y)
                : starExpressions((Star_expressionsContext) valueTree);
        int conversion = -1;
        Expr.JoinedStr spec = null;
        boolean debug = false;
        int i = 2;
        int n = f.getChildCount();
        if (type(f.getChild(i)) == PythonParser.EQUAL) {
            debug = true;
            ParseTree after = f.getChild(i + 1);
            parts.literal(endOf(f.getChild(0)), startOf(after));
            i++;
        }
        if (type(f.getChild(i)) == PythonParser.EXCLAMATION) {
            NameContext conv = (NameContext) f.getChild(i + 1);
            String cs = conv.getText();
            if (cs.equals("r") || cs.equals("s") || cs.equals("a")) {
                conversion = cs.charAt(0);
            } else {
                error("f-string: invalid conversion character '" + cs + "': expected 's', 'r', or 'a'",
                        span(conv));
            }
            if (startOf(conv) != endOf(f.getChild(i))) {
                error("f-string: conversion type must come right after the exclamanation mark", span(conv));
            }
            i += 2;
        }
        if (type(f.getChild(i)) == PythonParser.COLON) {
            Token colon = token(f.getChild(i));
            StringPieces.Joined specParts = new StringPieces.Joined(text);
            for (int j = i + 1; j < n - 1; j++) {
                fstringItem((Fstring_itemContext) f.getChild(j), specParts, false);
            }
            List<Expr> sv = specParts.finish();
            spec = new Expr.JoinedStr(new Span(endOf(colon), startOf(f.getChild(n - 1))), sv);
        }
        if (debug && conversion == -1 && spec == null) {
            conversion = 'r';
        }
        if (template) {
            // CPython keeps the expression's text with its leading blanks, without the trailing ones
            String source = text.substring(endOf(f.getChild(0)), endOf(valueTree)).stripTrailing();
            parts.value(new Expr.Interpolation(span(f), value, source, conversion, spec));
        } else {
            parts.value(new Expr.FormattedValue(span(f), value, conversion, spec));
        }
    }
}
