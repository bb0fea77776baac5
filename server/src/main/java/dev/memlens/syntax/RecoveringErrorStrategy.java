package dev.memlens.syntax;

import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.PythonParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
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

    RecoveringErrorStrategy(String text, int[] cpMap) {
        this.text = text;
        this.cpMap = cpMap;
    }

    List<ParseError> errors() {
        return errors;
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
        add(message(p, t, expected), t);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        add(message(p, t, getExpectedTokens(p)), t);
    }

    @Override
    protected void reportMissingToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        add(message(p, t, getExpectedTokens(p)), t);
    }

    @Override
    protected boolean singleTokenInsertion(Parser p) {
        IntervalSet expecting = getExpectedTokens(p);
        if (expecting.contains(PythonLexer.INDENT) || expecting.contains(PythonLexer.DEDENT)) {
            return false;
        }
        return super.singleTokenInsertion(p);
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
            return "expected ':'";
        }
        if (type == PythonLexer.DEDENT) {
            return "unexpected unindent";
        }
        Token prev = p.getInputStream().index() > 0 ? p.getInputStream().LT(-1) : null;
        if (prev != null && endsExpression(prev.getType()) && startsExpression(type)) {
            if (insideBrackets(p.getInputStream())) {
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
