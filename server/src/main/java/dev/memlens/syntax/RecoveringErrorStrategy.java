package dev.memlens.syntax;

import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.PythonParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Error handling for the second (LL) parse: CPython's wording for the first error of each broken statement, and
 * recovery that skips to the end of the logical line instead of resynchronising in the middle of an expression.
 * It never conjures an INDENT or DEDENT, so a missing block does not swallow the statements that follow it.
 */
final class RecoveringErrorStrategy extends DefaultErrorStrategy {
    private final String text;
    private final int[] cpMap;
    private final List<ParseError> errors = new ArrayList<>();
    private final List<ParserRuleContext> brokenHeaders = new ArrayList<>();

    RecoveringErrorStrategy(String text, int[] cpMap) {
        this.text = text;
        this.cpMap = cpMap;
    }

    List<ParseError> errors() {
        return errors;
    }

    /** Compound statements whose header line (before its block) had a reported error, in order. */
    List<ParserRuleContext> brokenHeaders() {
        return brokenHeaders;
    }

    /** Notes the compound statement whose header holds the offending token, if it is in one. */
    private void noteHeader(Parser p, Token t) {
        if (t == null || t.getTokenIndex() < 0) {
            return;
        }
        for (ParserRuleContext c = p.getContext(); c != null; c = c.getParent()) {
            if (c instanceof PythonParser.BlockContext || c instanceof PythonParser.Simple_stmtsContext
                    || c instanceof PythonParser.DecoratorContext || c instanceof PythonParser.StatementContext) {
                return;
            }
            if (isHeader(c) && !(c instanceof PythonParser.LambdefContext)) {
                TokenStream in = p.getInputStream();
                int from = c.start.getTokenIndex();
                if (from < 0 || t.getTokenIndex() < from) {
                    return;
                }
                for (int i = from; i < t.getTokenIndex(); i++) {
                    int type = in.get(i).getType();
                    if (type == PythonLexer.NEWLINE || type == PythonLexer.INDENT || type == PythonLexer.DEDENT) {
                        return;
                    }
                }
                if (t.getType() != PythonLexer.INDENT && t.getType() != PythonLexer.DEDENT) {
                    brokenHeaders.add(c);
                }
                return;
            }
        }
    }

    /** An error the statement driver finds between statements (a stray INDENT, a token no statement can start). */
    void unexpected(Token t, String message) {
        if (errors.isEmpty()) {
            add(message, t);
        }
    }

    @Override
    public void reportError(Parser p, RecognitionException e) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = e.getOffendingToken() != null ? e.getOffendingToken() : p.getCurrentToken();
        IntervalSet expected;
        try {
            expected = e.getExpectedTokens();
        } catch (RuntimeException ex) {
            expected = null;
        }
        addFirst(p, t, expected);
        noteHeader(p, t);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        addFirst(p, t, getExpectedTokens(p));
        noteHeader(p, t);
    }

    @Override
    protected void reportMissingToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        addFirst(p, t, getExpectedTokens(p));
        noteHeader(p, t);
    }

    /** Reports at the offending token, or where CPython points for the message (the name before a stray '='). */
    private void addFirst(Parser p, Token t, IntervalSet expected) {
        String message = message(p, t, expected);
        if (message.startsWith("invalid syntax. Maybe you meant '=='")) {
            add(message, p.getInputStream().LT(-1));
        } else {
            add(message, t);
        }
    }

    @Override
    protected boolean singleTokenInsertion(Parser p) {
        IntervalSet expecting = getExpectedTokens(p);
        if (expecting.contains(PythonLexer.INDENT) || expecting.contains(PythonLexer.DEDENT)) {
            return false;
        }
        // ANTLR's own test, ATN.nextTokens(state, ctx), first converts the whole rule-context stack into a
        // prediction context: at 10,000 unclosed brackets that is 10,000 levels times every level that fails to
        // match its ')' (100 s). The walk up the stack below gives the same answer and stops at the first rule
        // whose follow set does not run off its end.
        ATN atn = p.getInterpreter().atn;
        ATNState next = atn.states.get(p.getState()).transition(0).target;
        if (canFollow(atn, next, p.getContext(), p.getInputStream().LA(1))) {
            reportMissingToken(p);
            return true;
        }
        return false;
    }

    /** Whether {@code type} can come next after {@code s} in {@code ctx}: the follow set seen through rule ends. */
    private static boolean canFollow(ATN atn, ATNState s, RuleContext ctx, int type) {
        IntervalSet following = atn.nextTokens(s);
        for (RuleContext c = ctx; ; c = c.parent) {
            if (following.contains(type)) {
                return true;
            }
            if (!following.contains(Token.EPSILON)) {
                return false;
            }
            if (c == null || c.parent == null || c.invokingState < 0) {
                return type == Token.EOF; // past the start rule: only the end of input follows
            }
            RuleTransition call = (RuleTransition) atn.states.get(c.invokingState).transition(0);
            following = atn.nextTokens(call.followState);
        }
    }

    /**
     * In the statement loop of an indented block, a line that no statement can start ('else:' out of place, a
     * stray token) is skipped with the block it opens, so the rest of the body stays in the body instead of ending
     * it there.
     */
    @Override
    public void sync(Parser p) throws RecognitionException {
        if (inErrorRecoveryMode(p) || !(p.getContext() instanceof PythonParser.BlockContext)) {
            super.sync(p);
            return;
        }
        ATNState s = p.getInterpreter().atn.states.get(p.getState());
        int type = s.getStateType();
        if (type != ATNState.PLUS_BLOCK_START && type != ATNState.PLUS_LOOP_BACK
                && type != ATNState.STAR_LOOP_BACK && type != ATNState.STAR_LOOP_ENTRY) {
            super.sync(p);
            return;
        }
        TokenStream in = p.getInputStream();
        int la = in.LA(1);
        IntervalSet next = p.getATN().nextTokens(s);
        if (next.contains(la) || la == Token.EOF || la == PythonLexer.DEDENT) {
            super.sync(p);
            return;
        }
        Token bad = in.LT(1);
        beginErrorCondition(p);
        add(la == PythonLexer.INDENT ? "unexpected indent" : "invalid syntax", bad);
        skipLine(p, in);
    }

    /** Consumes the rest of the logical line and, if one follows, the indented block under it. */
    private static void skipLine(Parser p, TokenStream in) {
        while (in.LA(1) != Token.EOF && in.LA(1) != PythonLexer.NEWLINE && in.LA(1) != PythonLexer.INDENT
                && in.LA(1) != PythonLexer.DEDENT) {
            p.consume();
        }
        if (in.LA(1) == PythonLexer.NEWLINE) {
            p.consume();
        }
        if (in.LA(1) == PythonLexer.INDENT) {
            int depth = 0;
            do {
                int t = in.LA(1);
                if (t == PythonLexer.INDENT) {
                    depth++;
                } else if (t == PythonLexer.DEDENT) {
                    depth--;
                }
                p.consume();
            } while (depth > 0 && in.LA(1) != Token.EOF);
        }
    }

    @Override
    public void recover(Parser p, RecognitionException e) {
        TokenStream in = p.getInputStream();
        if (lastErrorIndex == in.index() && lastErrorStates != null && lastErrorStates.contains(p.getState())
                && in.LA(1) != Token.EOF) {
            p.consume();
        }
        lastErrorIndex = in.index();
        if (lastErrorStates == null) {
            lastErrorStates = new IntervalSet();
        }
        lastErrorStates.add(p.getState());
        while (true) {
            int la = in.LA(1);
            if (la == PythonLexer.NEWLINE && p.getContext() instanceof PythonParser.Simple_stmtsContext) {
                // the broken line is over: the statements after it, in the same block, parse as usual
                p.consume();
                return;
            }
            if (la == Token.EOF || la == PythonLexer.NEWLINE || la == PythonLexer.INDENT
                    || la == PythonLexer.DEDENT) {
                return;
            }
            p.consume();
        }
    }

    private void add(String message, Token t) {
        int start;
        int end;
        if (t == null || t.getStartIndex() < 0) {
            start = 0;
            end = 0;
        } else {
            start = t.getStartIndex();
            end = Math.max(start, t.getStopIndex() + 1);
        }
        Span span = SourceParser.span(cpMap, start, end, text);
        errors.add(new ParseError(message, span));
    }

    private String message(Parser p, Token t, IntervalSet expected) {
        int type = t.getType();
        if (type == PythonLexer.INDENT) {
            return "unexpected indent";
        }
        ParserRuleContext ctx = p.getContext();
        if (expected != null && expected.contains(PythonLexer.INDENT)) {
            String owner = blockOwner(ctx);
            if (owner != null) {
                return "expected an indented block after " + owner;
            }
        }
        if (expected != null && expected.contains(PythonLexer.COLON) && isHeader(ctx)) {
            // CPython says this only where the header ends after a complete part ('if x', 'def f()')
            if (type == PythonLexer.NEWLINE || type == Token.EOF) {
                return "expected ':'";
            }
            Token prev = p.getInputStream().index() > 1 ? p.getInputStream().LT(-1) : null;
            Token before = p.getInputStream().index() > 1 ? p.getInputStream().LT(-2) : null;
            if (type == PythonLexer.EQUAL && prev != null && before != null && prev.getType() == PythonLexer.NAME
                    && (before.getType() == PythonLexer.IF || before.getType() == PythonLexer.ELIF
                    || before.getType() == PythonLexer.WHILE)) {
                return "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            }
        }
        if (type == PythonLexer.DEDENT) {
            return "unexpected unindent";
        }
        Token prev = p.getInputStream().index() > 0 ? p.getInputStream().LT(-1) : null;
        if (prev != null && endsExpression(prev.getType()) && startsExpression(type)) {
            if (insideBrackets(p.getInputStream()) && !inParameters(ctx)
                    && !(ctx instanceof PythonParser.Function_defContext)) {
                return "invalid syntax. Perhaps you forgot a comma?";
            }
            if (prev.getType() == PythonLexer.NAME && (prev.getText().equals("print")
                    || prev.getText().equals("exec"))) {
                return "Missing parentheses in call to '" + prev.getText() + "'. Did you mean "
                        + prev.getText() + "(...)?";
            }
        }
        return "invalid syntax";
    }

    private static String blockOwner(ParserRuleContext ctx) {
        ParserRuleContext owner = ctx instanceof PythonParser.BlockContext ? ctx.getParent() : ctx;
        if (owner == null) {
            return null;
        }
        int line = owner.start.getLine();
        if (owner instanceof PythonParser.Function_defContext) {
            return "function definition on line " + line;
        }
        if (owner instanceof PythonParser.Class_defContext) {
            return "class definition on line " + line;
        }
        String kw;
        if (owner instanceof PythonParser.If_stmtContext) {
            kw = "if";
        } else if (owner instanceof PythonParser.Elif_clauseContext) {
            kw = "elif";
        } else if (owner instanceof PythonParser.Else_blockContext) {
            kw = "else";
        } else if (owner instanceof PythonParser.While_stmtContext) {
            kw = "while";
        } else if (owner instanceof PythonParser.For_stmtContext) {
            kw = "for";
        } else if (owner instanceof PythonParser.With_stmtContext) {
            kw = "with";
        } else if (owner instanceof PythonParser.Try_stmtContext) {
            kw = "try";
        } else if (owner instanceof PythonParser.Except_clauseContext e) {
            kw = e.STAR() != null ? "except*" : "except";
        } else if (owner instanceof PythonParser.Finally_blockContext) {
            kw = "finally";
        } else if (owner instanceof PythonParser.Match_stmtContext) {
            kw = "match";
        } else if (owner instanceof PythonParser.Case_blockContext) {
            kw = "case";
        } else {
            return null;
        }
        return "'" + kw + "' statement on line " + line;
    }

    private static boolean isHeader(ParserRuleContext ctx) {
        return ctx instanceof PythonParser.Function_defContext || ctx instanceof PythonParser.Class_defContext
                || ctx instanceof PythonParser.If_stmtContext || ctx instanceof PythonParser.Elif_clauseContext
                || ctx instanceof PythonParser.Else_blockContext || ctx instanceof PythonParser.While_stmtContext
                || ctx instanceof PythonParser.For_stmtContext || ctx instanceof PythonParser.With_stmtContext
                || ctx instanceof PythonParser.Try_stmtContext || ctx instanceof PythonParser.Except_clauseContext
                || ctx instanceof PythonParser.Finally_blockContext || ctx instanceof PythonParser.Match_stmtContext
                || ctx instanceof PythonParser.Case_blockContext || ctx instanceof PythonParser.LambdefContext;
    }

    /** CPython's comma hint is for expressions; a parameter list just gets "invalid syntax". */
    private static boolean inParameters(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof PythonParser.ParametersContext || c instanceof PythonParser.Lambda_paramsContext) {
                return true;
            }
            if (c instanceof PythonParser.StatementContext) {
                return false;
            }
        }
        return false;
    }

    /** Whether the current token is inside brackets: count them back to the start of the logical line. */
    private static boolean insideBrackets(TokenStream in) {
        int depth = 0;
        for (int i = in.index() - 1; i >= 0; i--) {
            switch (in.get(i).getType()) {
                case PythonLexer.NEWLINE, PythonLexer.INDENT, PythonLexer.DEDENT -> {
                    return depth > 0;
                }
                case PythonLexer.LPAR, PythonLexer.LSQB, PythonLexer.LBRACE -> depth++;
                case PythonLexer.RPAR, PythonLexer.RSQB, PythonLexer.RBRACE -> depth--;
                default -> {
                }
            }
        }
        return depth > 0;
    }

    private static boolean endsExpression(int t) {
        return switch (t) {
            case PythonLexer.NAME, PythonLexer.NUMBER, PythonLexer.STRING, PythonLexer.FSTRING_END,
                    PythonLexer.RPAR, PythonLexer.RSQB, PythonLexer.RBRACE, PythonLexer.NONE, PythonLexer.TRUE,
                    PythonLexer.FALSE, PythonLexer.ELLIPSIS -> true;
            default -> false;
        };
    }

    private static boolean startsExpression(int t) {
        return switch (t) {
            case PythonLexer.NAME, PythonLexer.NUMBER, PythonLexer.STRING, PythonLexer.FSTRING_START,
                    PythonLexer.LBRACE, PythonLexer.NONE, PythonLexer.TRUE, PythonLexer.FALSE,
                    PythonLexer.ELLIPSIS, PythonLexer.LAMBDA, PythonLexer.AWAIT, PythonLexer.TILDE -> true;
            default -> false;
        };
    }
}
