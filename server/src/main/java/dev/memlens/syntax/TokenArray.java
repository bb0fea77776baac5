package dev.memlens.syntax;

import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole token list of a file, read from the lexer up front. Our lexer puts every token on the default channel,
 * so the channel filtering of CommonTokenStream (which costs a scan on every {@code LT(-1)}) is not needed.
 */
final class TokenArray implements TokenStream {
    private final TokenSource source;
    private final Token[] tokens;
    private int p;
    /** The highest token index handed out since {@link #resetReach()}: how far the parser looked. */
    private int reach = -1;

    TokenArray(TokenSource source) {
        this.source = source;
        List<Token> list = new ArrayList<>(1024);
        while (true) {
            Token t = source.nextToken();
            if (t instanceof org.antlr.v4.runtime.WritableToken w) {
                w.setTokenIndex(list.size());
            }
            list.add(t);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        this.tokens = list.toArray(new Token[0]);
    }

    private TokenArray(TokenSource source, Token[] tokens) {
        this.source = source;
        this.tokens = tokens;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] instanceof org.antlr.v4.runtime.WritableToken w) {
                w.setTokenIndex(i);
            }
        }
    }

    /** A copy with {@code tokens[from..to)} replaced by {@code replacement} (token indices renumbered). */
    TokenArray replaced(int from, int to, List<Token> replacement) {
        Token[] out = new Token[tokens.length - (to - from) + replacement.size()];
        System.arraycopy(tokens, 0, out, 0, from);
        for (int i = 0; i < replacement.size(); i++) {
            out[from + i] = replacement.get(i);
        }
        System.arraycopy(tokens, to, out, from + replacement.size(), tokens.length - to);
        return new TokenArray(source, out);
    }

    /** The tokens themselves, EOF last, for a parser that reads them without this stream (not to be modified). */
    Token[] array() {
        return tokens;
    }

    int reach() {
        return reach;
    }

    void resetReach() {
        reach = -1;
    }

    @Override
    public Token LT(int k) {
        if (k == 0) {
            return null;
        }
        int i = k > 0 ? p + k - 1 : p + k;
        if (i < 0) {
            return null;
        }
        i = Math.min(i, tokens.length - 1);
        if (i > reach) {
            reach = i;
        }
        return tokens[i];
    }

    @Override
    public int LA(int i) {
        Token t = LT(i);
        return t == null ? Token.INVALID_TYPE : t.getType();
    }

    @Override
    public Token get(int index) {
        if (index > reach) {
            reach = index;
        }
        return tokens[index];
    }

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(tokens.length - 1, interval.b);
        StringBuilder sb = new StringBuilder();
        for (int i = start; i <= stop; i++) {
            Token t = tokens[i];
            if (t.getType() == Token.EOF) {
                break;
            }
            sb.append(t.getText());
        }
        return sb.toString();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, tokens.length - 1));
    }

    @Override
    public String getText(RuleContext ctx) {
        return getText(ctx.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        return start == null || stop == null ? "" : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }

    @Override
    public void consume() {
        if (tokens[p].getType() == Token.EOF) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int mark() {
        return 0;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.max(0, Math.min(index, tokens.length - 1));
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }
}
