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
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

import static dev.memlens.syntax.grammar.PythonLexer.*;

/**
 * The fast first stage of {@link SourceParser}: a hand-written recursive-descent parser over the same tokens as the
 * ANTLR grammar ({@code PythonParser.g4}), building the AST records directly, with no parse tree in between.
 *
 * <p>It is exact or it gives up. For what it accepts it makes exactly the nodes that the grammar's SLL parse and
 * {@link AstBuilder} make (spans included); at anything else it bails out: a syntax error, any check where
 * AstBuilder would report an error (targets, parameter order, escapes, pattern shapes...), a header patch's
 * stand-in token, a stack overflow, and any exception of its own. It works one top-level statement at a time: the
 * ANTLR path parses each statement it bails at, so broken code keeps its messages and its recovery. Bailing is
 * cheap: one preallocated exception without a stack trace.
 *
 * <p>Where the grammar is more permissive than CPython and AstBuilder accepts silently (a parenthesised keyword
 * name {@code f((a)=1)}, a lone starred assignment target), this parser accepts the same: the contract is the
 * ANTLR path's result, not CPython's. Where the grammar has two alternatives for the same tokens, it takes the one
 * SLL prediction takes ({@code with (a, b):} is two items).
 *
 * <p>Each method follows the grammar rule it names; where a rule's span differs from its node's (a parenthesised
 * expression keeps the inner node's span) the code says so.
 */
final class DescentParser {

    /** Not parsed here: the caller falls back to the ANTLR path. */
    private static final class Bail extends RuntimeException {
        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();

    /** Why the last bail happened (null: the token at {@link #p} does not fit the grammar there), for reports. */
    private String reason;

    private Bail bail(/* nullable */ String why) {
        reason = why;
        return BAIL;
    }

    /**
     * The top-level statements parsed, the index of the first token of the one it bailed at (-1: none, the whole
     * token list was parsed), and why it bailed, in a few words (for the differential tests' counts).
     */
    record Result(List<Stmt> statements, int failedAt, /* nullable */ String reason) {
    }

    private final String text;
    private final Token[] tokens;
    private final int[] type;
    private final int[] start;
    private final int[] end;
    private int p;

    /**
     * @param cpToUtf16 code point index to UTF-16 offset, or null when they coincide (no surrogate pairs); token
     *                  positions are code point indices
     */
    DescentParser(String text, Token[] tokens, /* nullable */ int[] cpToUtf16) {
        this.text = text;
        this.tokens = tokens;
        int n = tokens.length;
        // two EOFs past the end: one token of lookahead never runs off the array
        type = new int[n + 2];
        type[n] = EOF;
        type[n + 1] = EOF;
        start = new int[n];
        end = new int[n];
        for (int i = 0; i < n; i++) {
            Token t = tokens[i];
            int s = Math.max(0, t.getStartIndex());
            int e = Math.max(s, t.getStopIndex() + 1);
            // a header patch's stand-in is an Invalid node to AstBuilder: no grammar rule takes it here
            type[i] = t instanceof PlaceholderToken ? PLACEHOLDER : t.getType();
            start[i] = cpToUtf16 == null ? s : cpToUtf16[s];
            end[i] = cpToUtf16 == null ? e : cpToUtf16[e];
        }
    }

    /** A token type no rule accepts. */
    private static final int PLACEHOLDER = -2;

    /** {@code file_input} from token {@code from} on, statement by statement until the first it bails at. */
    static Result parse(String text, Token[] tokens, /* nullable */ int[] cpToUtf16, int from) {
        return new DescentParser(text, tokens, cpToUtf16).module(from);
    }

    /**
     * One top-level {@code statement} starting at token {@code at}: its nodes are added to {@code out} and the index
     * of the token after it is returned, or -1 when it bails ({@code out} unchanged). SLL parses a statement the
     * same way wherever it starts, so statements taken here and statements parsed by ANTLR may alternate.
     */
    int statement(int at, List<Stmt> out) {
        p = at;
        int size = out.size();
        try {
            statement(out);
            return p;
        } catch (RuntimeException | StackOverflowError e) {
            // a bug here must not change what the user gets, and a statement too deep for this stack is the ANTLR
            // path's to handle (it retries on a big stack): either way the ANTLR path parses this statement
            trim(out, size);
            return -1;
        }
    }

    Result module(int from) {
        List<Stmt> out = new ArrayList<>();
        p = from;
        while (true) {
            int t = type[p];
            if (t == EOF) {
                return new Result(out, -1, null);
            }
            if (t == NEWLINE) {
                p++;
                continue;
            }
            int first = p;
            int size = out.size();
            try {
                statement(out);
            } catch (Bail e) {
                String why = reason != null ? reason : "unexpected " + VOCABULARY.getSymbolicName(type[p]);
                return new Result(trim(out, size), first, why);
            } catch (StackOverflowError e) {
                // a statement too deep for this stack is the ANTLR path's to handle (it retries on a big stack)
                return new Result(trim(out, size), first, "stack overflow");
            } catch (RuntimeException e) {
                // a bug here must not change what the user gets: the ANTLR path parses the statement
                return new Result(trim(out, size), first, "internal error: " + e);
            }
        }
    }

    private static List<Stmt> trim(List<Stmt> out, int size) {
        while (out.size() > size) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    // ------------------------------------------------------------------ tokens

    private Span span(int i) {
        return new Span(start[i], end[i]);
    }

    private Span span(int from, int to) {
        return new Span(start[from], end[to]);
    }

    /** The span from token {@code from} to the last token consumed. */
    private Span spanFrom(int from) {
        return new Span(start[from], end[p - 1]);
    }

    private String textOf(int i) {
        return tokens[i].getText();
    }

    private void expect(int t) {
        if (type[p] != t) {
            throw bail(null);
        }
        p++;
    }

    private static boolean isName(int t) {
        return t == NAME || t == MATCH || t == CASE || t == TYPE || t == LAZY;
    }

    private static boolean startsAtom(int t) {
        return switch (t) {
            case NAME, MATCH, CASE, TYPE, LAZY, NUMBER, STRING, FSTRING_START, NONE, TRUE, FALSE, ELLIPSIS, LPAR,
                    LSQB, LBRACE -> true;
            default -> false;
        };
    }

    private static boolean startsExpression(int t) {
        return startsAtom(t) || t == MINUS || t == PLUS || t == TILDE || t == NOT || t == AWAIT || t == LAMBDA;
    }

    /** star_expression, star_named_expression */
    private static boolean startsStarred(int t) {
        return t == STAR || startsExpression(t);
    }

    private boolean atCompFor() {
        return type[p] == FOR || type[p] == ASYNC && type[p + 1] == FOR;
    }

    private Identifier identifier() {
        if (!isName(type[p])) {
            throw bail(null);
        }
        Identifier id = new Identifier(span(p), textOf(p));
        p++;
        return id;
    }

    // ------------------------------------------------------------------ statements

    private void statement(List<Stmt> out) {
        switch (type[p]) {
            case DEF -> out.add(functionDef(List.of(), -1));
            case IF -> out.add(ifStmt());
            case CLASS -> out.add(classDef(List.of()));
            case WITH -> out.add(withStmt(-1));
            case FOR -> out.add(forStmt(-1));
            case TRY -> out.add(tryStmt());
            case WHILE -> out.add(whileStmt());
            case AT -> out.add(decorated());
            case ASYNC -> out.add(asyncStmt());
            case MATCH -> {
                if (endsWithColon()) {
                    out.add(matchStmt());
                } else {
                    simpleStatements(out);
                }
            }
            default -> simpleStatements(out);
        }
    }

    /** Whether the logical line from here ends with ':' (a soft keyword's compound statement, not an expression). */
    private boolean endsWithColon() {
        int i = p;
        while (type[i] != NEWLINE && type[i] != EOF) {
            i++;
        }
        return i > p && type[i - 1] == COLON;
    }

    private void simpleStatements(List<Stmt> out) {
        while (true) {
            out.add(simple());
            if (type[p] == SEMI) {
                p++;
                if (type[p] == NEWLINE) {
                    p++;
                    return;
                }
                continue;
            }
            expect(NEWLINE);
            return;
        }
    }

    private List<Stmt> block() {
        List<Stmt> out = new ArrayList<>();
        if (type[p] != NEWLINE) {
            simpleStatements(out);
            return out;
        }
        p++;
        expect(INDENT);
        do {
            statement(out);
        } while (type[p] != DEDENT);
        p++;
        return out;
    }

    private Stmt simple() {
        int s = p;
        switch (type[p]) {
            case PASS:
                p++;
                return new Stmt.Pass(span(s));
            case BREAK:
                p++;
                return new Stmt.Break(span(s));
            case CONTINUE:
                p++;
                return new Stmt.Continue(span(s));
            case RETURN: {
                p++;
                Expr v = startsStarred(type[p]) ? starExpressions() : null;
                return new Stmt.Return(spanFrom(s), v);
            }
            case RAISE: {
                p++;
                Expr exc = null;
                Expr cause = null;
                if (startsExpression(type[p])) {
                    exc = expression();
                    if (type[p] == FROM) {
                        p++;
                        cause = expression();
                    }
                }
                return new Stmt.Raise(spanFrom(s), exc, cause);
            }
            case GLOBAL:
            case NONLOCAL: {
                p++;
                List<Identifier> names = new ArrayList<>();
                names.add(identifier());
                while (type[p] == COMMA) {
                    p++;
                    names.add(identifier());
                }
                return type[s] == GLOBAL ? new Stmt.Global(spanFrom(s), names) : new Stmt.Nonlocal(spanFrom(s), names);
            }
            case DEL: {
                p++;
                List<Expr> targets = delTargets();
                return new Stmt.Delete(spanFrom(s), targets);
            }
            case ASSERT: {
                p++;
                Expr test = expression();
                Expr msg = null;
                if (type[p] == COMMA) {
                    p++;
                    msg = expression();
                }
                return new Stmt.Assert(spanFrom(s), test, msg);
            }
            case IMPORT:
                return importName(s, false);
            case FROM:
                return importFrom(s, false);
            case LAZY:
                if (type[p + 1] == IMPORT) {
                    p++;
                    return importName(s, true);
                }
                if (type[p + 1] == FROM) {
                    p++;
                    return importFrom(s, true);
                }
                return exprStmt();
            case TYPE:
                if (isName(type[p + 1])) {
                    return typeAlias();
                }
                return exprStmt();
            default:
                return exprStmt();
        }
    }

    /** {@code del star_expressions}: each element of an unparenthesised list is a target (AstBuilder.delTargets). */
    private List<Expr> delTargets() {
        List<Expr> out = new ArrayList<>();
        out.add(store(starExpression(), Ctx.DEL));
        while (type[p] == COMMA) {
            p++;
            if (!startsStarred(type[p])) {
                break;
            }
            out.add(store(starExpression(), Ctx.DEL));
        }
        return out;
    }

    private Stmt importName(int s, boolean lazy) {
        expect(IMPORT);
        List<Alias> names = new ArrayList<>();
        while (true) {
            int a = p;
            String dotted = dottedName();
            Identifier as = null;
            if (type[p] == AS) {
                p++;
                as = identifier();
            }
            names.add(new Alias(spanFrom(a), dotted, as));
            if (type[p] != COMMA) {
                break;
            }
            p++;
        }
        return new Stmt.Import(spanFrom(s), names, lazy);
    }

    private String dottedName() {
        if (!isName(type[p])) {
            throw bail(null);
        }
        String first = textOf(p);
        p++;
        if (type[p] != DOT) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (type[p] == DOT) {
            p++;
            if (!isName(type[p])) {
                throw bail(null);
            }
            sb.append('.').append(textOf(p));
            p++;
        }
        return sb.toString();
    }

    private Stmt importFrom(int s, boolean lazy) {
        expect(FROM);
        int level = 0;
        while (type[p] == DOT || type[p] == ELLIPSIS) {
            level += type[p] == DOT ? 1 : 3;
            p++;
        }
        Identifier module = null;
        if (isName(type[p])) {
            int d = p;
            String dotted = dottedName();
            module = new Identifier(spanFrom(d), dotted);
        }
        if (module == null && level == 0) {
            throw bail("AstBuilder: invalid syntax");
        }
        expect(IMPORT);
        List<Alias> names = new ArrayList<>();
        if (type[p] == STAR) {
            names.add(new Alias(span(p), "*", null));
            p++;
        } else if (type[p] == LPAR) {
            p++;
            while (true) {
                names.add(importAsName());
                if (type[p] != COMMA) {
                    break;
                }
                p++;
                if (type[p] == RPAR) {
                    break;
                }
            }
            expect(RPAR);
        } else {
            names.add(importAsName());
            while (type[p] == COMMA) {
                p++;
                names.add(importAsName());
            }
        }
        return new Stmt.ImportFrom(spanFrom(s), module, names, level, lazy);
    }

    private Alias importAsName() {
        int a = p;
        if (!isName(type[p])) {
            throw bail(null);
        }
        String name = textOf(p);
        p++;
        Identifier as = null;
        if (type[p] == AS) {
            p++;
            as = identifier();
        }
        return new Alias(spanFrom(a), name, as);
    }

    private Stmt typeAlias() {
        int s = p;
        p++;
        int n = p;
        Expr.Name name = new Expr.Name(span(n), textOf(n), Ctx.STORE);
        p++;
        List<TypeParam> params = type[p] == LSQB ? typeParams() : List.of();
        expect(EQUAL);
        Expr value = expression();
        return new Stmt.TypeAlias(spanFrom(s), name, params, value);
    }

    /** expr_stmt: the left side is parsed as an expression list first, then what follows decides. */
    private Stmt exprStmt() {
        int s = p;
        boolean firstYield = type[p] == YIELD;
        Expr first = firstYield ? yieldExpr() : starExpressions();
        int firstLast = p - 1;
        int t = type[p];
        if (t == EQUAL) {
            if (firstYield) {
                throw bail("assignment to yield expression");
            }
            List<Expr> targets = new ArrayList<>();
            targets.add(store(first, Ctx.STORE));
            while (true) {
                p++;
                boolean y = type[p] == YIELD;
                Expr e = y ? yieldExpr() : starExpressions();
                if (type[p] != EQUAL) {
                    return new Stmt.Assign(spanFrom(s), targets, e);
                }
                if (y) {
                    throw bail(null);
                }
                targets.add(store(e, Ctx.STORE));
            }
        }
        Operator aug = Operators.augmented(t);
        if (aug != null) {
            if (!(first instanceof Expr.Name || first instanceof Expr.Attribute || first instanceof Expr.Subscript)) {
                throw bail(null);
            }
            Expr target = store(first, Ctx.STORE);
            p++;
            Expr value = type[p] == YIELD ? yieldExpr() : starExpressions();
            return new Stmt.AugAssign(spanFrom(s), target, aug, value);
        }
        if (t == COLON) {
            boolean simple = false;
            if (first instanceof Expr.Name) {
                simple = firstLast == s;
            } else if (!(first instanceof Expr.Attribute || first instanceof Expr.Subscript)) {
                throw bail("only a single name, attribute or subscript can be annotated");
            }
            Expr target = store(first, Ctx.STORE);
            p++;
            Expr annotation = expression();
            Expr value = null;
            if (type[p] == EQUAL) {
                p++;
                value = type[p] == YIELD ? yieldExpr() : starExpressions();
            }
            return new Stmt.AnnAssign(spanFrom(s), target, annotation, value, simple);
        }
        return new Stmt.Expression(spanFrom(s), first);
    }

    /** AstBuilder.store without its errors: any target CPython rejects bails. */
    private Expr store(Expr e, Ctx ctx) {
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
            return new Expr.TupleDisplay(t.span(), storeAll(t.elts(), ctx), ctx);
        }
        if (e instanceof Expr.ListDisplay l) {
            return new Expr.ListDisplay(l.span(), storeAll(l.elts(), ctx), ctx);
        }
        if (e instanceof Expr.Starred s && ctx == Ctx.STORE) {
            return new Expr.Starred(s.span(), store(s.value(), ctx), ctx);
        }
        throw bail(null);
    }

    private List<Expr> storeAll(List<Expr> elts, Ctx ctx) {
        List<Expr> out = new ArrayList<>(elts.size());
        for (Expr x : elts) {
            out.add(store(x, ctx));
        }
        return out;
    }

    // ------------------------------------------------------------------ compound statements

    private static int lastEnd(List<Stmt> body) {
        return body.get(body.size() - 1).span().end();
    }

    private static int lastEnd(List<Stmt> body, List<Stmt> orelse) {
        return orelse.isEmpty() ? lastEnd(body) : lastEnd(orelse);
    }

    private Stmt decorated() {
        List<Expr> decorators = new ArrayList<>();
        while (type[p] == AT) {
            p++;
            decorators.add(namedExpression());
            expect(NEWLINE);
        }
        switch (type[p]) {
            case CLASS:
                return classDef(decorators);
            case DEF:
                return functionDef(decorators, -1);
            case ASYNC: {
                int a = p;
                p++;
                if (type[p] != DEF) {
                    throw bail(null);
                }
                return functionDef(decorators, a);
            }
            default:
                throw bail(null);
        }
    }

    private Stmt asyncStmt() {
        int a = p;
        p++;
        return switch (type[p]) {
            case DEF -> functionDef(List.of(), a);
            case WITH -> withStmt(a);
            case FOR -> forStmt(a);
            default -> throw bail(null);
        };
    }

    /** A definition's span starts at 'def' (or 'async'), after its decorators, and ends with its body. */
    private Stmt functionDef(List<Expr> decorators, int async) {
        int s = async >= 0 ? async : p;
        expect(DEF);
        Identifier name = identifier();
        List<TypeParam> params = type[p] == LSQB ? typeParams() : List.of();
        expect(LPAR);
        Arguments args = type[p] == RPAR ? Arguments.EMPTY : parameters();
        expect(RPAR);
        Expr returns = null;
        if (type[p] == RARROW) {
            p++;
            returns = expression();
        }
        expect(COLON);
        List<Stmt> body = block();
        return new Stmt.FunctionDef(new Span(start[s], lastEnd(body)), name, params, args, body, decorators, returns,
                async >= 0);
    }

    private Stmt classDef(List<Expr> decorators) {
        int s = p;
        expect(CLASS);
        Identifier name = identifier();
        List<TypeParam> params = type[p] == LSQB ? typeParams() : List.of();
        List<Expr> bases = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        if (type[p] == LPAR) {
            int open = p;
            p++;
            if (type[p] != RPAR) {
                arguments(open, bases, keywords);
            }
            expect(RPAR);
        }
        expect(COLON);
        List<Stmt> body = block();
        return new Stmt.ClassDef(new Span(start[s], lastEnd(body)), name, params, bases, keywords, body, decorators);
    }

    private Stmt ifStmt() {
        int s = p;
        p++;
        Expr test = namedExpression();
        expect(COLON);
        List<Stmt> body = block();
        List<Integer> elifStarts = null;
        List<Expr> elifTests = null;
        List<List<Stmt>> elifBodies = null;
        while (type[p] == ELIF) {
            if (elifStarts == null) {
                elifStarts = new ArrayList<>();
                elifTests = new ArrayList<>();
                elifBodies = new ArrayList<>();
            }
            elifStarts.add(p);
            p++;
            elifTests.add(namedExpression());
            expect(COLON);
            elifBodies.add(block());
        }
        List<Stmt> orelse = elseBlock();
        if (elifStarts != null) {
            for (int i = elifStarts.size() - 1; i >= 0; i--) {
                List<Stmt> eb = elifBodies.get(i);
                orelse = List.of(new Stmt.If(new Span(start[elifStarts.get(i)], lastEnd(eb, orelse)),
                        elifTests.get(i), eb, orelse));
            }
        }
        return new Stmt.If(new Span(start[s], lastEnd(body, orelse)), test, body, orelse);
    }

    private List<Stmt> elseBlock() {
        if (type[p] != ELSE) {
            return List.of();
        }
        p++;
        expect(COLON);
        return block();
    }

    private Stmt whileStmt() {
        int s = p;
        p++;
        Expr test = namedExpression();
        expect(COLON);
        List<Stmt> body = block();
        List<Stmt> orelse = elseBlock();
        return new Stmt.While(new Span(start[s], lastEnd(body, orelse)), test, body, orelse);
    }

    private Stmt forStmt(int async) {
        int s = async >= 0 ? async : p;
        expect(FOR);
        Expr target = starTargets();
        expect(IN);
        Expr iter = starExpressions();
        expect(COLON);
        List<Stmt> body = block();
        List<Stmt> orelse = elseBlock();
        return new Stmt.For(new Span(start[s], lastEnd(body, orelse)), target, iter, body, orelse, async >= 0);
    }

    /**
     * {@code with (a, b):} is first tried as parenthesised items, as the grammar's first alternative (SLL takes it
     * when both fit); when that does not reach the block's colon, {@code (a, b) as c} is the other alternative.
     */
    private Stmt withStmt(int async) {
        int s = async >= 0 ? async : p;
        expect(WITH);
        List<WithItem> items = null;
        if (type[p] == LPAR) {
            int open = p;
            try {
                items = parenthesizedWithItems();
                if (type[p] != COLON) {
                    items = null;
                }
            } catch (Bail e) {
                items = null;
            }
            if (items == null) {
                p = open;
            }
        }
        if (items == null) {
            items = new ArrayList<>();
            while (true) {
                items.add(withItem());
                if (type[p] != COMMA) {
                    break;
                }
                p++;
            }
        }
        expect(COLON);
        List<Stmt> body = block();
        return new Stmt.With(new Span(start[s], lastEnd(body)), items, body, async >= 0);
    }

    private List<WithItem> parenthesizedWithItems() {
        p++;
        List<WithItem> items = new ArrayList<>();
        while (true) {
            items.add(withItem());
            if (type[p] != COMMA) {
                break;
            }
            p++;
            if (type[p] == RPAR) {
                break;
            }
        }
        expect(RPAR);
        return items;
    }

    private WithItem withItem() {
        Expr e = expression();
        Expr target = null;
        if (type[p] == AS) {
            p++;
            target = store(starTarget(), Ctx.STORE);
        }
        return new WithItem(e, target);
    }

    private Stmt tryStmt() {
        int s = p;
        p++;
        expect(COLON);
        List<Stmt> body = block();
        List<ExceptHandler> handlers = new ArrayList<>();
        int stars = 0;
        while (type[p] == EXCEPT) {
            int e = p;
            p++;
            boolean star = false;
            if (type[p] == STAR) {
                p++;
                star = true;
                stars++;
            }
            Expr typeExpr = null;
            Identifier name = null;
            if (type[p] != COLON) {
                int first = p;
                List<Expr> types = new ArrayList<>();
                types.add(expression());
                int lastTypeEnd = end[p - 1];
                boolean comma = false;
                while (type[p] == COMMA) {
                    comma = true;
                    p++;
                    if (!startsExpression(type[p])) {
                        break;
                    }
                    types.add(expression());
                    lastTypeEnd = end[p - 1];
                }
                if (type[p] == AS) {
                    p++;
                    name = identifier();
                }
                if (types.size() == 1 && !comma) {
                    typeExpr = types.get(0);
                } else {
                    if (name != null) {
                        throw bail("multiple exception types must be parenthesized when using 'as'");
                    }
                    // 3.14 (PEP 758): 'except A, B:'; the tuple spans the types, without a trailing comma
                    typeExpr = new Expr.TupleDisplay(new Span(start[first], lastTypeEnd), types, Ctx.LOAD);
                }
            } else if (star) {
                throw bail("expected one or more exception types");
            }
            expect(COLON);
            List<Stmt> hb = block();
            handlers.add(new ExceptHandler(new Span(start[e], lastEnd(hb)), typeExpr, name, hb));
        }
        if (stars > 0 && stars < handlers.size()) {
            throw bail(null);
        }
        List<Stmt> orelse = List.of();
        if (!handlers.isEmpty()) {
            orelse = elseBlock();
        }
        List<Stmt> finalbody = List.of();
        if (type[p] == FINALLY) {
            p++;
            expect(COLON);
            finalbody = block();
        } else if (handlers.isEmpty()) {
            throw bail(null);
        }
        int last = !finalbody.isEmpty() ? lastEnd(finalbody) : !orelse.isEmpty() ? lastEnd(orelse)
                : !handlers.isEmpty() ? handlers.get(handlers.size() - 1).span().end() : lastEnd(body);
        return new Stmt.Try(new Span(start[s], last), body, handlers, orelse, finalbody, stars > 0);
    }

    // ------------------------------------------------------------------ match statements and patterns

    private Stmt matchStmt() {
        int s = p;
        p++;
        int subjectStart = p;
        Expr subject = starNamedExpression();
        if (type[p] == COMMA) {
            List<Expr> elts = new ArrayList<>();
            elts.add(subject);
            while (type[p] == COMMA) {
                p++;
                if (!startsStarred(type[p])) {
                    break;
                }
                elts.add(starNamedExpression());
            }
            subject = new Expr.TupleDisplay(spanFrom(subjectStart), elts, Ctx.LOAD);
        } else if (subject instanceof Expr.Starred) {
            throw bail("cannot use starred expression here");
        }
        expect(COLON);
        expect(NEWLINE);
        expect(INDENT);
        List<MatchCase> cases = new ArrayList<>();
        int last = 0;
        do {
            expect(CASE);
            Pattern pattern = patterns();
            Expr guard = null;
            if (type[p] == IF) {
                p++;
                guard = namedExpression();
            }
            expect(COLON);
            List<Stmt> body = block();
            cases.add(new MatchCase(pattern, guard, body));
            last = lastEnd(body);
        } while (type[p] != DEDENT);
        p++;
        return new Stmt.Match(new Span(start[s], last), subject, cases);
    }

    /** {@code patterns}: one pattern, or an open sequence (a trailing comma makes one). */
    private Pattern patterns() {
        int s = p;
        Pattern first = maybeStarPattern();
        if (type[p] != COMMA) {
            if (first instanceof Pattern.MatchStar) {
                throw bail("a star pattern alone");
            }
            return first;
        }
        List<Pattern> all = patternList(first);
        return new Pattern.MatchSequence(spanFrom(s), all);
    }

    /** The patterns after {@code first} up to a closing bracket or the colon: ({@code , maybe_star_pattern})*. */
    private List<Pattern> patternList(Pattern first) {
        List<Pattern> out = new ArrayList<>();
        out.add(first);
        while (type[p] == COMMA) {
            p++;
            if (type[p] != STAR && !startsPattern(type[p])) {
                break;
            }
            out.add(maybeStarPattern());
        }
        return out;
    }

    private static boolean startsPattern(int t) {
        return switch (t) {
            case NAME, MATCH, CASE, TYPE, LAZY, NUMBER, MINUS, STRING, FSTRING_START, NONE, TRUE, FALSE, LPAR, LSQB,
                    LBRACE -> true;
            default -> false;
        };
    }

    private Pattern maybeStarPattern() {
        if (type[p] != STAR) {
            return pattern();
        }
        int s = p;
        p++;
        if (!isName(type[p])) {
            throw bail(null);
        }
        int n = p;
        p++;
        String id = textOf(n);
        return new Pattern.MatchStar(spanFrom(s), id.equals("_") ? null : new Identifier(span(n), id));
    }

    private Pattern pattern() {
        int s = p;
        Pattern or = orPattern();
        if (type[p] != AS) {
            return or;
        }
        p++;
        if (!isName(type[p]) || textOf(p).equals("_")) {
            throw bail("cannot use '_' as a target");
        }
        Identifier name = identifier();
        return new Pattern.MatchAs(spanFrom(s), or, name);
    }

    private Pattern orPattern() {
        int s = p;
        Pattern first = closedPattern();
        if (type[p] != VBAR) {
            return first;
        }
        List<Pattern> ps = new ArrayList<>();
        ps.add(first);
        while (type[p] == VBAR) {
            p++;
            ps.add(closedPattern());
        }
        return new Pattern.MatchOr(spanFrom(s), ps);
    }

    private Pattern closedPattern() {
        int s = p;
        switch (type[p]) {
            case NAME, MATCH, CASE, TYPE, LAZY -> {
                if (type[p + 1] != DOT && type[p + 1] != LPAR) {
                    String id = textOf(p);
                    p++;
                    return new Pattern.MatchAs(span(s), null, id.equals("_") ? null : new Identifier(span(s), id));
                }
                Expr cls = nameOrAttr();
                if (type[p] != LPAR) {
                    return new Pattern.MatchValue(cls.span(), cls);
                }
                p++;
                List<Pattern> positional = new ArrayList<>();
                List<Identifier> kwdAttrs = new ArrayList<>();
                List<Pattern> kwdPatterns = new ArrayList<>();
                while (type[p] != RPAR) {
                    if (isName(type[p]) && type[p + 1] == EQUAL) {
                        kwdAttrs.add(identifier());
                        p++;
                        kwdPatterns.add(pattern());
                    } else {
                        if (!kwdAttrs.isEmpty()) {
                            throw bail("positional patterns follow keyword patterns");
                        }
                        positional.add(pattern());
                    }
                    if (type[p] != COMMA) {
                        break;
                    }
                    p++;
                }
                expect(RPAR);
                return new Pattern.MatchClass(spanFrom(s), cls, positional, kwdAttrs, kwdPatterns);
            }
            case LPAR -> {
                p++;
                if (type[p] == RPAR) {
                    p++;
                    return new Pattern.MatchSequence(spanFrom(s), List.of());
                }
                Pattern first = maybeStarPattern();
                if (type[p] == RPAR) {
                    p++;
                    // a parenthesised pattern keeps its own span; a lone star pattern is a sequence
                    return first instanceof Pattern.MatchStar ? new Pattern.MatchSequence(spanFrom(s), List.of(first))
                            : first;
                }
                List<Pattern> ps = patternList(first);
                expect(RPAR);
                return new Pattern.MatchSequence(spanFrom(s), ps);
            }
            case LSQB -> {
                p++;
                List<Pattern> ps = List.of();
                if (type[p] != RSQB) {
                    ps = patternList(maybeStarPattern());
                }
                expect(RSQB);
                return new Pattern.MatchSequence(spanFrom(s), ps);
            }
            case LBRACE -> {
                return mappingPattern();
            }
            default -> {
                Expr v = literalPattern();
                if (v instanceof Expr.Constant k && (k.kind() == ConstantKind.NONE || k.kind() == ConstantKind.TRUE
                        || k.kind() == ConstantKind.FALSE)) {
                    return new Pattern.MatchSingleton(k.span(), k.kind());
                }
                return new Pattern.MatchValue(v.span(), v);
            }
        }
    }

    private Pattern mappingPattern() {
        int s = p;
        p++;
        List<Expr> keys = new ArrayList<>();
        List<Pattern> values = new ArrayList<>();
        Identifier rest = null;
        while (type[p] != RBRACE) {
            if (rest != null) {
                throw bail("a mapping pattern item after **rest");
            }
            if (type[p] == DOUBLESTAR) {
                p++;
                rest = identifier();
            } else {
                Expr key;
                if (isName(type[p])) {
                    if (type[p + 1] != DOT) {
                        throw bail("a name as a mapping pattern key");
                    }
                    key = nameOrAttr();
                } else {
                    key = literalPattern();
                }
                expect(COLON);
                keys.add(key);
                values.add(pattern());
            }
            if (type[p] != COMMA) {
                break;
            }
            p++;
        }
        expect(RBRACE);
        return new Pattern.MatchMapping(spanFrom(s), keys, values, rest);
    }

    /** {@code name_or_attr}: a dotted name, each Attribute spanning from the first name. */
    private Expr nameOrAttr() {
        int s = p;
        if (!isName(type[p])) {
            throw bail(null);
        }
        Expr e = new Expr.Name(span(p), textOf(p), Ctx.LOAD);
        p++;
        while (type[p] == DOT) {
            p++;
            Identifier name = identifier();
            e = new Expr.Attribute(spanFrom(s), e, name, Ctx.LOAD);
        }
        return e;
    }

    /** A literal pattern: a signed number (plus or minus an imaginary one), strings, None, True or False. */
    private Expr literalPattern() {
        int s = p;
        switch (type[p]) {
            case NUMBER, MINUS -> {
                Expr left = signedNumber();
                if (type[p] != PLUS && type[p] != MINUS) {
                    return left;
                }
                Operator op = type[p] == PLUS ? Operator.ADD : Operator.SUB;
                p++;
                if (type[p] != NUMBER) {
                    throw bail(null);
                }
                Expr right = number();
                if (((Expr.Constant) right).kind() != ConstantKind.COMPLEX) {
                    throw bail("imaginary number required in complex literal");
                }
                return new Expr.BinOp(spanFrom(s), left, op, right);
            }
            case STRING, FSTRING_START -> {
                Expr e = strings();
                if (!(e instanceof Expr.Constant)) {
                    throw bail("patterns may only match literals and attribute lookups");
                }
                return e;
            }
            case NONE, TRUE, FALSE -> {
                return atom();
            }
            default -> throw bail(null);
        }
    }

    private Expr signedNumber() {
        if (type[p] == NUMBER) {
            return number();
        }
        int s = p;
        p++;
        if (type[p] != NUMBER) {
            throw bail(null);
        }
        Expr n = number();
        return new Expr.UnaryOp(spanFrom(s), UnaryOperator.USUB, n);
    }

    private Expr number() {
        int s = p;
        p++;
        String raw = textOf(s);
        return new Expr.Constant(span(s), Operators.numberKind(raw), raw);
    }

    // ------------------------------------------------------------------ parameters

    /** AstBuilder's parameter-order checks, each of which bails here. */
    private final class Params {
        final List<Arg> posonly = new ArrayList<>();
        final List<Arg> args = new ArrayList<>();
        final List<Arg> kwonly = new ArrayList<>();
        final List<Expr> kwDefaults = new ArrayList<>();
        final List<Expr> defaults = new ArrayList<>();
        Arg vararg;
        Arg kwarg;
        boolean slash;
        boolean star;
        boolean bareStar;

        void item() {
            if (kwarg != null) {
                throw bail("arguments cannot follow var-keyword argument");
            }
        }

        void slash() {
            if (slash || star || args.isEmpty()) {
                throw bail(null);
            }
            slash = true;
            posonly.addAll(args);
            args.clear();
        }

        void star(/* nullable: bare */ Arg a) {
            if (star) {
                throw bail(null);
            }
            star = true;
            if (a == null) {
                bareStar = true;
            } else {
                vararg = a;
            }
        }

        void plain(Arg a, /* nullable */ Expr def) {
            if (star) {
                kwonly.add(a);
                kwDefaults.add(def);
            } else {
                args.add(a);
                if (def != null) {
                    defaults.add(def);
                } else if (!defaults.isEmpty()) {
                    throw bail("parameter without a default follows parameter with a default");
                }
            }
        }

        Arguments finish() {
            if (bareStar && kwonly.isEmpty()) {
                throw bail("named arguments must follow bare *");
            }
            return new Arguments(posonly, args, vararg, kwonly, kwDefaults, kwarg, defaults);
        }
    }

    /** {@code parameters}: up to the closing parenthesis (a trailing comma allowed). */
    private Arguments parameters() {
        Params ps = new Params();
        while (true) {
            ps.item();
            switch (type[p]) {
                case SLASH -> {
                    p++;
                    ps.slash();
                }
                case STAR -> {
                    p++;
                    if (isName(type[p])) {
                        int n = p;
                        p++;
                        Expr ann = null;
                        if (type[p] == COLON) {
                            p++;
                            ann = starExpression();
                        }
                        ps.star(new Arg(spanFrom(n), textOf(n), ann));
                    } else {
                        ps.star(null);
                    }
                }
                case DOUBLESTAR -> {
                    p++;
                    if (!isName(type[p])) {
                        throw bail(null);
                    }
                    int n = p;
                    p++;
                    Expr ann = null;
                    if (type[p] == COLON) {
                        p++;
                        ann = expression();
                    }
                    ps.kwarg = new Arg(spanFrom(n), textOf(n), ann);
                }
                default -> {
                    if (!isName(type[p])) {
                        throw bail(null);
                    }
                    int n = p;
                    p++;
                    Expr ann = null;
                    if (type[p] == COLON) {
                        p++;
                        ann = expression();
                    }
                    Arg a = new Arg(spanFrom(n), textOf(n), ann);
                    Expr def = null;
                    if (type[p] == EQUAL) {
                        p++;
                        def = expression();
                    }
                    ps.plain(a, def);
                }
            }
            if (type[p] != COMMA) {
                break;
            }
            p++;
            if (type[p] == RPAR) {
                break;
            }
        }
        return ps.finish();
    }

    /** {@code lambda_params}: up to the colon (a trailing comma allowed). */
    private Arguments lambdaParameters() {
        Params ps = new Params();
        while (true) {
            ps.item();
            switch (type[p]) {
                case SLASH -> {
                    p++;
                    ps.slash();
                }
                case STAR -> {
                    p++;
                    if (isName(type[p])) {
                        ps.star(new Arg(span(p), textOf(p), null));
                        p++;
                    } else {
                        ps.star(null);
                    }
                }
                case DOUBLESTAR -> {
                    p++;
                    if (!isName(type[p])) {
                        throw bail(null);
                    }
                    ps.kwarg = new Arg(span(p), textOf(p), null);
                    p++;
                }
                default -> {
                    if (!isName(type[p])) {
                        throw bail(null);
                    }
                    Arg a = new Arg(span(p), textOf(p), null);
                    p++;
                    Expr def = null;
                    if (type[p] == EQUAL) {
                        p++;
                        def = expression();
                    }
                    ps.plain(a, def);
                }
            }
            if (type[p] != COMMA) {
                break;
            }
            p++;
            if (type[p] == COLON) {
                break;
            }
        }
        return ps.finish();
    }

    private List<TypeParam> typeParams() {
        expect(LSQB);
        List<TypeParam> out = new ArrayList<>();
        while (true) {
            int s = p;
            if (type[p] == STAR) {
                p++;
                Identifier name = identifier();
                Expr def = null;
                if (type[p] == EQUAL) {
                    p++;
                    def = starExpression();
                }
                out.add(new TypeParam.TypeVarTuple(spanFrom(s), name, def));
            } else if (type[p] == DOUBLESTAR) {
                p++;
                Identifier name = identifier();
                Expr def = null;
                if (type[p] == EQUAL) {
                    p++;
                    def = expression();
                }
                out.add(new TypeParam.ParamSpec(spanFrom(s), name, def));
            } else {
                Identifier name = identifier();
                Expr bound = null;
                Expr def = null;
                if (type[p] == COLON) {
                    p++;
                    bound = expression();
                }
                if (type[p] == EQUAL) {
                    p++;
                    def = expression();
                }
                out.add(new TypeParam.TypeVar(spanFrom(s), name, bound, def));
            }
            if (type[p] != COMMA) {
                break;
            }
            p++;
            if (type[p] == RSQB) {
                break;
            }
        }
        expect(RSQB);
        return out;
    }

    // ------------------------------------------------------------------ expressions

    private Expr starExpressions() {
        int s = p;
        Expr first = starExpression();
        if (type[p] != COMMA) {
            return first;
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (type[p] == COMMA) {
            p++;
            if (!startsStarred(type[p])) {
                break;
            }
            elts.add(starExpression());
        }
        return new Expr.TupleDisplay(spanFrom(s), elts, Ctx.LOAD);
    }

    private Expr starExpression() {
        if (type[p] != STAR) {
            return expression();
        }
        int s = p;
        p++;
        Expr v = bitwiseOr();
        return new Expr.Starred(spanFrom(s), v, Ctx.LOAD);
    }

    /** star_named_expression (its lone-NUMBER shortcut makes the same Constant as the general form). */
    private Expr starNamedExpression() {
        return type[p] == STAR ? starExpression() : namedExpression();
    }

    private Expr namedExpression() {
        int s = p;
        Expr left = expression();
        if (type[p] != COLONEQUAL) {
            return left;
        }
        p++;
        Expr value = expression();
        return walrus(spanFrom(s), left, value);
    }

    private Expr walrus(Span span, Expr left, Expr value) {
        if (!(left instanceof Expr.Name n)) {
            throw bail("cannot use assignment expressions with ...");
        }
        return new Expr.NamedExpr(span, new Expr.Name(n.span(), n.id(), Ctx.STORE), value);
    }

    private Expr expression() {
        if (type[p] == LAMBDA) {
            return lambdef();
        }
        int s = p;
        Expr body = disjunction();
        if (type[p] != IF) {
            return body;
        }
        p++;
        Expr test = disjunction();
        expect(ELSE);
        Expr orelse = expression();
        return new Expr.IfExp(spanFrom(s), test, body, orelse);
    }

    private Expr lambdef() {
        int s = p;
        p++;
        Arguments args = type[p] == COLON ? Arguments.EMPTY : lambdaParameters();
        expect(COLON);
        Expr body = expression();
        return new Expr.Lambda(spanFrom(s), args, body);
    }

    /** {@code a or b and c}: 'and' binds tighter; each operator's operands become one flat BoolOp. */
    private Expr disjunction() {
        int s = p;
        Expr first = inversion();
        if (type[p] != AND && type[p] != OR) {
            return first;
        }
        List<Expr> ors = new ArrayList<>();
        List<Expr> ands = null;
        int andStart = 0;
        int andEnd = 0;
        Expr pending = first;
        int pendingStart = start[s];
        while (type[p] == AND || type[p] == OR) {
            boolean and = type[p] == AND;
            p++;
            int next = p;
            Expr right = inversion();
            if (and) {
                if (ands == null) {
                    ands = new ArrayList<>();
                    ands.add(pending);
                    andStart = pendingStart;
                }
                ands.add(right);
                andEnd = end[p - 1];
            } else {
                ors.add(ands == null ? pending : new Expr.BoolOp(new Span(andStart, andEnd), BoolOperator.AND, ands));
                ands = null;
                pending = right;
                pendingStart = start[next];
            }
        }
        Expr last = ands == null ? pending : new Expr.BoolOp(new Span(andStart, andEnd), BoolOperator.AND, ands);
        if (ors.isEmpty()) {
            return last;
        }
        ors.add(last);
        return new Expr.BoolOp(spanFrom(s), BoolOperator.OR, ors);
    }

    private Expr inversion() {
        if (type[p] != NOT) {
            return comparison();
        }
        int first = p;
        while (type[p] == NOT) {
            p++;
        }
        int last = p;
        Expr e = comparison();
        int e2 = end[p - 1];
        for (int i = last - 1; i >= first; i--) {
            e = new Expr.UnaryOp(new Span(start[i], e2), UnaryOperator.NOT, e);
        }
        return e;
    }

    private Expr comparison() {
        int s = p;
        Expr left = binary(1);
        CmpOperator op = Operators.comparison(type[p], type[p + 1]);
        if (op == null) {
            return left;
        }
        List<CmpOperator> ops = new ArrayList<>();
        List<Expr> comparators = new ArrayList<>();
        while (op != null) {
            p += op == CmpOperator.NOT_IN || op == CmpOperator.IS_NOT ? 2 : 1;
            ops.add(op);
            comparators.add(binary(1));
            op = Operators.comparison(type[p], type[p + 1]);
        }
        return new Expr.Compare(spanFrom(s), left, ops, comparators);
    }

    /** Where CPython allows only a bitwise_or ('*x', '**x'): a comparison there is an error (AstBuilder). */
    private Expr bitwiseOr() {
        Expr e = binary(1);
        if (Operators.comparison(type[p], type[p + 1]) != null || type[p] == NOT) {
            throw bail(null);
        }
        return e;
    }

    /** Binary operators by precedence climbing: left-associative, each BinOp spanning its operands. */
    private Expr binary(int minPrecedence) {
        int s = p;
        Expr left = factor();
        while (true) {
            int t = type[p];
            int prec = Operators.precedence(t);
            if (prec == 0 || prec < minPrecedence) {
                return left;
            }
            p++;
            Expr right = binary(prec + 1);
            left = new Expr.BinOp(spanFrom(s), left, Operators.binary(t), right);
        }
    }

    /** Unary operators, await, an atom with its trailers, and '**' (binding tighter than the unary operators). */
    private Expr factor() {
        int firstUnary = p;
        while (type[p] == PLUS || type[p] == MINUS || type[p] == TILDE) {
            p++;
        }
        int unaryEnd = p;
        int await = -1;
        if (type[p] == AWAIT) {
            await = p;
            p++;
        }
        int a = p;
        Expr e = trailers(atom(), a);
        int from = a;
        if (await >= 0) {
            from = await;
            e = new Expr.Await(spanFrom(await), e);
        }
        if (type[p] == DOUBLESTAR) {
            p++;
            Expr exponent = factor();
            e = new Expr.BinOp(spanFrom(from), e, Operator.POW, exponent);
        }
        if (unaryEnd > firstUnary) {
            int last = end[p - 1];
            for (int u = unaryEnd - 1; u >= firstUnary; u--) {
                UnaryOperator op = switch (type[u]) {
                    case PLUS -> UnaryOperator.UADD;
                    case MINUS -> UnaryOperator.USUB;
                    default -> UnaryOperator.INVERT;
                };
                e = new Expr.UnaryOp(new Span(start[u], last), op, e);
            }
        }
        return e;
    }

    /** A primary in a binding position (for/comprehension/with targets): an atom with its trailers. */
    private Expr primary() {
        int a = p;
        return trailers(atom(), a);
    }

    /** Attribute, call and subscript trailers; each node spans from the atom's first token. */
    private Expr trailers(Expr e, int a) {
        while (true) {
            switch (type[p]) {
                case DOT -> {
                    p++;
                    Identifier name = identifier();
                    e = new Expr.Attribute(spanFrom(a), e, name, Ctx.LOAD);
                }
                case LPAR -> {
                    int open = p;
                    p++;
                    List<Expr> args = new ArrayList<>();
                    List<Keyword> keywords = new ArrayList<>();
                    if (type[p] != RPAR) {
                        arguments(open, args, keywords);
                    }
                    expect(RPAR);
                    e = new Expr.Call(spanFrom(a), e, args, keywords);
                }
                case LSQB -> {
                    p++;
                    Expr slice = slices();
                    expect(RSQB);
                    e = new Expr.Subscript(spanFrom(a), e, slice, Ctx.LOAD);
                }
                default -> {
                    return e;
                }
            }
        }
    }

    /** Call arguments (or class bases) after {@code open}, up to the closing parenthesis. */
    private void arguments(int open, List<Expr> args, List<Keyword> keywords) {
        boolean sawKeyword = false;
        boolean sawDoubleStar = false;
        boolean first = true;
        while (true) {
            int a = p;
            if (type[p] == STAR) {
                p++;
                Expr v = expression();
                if (atCompFor()) {
                    args.add(generatorArgument(new Expr.Starred(spanFrom(a), v, Ctx.LOAD), first, open));
                } else {
                    if (sawDoubleStar) {
                        throw bail("iterable argument unpacking follows keyword argument unpacking");
                    }
                    args.add(new Expr.Starred(spanFrom(a), v, Ctx.LOAD));
                }
            } else if (type[p] == DOUBLESTAR) {
                p++;
                Expr v = expression();
                sawDoubleStar = true;
                keywords.add(new Keyword(spanFrom(a), null, v));
            } else {
                Expr v = expression();
                if (type[p] == EQUAL) {
                    p++;
                    Expr value = expression();
                    sawKeyword = true;
                    if (!(v instanceof Expr.Name nm)) {
                        throw bail("expression cannot contain assignment");
                    }
                    keywords.add(new Keyword(spanFrom(a), new Identifier(nm.span(), nm.id()), value));
                } else if (type[p] == COLONEQUAL) {
                    p++;
                    Expr value = expression();
                    Expr w = walrus(spanFrom(a), v, value);
                    if (atCompFor()) {
                        args.add(generatorArgument(w, first, open));
                    } else {
                        if (sawKeyword || sawDoubleStar) {
                            throw bail(null);
                        }
                        args.add(w);
                    }
                } else if (atCompFor()) {
                    args.add(generatorArgument(v, first, open));
                } else {
                    if (sawKeyword || sawDoubleStar) {
                        throw bail("positional argument follows keyword argument (unpacking)");
                    }
                    args.add(v);
                }
            }
            if (type[p] != COMMA) {
                return;
            }
            p++;
            if (type[p] == RPAR) {
                return;
            }
            first = false;
        }
    }

    /** {@code f(x for x in xs)}: only a sole argument may be one; it spans the call's parentheses. */
    private Expr generatorArgument(Expr elt, boolean first, int open) {
        List<Comprehension> gens = compFor();
        if (!first || type[p] != RPAR) {
            throw bail("Generator expression must be parenthesized");
        }
        return new Expr.GeneratorExp(new Span(start[open], end[p]), elt, gens);
    }

    private Expr slices() {
        int s = p;
        Expr first = slice();
        if (type[p] != COMMA) {
            // a[*b] is a one-element tuple, as if written a[*b,]
            return first instanceof Expr.Starred ? new Expr.TupleDisplay(spanFrom(s), List.of(first), Ctx.LOAD)
                    : first;
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (type[p] == COMMA) {
            p++;
            if (!startsStarred(type[p]) && type[p] != COLON) {
                break;
            }
            elts.add(slice());
        }
        return new Expr.TupleDisplay(spanFrom(s), elts, Ctx.LOAD);
    }

    private Expr slice() {
        int s = p;
        if (type[p] == STAR) {
            p++;
            Expr v = expression();
            return new Expr.Starred(spanFrom(s), v, Ctx.LOAD);
        }
        Expr lower = null;
        if (type[p] != COLON) {
            lower = expression();
            boolean walrus = false;
            if (type[p] == COLONEQUAL) {
                p++;
                Expr value = expression();
                lower = walrus(spanFrom(s), lower, value);
                walrus = true;
            }
            if (type[p] != COLON) {
                return lower;
            }
            if (walrus) {
                throw bail(null);
            }
        }
        p++;
        Expr upper = null;
        Expr step = null;
        if (startsExpression(type[p])) {
            upper = expression();
        }
        if (type[p] == COLON) {
            p++;
            if (startsExpression(type[p])) {
                step = expression();
            }
        }
        return new Expr.Slice(spanFrom(s), lower, upper, step);
    }

    private Expr atom() {
        int s = p;
        switch (type[p]) {
            case NAME:
            case MATCH:
            case CASE:
            case TYPE:
            case LAZY:
                p++;
                return new Expr.Name(span(s), textOf(s), Ctx.LOAD);
            case NUMBER:
                return number();
            case STRING:
            case FSTRING_START:
                return strings();
            case NONE:
                p++;
                return new Expr.Constant(span(s), ConstantKind.NONE, "None");
            case TRUE:
                p++;
                return new Expr.Constant(span(s), ConstantKind.TRUE, "True");
            case FALSE:
                p++;
                return new Expr.Constant(span(s), ConstantKind.FALSE, "False");
            case ELLIPSIS:
                p++;
                return new Expr.Constant(span(s), ConstantKind.ELLIPSIS, "...");
            case LPAR:
                return parenthesized();
            case LSQB:
                return list();
            case LBRACE:
                return dictOrSet();
            default:
                throw bail(null);
        }
    }

    /** A parenthesised expression keeps its own span (without the parentheses); a tuple or generator spans them. */
    private Expr parenthesized() {
        int s = p;
        p++;
        if (type[p] == RPAR) {
            p++;
            return new Expr.TupleDisplay(spanFrom(s), List.of(), Ctx.LOAD);
        }
        if (type[p] == YIELD) {
            Expr y = yieldExpr();
            expect(RPAR);
            return y;
        }
        Expr first = starNamedExpression();
        if (atCompFor()) {
            List<Comprehension> gens = compFor();
            expect(RPAR);
            return new Expr.GeneratorExp(spanFrom(s), first, gens);
        }
        if (type[p] == RPAR) {
            if (first instanceof Expr.Starred) {
                throw bail("cannot use starred expression here");
            }
            p++;
            return first;
        }
        List<Expr> elts = elements(first, RPAR);
        expect(RPAR);
        return new Expr.TupleDisplay(spanFrom(s), elts, Ctx.LOAD);
    }

    /** The elements after the first of a display: ({@code , star_named_expression})* and a trailing comma. */
    private List<Expr> elements(Expr first, int close) {
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (type[p] == COMMA) {
            p++;
            if (type[p] == close) {
                break;
            }
            elts.add(starNamedExpression());
        }
        return elts;
    }

    private Expr list() {
        int s = p;
        p++;
        if (type[p] == RSQB) {
            p++;
            return new Expr.ListDisplay(spanFrom(s), List.of(), Ctx.LOAD);
        }
        Expr first = starNamedExpression();
        if (atCompFor()) {
            List<Comprehension> gens = compFor();
            expect(RSQB);
            return new Expr.ListComp(spanFrom(s), first, gens);
        }
        List<Expr> elts = elements(first, RSQB);
        expect(RSQB);
        return new Expr.ListDisplay(spanFrom(s), elts, Ctx.LOAD);
    }

    private Expr dictOrSet() {
        int s = p;
        p++;
        if (type[p] == RBRACE) {
            p++;
            return new Expr.DictDisplay(spanFrom(s), List.of(), List.of());
        }
        if (type[p] == DOUBLESTAR) {
            p++;
            Expr v = bitwiseOr();
            if (atCompFor()) {
                List<Comprehension> gens = compFor();
                expect(RBRACE);
                return new Expr.DictComp(spanFrom(s), v, null, gens);
            }
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            keys.add(null);
            values.add(v);
            return dictDisplay(s, keys, values);
        }
        Expr first;
        if (type[p] == STAR) {
            first = starExpression();
        } else {
            int k = p;
            first = expression();
            boolean walrus = false;
            if (type[p] == COLONEQUAL) {
                p++;
                Expr value = expression();
                first = walrus(spanFrom(k), first, value);
                walrus = true;
            }
            if (type[p] == COLON) {
                if (walrus) {
                    throw bail(null);
                }
                p++;
                Expr value = expression();
                if (atCompFor()) {
                    List<Comprehension> gens = compFor();
                    expect(RBRACE);
                    return new Expr.DictComp(spanFrom(s), first, value, gens);
                }
                List<Expr> keys = new ArrayList<>();
                List<Expr> values = new ArrayList<>();
                keys.add(first);
                values.add(value);
                return dictDisplay(s, keys, values);
            }
        }
        if (atCompFor()) {
            List<Comprehension> gens = compFor();
            expect(RBRACE);
            return new Expr.SetComp(spanFrom(s), first, gens);
        }
        List<Expr> elts = elements(first, RBRACE);
        expect(RBRACE);
        return new Expr.SetDisplay(spanFrom(s), elts);
    }

    private Expr dictDisplay(int s, List<Expr> keys, List<Expr> values) {
        while (type[p] == COMMA) {
            p++;
            if (type[p] == RBRACE) {
                break;
            }
            if (type[p] == DOUBLESTAR) {
                p++;
                keys.add(null);
                values.add(bitwiseOr());
            } else {
                keys.add(expression());
                expect(COLON);
                values.add(expression());
            }
        }
        expect(RBRACE);
        return new Expr.DictDisplay(spanFrom(s), keys, values);
    }

    private List<Comprehension> compFor() {
        List<Comprehension> out = new ArrayList<>(2);
        do {
            boolean async = false;
            if (type[p] == ASYNC) {
                async = true;
                p++;
            }
            expect(FOR);
            Expr target = starTargets();
            expect(IN);
            Expr iter = disjunction();
            List<Expr> ifs = new ArrayList<>();
            while (type[p] == IF) {
                p++;
                ifs.add(disjunction());
            }
            out.add(new Comprehension(target, iter, ifs, async));
        } while (atCompFor());
        return out;
    }

    private Expr starTargets() {
        int s = p;
        Expr first = starTarget();
        if (type[p] != COMMA) {
            return store(first, Ctx.STORE);
        }
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (type[p] == COMMA) {
            p++;
            if (type[p] != STAR && !startsAtom(type[p])) {
                break;
            }
            elts.add(starTarget());
        }
        return store(new Expr.TupleDisplay(spanFrom(s), elts, Ctx.LOAD), Ctx.STORE);
    }

    private Expr starTarget() {
        if (type[p] != STAR) {
            return primary();
        }
        int s = p;
        p++;
        Expr v = primary();
        return new Expr.Starred(spanFrom(s), v, Ctx.LOAD);
    }

    private Expr yieldExpr() {
        int s = p;
        p++;
        if (type[p] == FROM) {
            p++;
            Expr v = expression();
            return new Expr.YieldFrom(spanFrom(s), v);
        }
        if (startsStarred(type[p])) {
            Expr v = starExpressions();
            return new Expr.Yield(spanFrom(s), v);
        }
        return new Expr.Yield(span(s), null);
    }

    // ------------------------------------------------------------------ strings and f-strings

    /**
     * Implicitly concatenated STRING and f-string pieces. Any mix AstBuilder reports (bytes with str, t-strings with
     * others), a non-ASCII bytes literal or a bad escape bails. Without an f-string the node is the Constant of the
     * whole text; with one, the STRING pieces before it are added to its parts when it comes.
     */
    private Expr strings() {
        int s = p;
        boolean bytes = type[p] == STRING && StringPieces.isBytes(text, start[p]);
        boolean template = type[p] == FSTRING_START && isTemplate(p);
        StringPieces.Joined parts = null;
        while (type[p] == STRING || type[p] == FSTRING_START) {
            if (type[p] == STRING) {
                int ts = start[p];
                int te = end[p];
                if (StringPieces.isBytes(text, ts) != bytes || template) {
                    throw bail(null);
                }
                if (bytes && StringPieces.hasNonAscii(text, ts, te)) {
                    throw bail(null);
                }
                if (StringPieces.escapeError(text, ts, te, true) != null) {
                    throw bail(null);
                }
                if (parts != null) {
                    StringPieces.addStringBody(text, ts, te, parts);
                }
                p++;
            } else {
                if (bytes || isTemplate(p) != template) {
                    throw bail(null);
                }
                if (parts == null) {
                    parts = new StringPieces.Joined(text);
                    for (int i = s; i < p; i++) {
                        StringPieces.addStringBody(text, start[i], end[i], parts);
                    }
                }
                fstring(parts, template);
            }
        }
        Span whole = spanFrom(s);
        if (parts == null) {
            return new Expr.Constant(whole, bytes ? ConstantKind.BYTES : ConstantKind.STR,
                    text.substring(whole.start(), whole.end()));
        }
        return template ? new Expr.TemplateStr(whole, parts.finish()) : new Expr.JoinedStr(whole, parts.finish());
    }

    /** Whether the f-string starting at token {@code i} is a t-string (PEP 750): its prefix has a 't'. */
    private boolean isTemplate(int i) {
        for (int k = start[i]; k < end[i]; k++) {
            char c = text.charAt(k);
            if (c == 't' || c == 'T') {
                return true;
            }
        }
        return false;
    }

    private boolean isRaw(int i) {
        for (int k = start[i]; k < end[i]; k++) {
            char c = text.charAt(k);
            if (c == 'r' || c == 'R') {
                return true;
            }
        }
        return false;
    }

    private void fstring(StringPieces.Joined parts, boolean template) {
        boolean raw = isRaw(p);
        p++;
        while (type[p] != FSTRING_END) {
            if (type[p] == FSTRING_MIDDLE) {
                middle(parts, raw);
            } else if (type[p] == LBRACE) {
                field(parts, template, raw);
            } else {
                throw bail(null);
            }
        }
        p++;
    }

    /** Literal text of an f-string, kept raw; escapes are checked unless the f-string is raw. */
    private void middle(StringPieces.Joined parts, boolean raw) {
        int ts = start[p];
        int te = end[p];
        if (!raw && StringPieces.hasBackslash(text, ts, te) && Escapes.checkStr(text.substring(ts, te)) != null) {
            throw bail(null);
        }
        parts.literal(ts, te);
        p++;
    }

    /** A replacement field; a field of a t-string ({@code template}) is an Interpolation. */
    private void field(StringPieces.Joined parts, boolean template, boolean raw) {
        int lb = p;
        p++;
        Expr value = type[p] == YIELD ? yieldExpr() : starExpressions();
        int valueEnd = end[p - 1];
        int conversion = -1;
        Expr.JoinedStr spec = null;
        boolean debug = false;
        if (type[p] == EQUAL) {
            debug = true;
            p++;
            parts.literal(end[lb], start[p]);
        }
        if (type[p] == EXCLAMATION) {
            int ex = p;
            p++;
            if (!isName(type[p])) {
                throw bail(null);
            }
            String cs = textOf(p);
            if (!(cs.equals("r") || cs.equals("s") || cs.equals("a")) || start[p] != end[ex]) {
                throw bail(null);
            }
            conversion = cs.charAt(0);
            p++;
        }
        if (type[p] == COLON) {
            int colon = p;
            p++;
            StringPieces.Joined specParts = new StringPieces.Joined(text);
            while (type[p] != RBRACE) {
                if (type[p] == FSTRING_MIDDLE) {
                    middle(specParts, raw);
                } else if (type[p] == LBRACE) {
                    field(specParts, false, raw);
                } else {
                    throw bail(null);
                }
            }
            spec = new Expr.JoinedStr(new Span(end[colon], start[p]), specParts.finish());
        }
        expect(RBRACE);
        if (debug && conversion == -1 && spec == null) {
            conversion = 'r';
        }
        Span span = spanFrom(lb);
        if (template) {
            // CPython keeps the expression's text with its leading blanks, without the trailing ones
            String source = text.substring(end[lb], valueEnd).stripTrailing();
            parts.value(new Expr.Interpolation(span, value, source, conversion, spec));
        } else {
            parts.value(new Expr.FormattedValue(span, value, conversion, spec));
        }
    }
}
