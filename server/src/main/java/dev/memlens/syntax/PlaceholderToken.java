package dev.memlens.syntax;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * A token the recovery put in place of a broken compound-statement header's contents ({@code if x = 1:} is parsed
 * again as {@code if <placeholder>:}) so the statement and its body still parse. It spans the text it replaces;
 * AstBuilder turns a placeholder name into {@code Expr.Invalid}.
 */
final class PlaceholderToken extends CommonToken {

    PlaceholderToken(int type, String text, int start, int stop, Token at) {
        super(type, text);
        setStartIndex(start);
        setStopIndex(stop);
        setLine(at.getLine());
        setCharPositionInLine(at.getCharPositionInLine());
        setChannel(Token.DEFAULT_CHANNEL);
    }
}
