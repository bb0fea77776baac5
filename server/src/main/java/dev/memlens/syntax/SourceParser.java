package dev.memlens.syntax;

import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.PythonLexerBase;
import dev.memlens.syntax.grammar.PythonParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Entry point of the syntax layer: text in, AST and errors out. Never throws.
 *
 * <p>Parsing runs in two stages, as the ANTLR runtime recommends: SLL prediction with an error strategy that bails
 * out at the first error (fast, and exact for valid code because the grammar is SLL-friendly), then, only when that
 * fails, full LL prediction with {@link RecoveringErrorStrategy}, statement by statement, so one broken statement
 * does not lose the rest of the file. The parse tree is converted to the AST and dropped.
 *
 * <p>Deeply nested input (CPython allows 200 levels) can exceed a small thread stack in the recursive-descent
 * parser; rather than making every layer iterative, a parse that overflows the caller's stack is retried once on a
 * dedicated thread with a large stack. Typical files never pay for that thread.
 */
public final class SourceParser {
    private static final long BIG_STACK = 512L * 1024 * 1024;

    private SourceParser() {
    }

    /** Decodes the bytes of a .py file (PEP 263) and parses them; a decoding error is reported first. */
    public static ParseResult parse(String name, byte[] bytes) {
        SourceDecoder.Decoded decoded;
        try {
            decoded = SourceDecoder.decode(bytes);
        } catch (RuntimeException e) {
            decoded = new SourceDecoder.Decoded("", new ParseError("cannot decode the file", Span.EMPTY));
        }
        ParseResult result = parse(new SourceText(name, decoded.text()));
        if (decoded.error() == null) {
            return result;
        }
        List<ParseError> errors = new ArrayList<>();
        errors.add(decoded.error());
        errors.addAll(result.errors());
        return new ParseResult(result.source(), result.module(), List.copyOf(errors));
    }

    public static ParseResult parse(SourceText source) {
        try {
            return parseHere(source);
        } catch (StackOverflowError e) {
            return parseOnBigStack(source);
        } catch (Throwable e) {
            return failed(source, e);
        }
    }

    private static ParseResult parseOnBigStack(SourceText source) {
        AtomicReference<ParseResult> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(parseHere(source));
            } catch (Throwable e) {
                result.set(failed(source, e));
            }
        }, "memlens-deep-parse", BIG_STACK);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(source, e);
        }
        return result.get();
    }

    private static ParseResult failed(SourceText source, Throwable e) {
        String what = e instanceof StackOverflowError ? "too many nested parentheses"
                : "internal parser error: " + e;
        Module module = new Module(new Span(0, source.text().length()), List.of());
        return new ParseResult(source, module, List.of(new ParseError(what, new Span(0, 0))));
    }

    private static ParseResult parseHere(SourceText source) {
        String text = source.text();
        int[] cpMap = codePointMap(text);
        CodePointCharStream chars = CharStreams.fromString(text, source.name());
        PythonLexer lexer = new PythonLexer(chars);
        lexer.removeErrorListeners();
        List<ParseError> errors = new ArrayList<>();
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg,
                                    RecognitionException e) {
                int at = Math.min(lexer._tokenStartCharIndex, chars.size());
                errors.add(new ParseError("invalid syntax", span(cpMap, at, at + 1, text)));
            }
        });
        TokenArray tokens = new TokenArray(lexer);
        for (PythonLexerBase.LexError e : lexer.lexErrors()) {
            errors.add(new ParseError(e.message(), span(cpMap, e.start(), e.end(), text)));
        }

        PythonParser parser = new PythonParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        List<PythonParser.StatementContext> statements;
        try {
            statements = parser.file_input().statement();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            RecoveringErrorStrategy strategy = new RecoveringErrorStrategy(text, cpMap);
            parser.setErrorHandler(strategy);
            statements = parseRecovering(parser, tokens, strategy);
            List<ParseError> parseErrors = strategy.errors();
            if (parseErrors.isEmpty() && errors.isEmpty()) {
                parseErrors.add(new ParseError("invalid syntax", new Span(0, 0)));
            }
            errors.addAll(parseErrors);
        }

        AstBuilder builder = new AstBuilder(text, cpMap, !errors.isEmpty());
        List<Stmt> body = builder.module(statements);
        errors.addAll(builder.errors());
        errors.sort(Comparator.comparingInt((ParseError e) -> e.span().start()));
        Module module = new Module(new Span(0, text.length()), body);
        return new ParseResult(source, module, List.copyOf(dedupe(errors)));
    }

    /** Statement by statement, so a statement that fails is skipped and the next one starts clean. */
    private static List<PythonParser.StatementContext> parseRecovering(PythonParser parser, TokenArray tokens,
                                                                       RecoveringErrorStrategy strategy) {
        List<PythonParser.StatementContext> out = new ArrayList<>();
        while (true) {
            int la = tokens.LA(1);
            if (la == Token.EOF) {
                break;
            }
            if (la == PythonLexer.NEWLINE || la == PythonLexer.DEDENT) {
                tokens.consume();
                continue;
            }
            if (la == PythonLexer.INDENT) {
                strategy.unexpected(tokens.LT(1), "unexpected indent");
                tokens.consume();
                continue;
            }
            int before = tokens.index();
            strategy.reset(parser);
            PythonParser.StatementContext s = parser.statement();
            out.add(s);
            if (tokens.index() == before) {
                strategy.unexpected(tokens.LT(1), "invalid syntax");
                tokens.consume();
            }
        }
        return out;
    }

    private static List<ParseError> dedupe(List<ParseError> errors) {
        List<ParseError> out = new ArrayList<>(errors.size());
        for (ParseError e : errors) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Code point index to UTF-16 offset, or null when they coincide (no surrogate pairs). */
    static int[] codePointMap(String text) {
        int n = text.length();
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                surrogates = true;
                break;
            }
        }
        if (!surrogates) {
            return null;
        }
        int count = text.codePointCount(0, n);
        int[] map = new int[count + 1];
        int cp = 0;
        for (int i = 0; i < n; ) {
            map[cp++] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        map[count] = n;
        return map;
    }

    static Span span(int[] cpMap, int start, int end, String text) {
        int max = cpMap == null ? text.length() : cpMap.length - 1;
        int s = Math.max(0, Math.min(start, max));
        int e = Math.max(s, Math.min(end, max));
        return cpMap == null ? new Span(s, e) : new Span(cpMap[s], cpMap[e]);
    }
}
