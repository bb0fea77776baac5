package dev.memlens.syntax;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.PythonLexerBase;
import dev.memlens.syntax.grammar.PythonParser;
import dev.memlens.syntax.grammar.StringCharStream;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Entry point of the syntax layer: text in, AST and errors out. Never throws.
 *
 * <p>Each top-level statement first goes to {@link DescentParser}, a hand-written recursive-descent parser over the
 * same tokens that builds the AST records directly (no parse tree) and is exact or bails: at a syntax error, at
 * anything AstBuilder would report, at what it does not implement. Only the statements it bails at reach the ANTLR
 * parser, in two stages, as the ANTLR runtime recommends: SLL prediction with an error strategy that bails out at
 * the first error (exact for valid code because the grammar is SLL-friendly), then, only when that fails, full LL
 * prediction with {@link RecoveringErrorStrategy}, statement by statement, so one broken statement does not lose the
 * rest of the file. The statements before the failing one are kept, and after it each statement again tries the
 * fast stages first, so a typo costs about one parse, not three (an editor reparses on every keystroke, and half of
 * them leave the file broken). A parse tree is converted to the AST and dropped. {@code -Dmemlens.parser=antlr}
 * leaves DescentParser out.
 *
 * <p>Deeply nested input (CPython allows 200 levels) can exceed a small thread stack in the recursive-descent
 * parser; rather than making every layer iterative, a parse that overflows the caller's stack is retried once on a
 * dedicated thread with a large stack. Typical files never pay for that thread.
 */
public final class SourceParser {
    private static final LongAdder LL_FALLBACKS = new LongAdder();
    private static final LongAdder LL_FALLBACKS_VALID = new LongAdder();
    private static final LongAdder TAILS_KEPT = new LongAdder();

    private SourceParser() {
    }

    /**
     * How many parses in this JVM so far fell back from the SLL stage to the LL stage. Broken files always do; a
     * valid file does only where SLL prediction is too weak for the grammar, which costs a second parse.
     */
    public static long llFallbacks() {
        return LL_FALLBACKS.sum();
    }

    /** How many of the {@link #llFallbacks()} found no syntax error in the LL stage: valid code SLL could not take. */
    public static long llFallbacksOnValidCode() {
        return LL_FALLBACKS_VALID.sum();
    }

    /** How many incremental reparses in this JVM so far kept the statements after the edit. */
    public static long tailsKept() {
        return TAILS_KEPT.sum();
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
        return new ParseResult(result.source(), result.module(), List.copyOf(errors), result.tokenCount(), false);
    }

    public static ParseResult parse(SourceText source) {
        return parse(source, true);
    }

    /**
     * Parses for a target version: what {@link #parse(SourceText)} gives, plus an error for each form newer than
     * {@code target} ({@link SyntaxVersions}), in source order with the others.
     */
    public static ParseResult parse(SourceText source, PythonVersion target) {
        return withVersionErrors(parse(source), target);
    }

    /** {@link #parse(String, byte[])} for a target version. */
    public static ParseResult parse(String name, byte[] bytes, PythonVersion target) {
        return withVersionErrors(parse(name, bytes), target);
    }

    private static ParseResult withVersionErrors(ParseResult r, PythonVersion target) {
        List<ParseError> newer = SyntaxVersions.check(r.module(), r.source().text(), target);
        if (newer.isEmpty()) {
            return r;
        }
        List<ParseError> all = new ArrayList<>(r.errors());
        all.addAll(newer);
        all.sort(java.util.Comparator.comparingInt(e -> e.span().start()));
        return new ParseResult(r.source(), r.module(), List.copyOf(all), r.tokenCount(), r.lexedCleanly());
    }

    /**
     * @param resumeAtFailure when the fast stage fails, keep the top-level statements it parsed and start the slow
     *                        stage at the statement that failed ({@code false}: start it at the top, the reference
     *                        the tests compare with; both give the same result)
     */
    static ParseResult parse(SourceText source, boolean resumeAtFailure) {
        return parse(source, resumeAtFailure, descentEnabled());
    }

    /**
     * Whether parses start with {@link DescentParser} (the default); {@code -Dmemlens.parser=antlr} keeps to the
     * ANTLR path alone, for comparison.
     */
    static boolean descentEnabled() {
        return !"antlr".equals(System.getProperty("memlens.parser"));
    }

    /** @param descent start with {@link DescentParser} ({@code false}: the ANTLR path alone) */
    static ParseResult parse(SourceText source, boolean resumeAtFailure, boolean descent) {
        try {
            return parseHere(source, resumeAtFailure, null, null, descent);
        } catch (StackOverflowError e) {
            return parseOnBigStack(source, resumeAtFailure, descent);
        } catch (Throwable e) {
            return failed(source, e);
        }
    }

    private static ParseResult parseOnBigStack(SourceText source, boolean resumeAtFailure, boolean descent) {
        AtomicReference<ParseResult> result = new AtomicReference<>();
        Thread t = DeepStack.newThread(() -> {
            try {
                result.set(parseHere(source, resumeAtFailure, null, null, descent));
            } catch (Throwable e) {
                result.set(failed(source, e));
            }
        }, "memlens-deep-parse");
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
        return new ParseResult(source, module, List.of(new ParseError(what, new Span(0, 0))), 0);
    }

    /**
     * What {@link DescentParser} alone makes of the text, statement after statement until it bails: null when the
     * lexer reports an error. For the tests that count what it takes.
     */
    static DescentParser.Result descentOnly(String text) {
        int[] cpMap = codePointMap(text);
        PythonLexer lexer = new PythonLexer(cpMap == null ? new StringCharStream(text, "<descent>")
                : CharStreams.fromString(text, "<descent>"));
        lexer.removeErrorListeners();
        boolean[] bad = new boolean[1];
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg,
                                    RecognitionException e) {
                bad[0] = true;
            }
        });
        TokenArray tokens = new TokenArray(lexer);
        if (bad[0] || !lexer.lexErrors().isEmpty()) {
            return null;
        }
        return DescentParser.parse(text, tokens.array(), cpMap, 0);
    }

    /** Whether a parse of the text up to an edit's end looked at its end of file while recovering from an error. */
    private static final class EndWatch {
        boolean recoveryReachedEnd;
    }

    /**
     * @param prefix top-level statements kept from an earlier parse of the same text up to {@code prefix.offset}
     *               (only the text from there is lexed and parsed), or null to parse it all
     * @param watch    told whether error recovery looked at the end of file (null: not asked)
     */
    private static ParseResult parseHere(SourceText source, boolean resumeAtFailure, Prefix prefix,
                                         /* nullable */ EndWatch watch, boolean descent) {
        String text = source.text();
        int[] cpMap = prefix != null ? null : codePointMap(text);
        CharStream chars = cpMap == null ? new StringCharStream(text, source.name())
                : CharStreams.fromString(text, source.name());
        PythonLexer lexer = new PythonLexer(chars);
        if (prefix != null) {
            lexer.startAt(prefix.offset(), prefix.line());
        }
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
        int tokenCount = tokens.size() - 1;
        for (PythonLexerBase.LexError e : lexer.lexErrors()) {
            errors.add(new ParseError(e.message(), span(cpMap, e.start(), e.end(), text)));
        }
        boolean lexedCleanly = errors.isEmpty();

        // The fast stage: what DescentParser takes of a top-level statement is what the ANTLR path would make of
        // it. The ANTLR path parses the statements it bails at, statement by statement; the reference parse
        // (resumeAtFailure false) takes it for the whole file or not at all.
        DescentParser fast = descent ? new DescentParser(text, tokens.array(), cpMap) : null;
        if (fast != null && !resumeAtFailure && errors.isEmpty()) {
            DescentParser.Result r = fast.module(tokens.index());
            if (r.failedAt() < 0) {
                List<Stmt> body = prefix != null ? concat(prefix.statements(), r.statements()) : r.statements();
                return new ParseResult(source, new Module(new Span(0, text.length()), body), List.of(), tokenCount,
                        true);
            }
        }

        PythonParser parser = new PythonParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        // top-level statements: parse trees (PythonParser.StatementContext) and nodes (Stmt) the fast stage made
        List<Object> statements = new ArrayList<>();
        // The statements before the first error are what a full parse would make of them too: the slow stage
        // starts at the statement that failed, not at the top (an edit in a 10,000-line file is mostly such).
        int resume = 0;
        try {
            if (resumeAtFailure) {
                parseTopLevel(parser, tokens, statements, fast);
            } else {
                statements.addAll(parser.file_input().statement());
            }
        } catch (ParseCancellationException e) {
            LL_FALLBACKS.increment();
            if (resumeAtFailure) {
                resume = tokens.index();
            } else {
                statements.clear();
            }
            List<Object> valid = List.copyOf(statements);
            parser.reset();
            tokens.seek(resume);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            RecoveringErrorStrategy strategy = new RecoveringErrorStrategy(text, cpMap);
            parser.setErrorHandler(strategy);
            statements = concat(valid, parseRecovering(parser, tokens, strategy, resumeAtFailure, watch, fast));
            if (strategy.errors().isEmpty() && errors.isEmpty()) {
                // SLL failed where LL succeeds: the code is valid, only slower to parse
                LL_FALLBACKS_VALID.increment();
            }
            // A compound statement whose header is broken ('if x = 1:', 'for in y:') would lose its body: parse
            // again with the header's contents replaced by a placeholder, keeping the errors found in the header.
            List<ParseError> headerErrors = new ArrayList<>();
            java.util.Set<Integer> patched = new java.util.HashSet<>();
            for (int round = 0; round < MAX_HEADER_ROUNDS; round++) {
                List<HeaderPatch> patches = headerPatches(tokens, strategy.brokenHeaders(), patched);
                if (patches.isEmpty()) {
                    break;
                }
                // from the last to the first, so the indices of the ones before stay valid
                for (int i = patches.size() - 1; i >= 0; i--) {
                    HeaderPatch patch = patches.get(i);
                    Span header = span(cpMap, tokens.get(patch.keyword).getStartIndex(),
                            tokens.get(patch.colon).getStopIndex() + 1, text);
                    for (ParseError pe : strategy.errors()) {
                        if (pe.span().start() >= header.start() && pe.span().start() < header.end()) {
                            headerErrors.add(pe); // the first only, as CPython stops there
                            break;
                        }
                    }
                    patched.add(tokens.get(patch.keyword).getStartIndex());
                    tokens = tokens.replaced(patch.keyword + 1, patch.colon, patch.replacement);
                }
                // patches lie after the valid statements, so their token indices (and resume) stay as they were
                parser.setInputStream(tokens);
                fast = fast == null ? null : new DescentParser(text, tokens.array(), cpMap);
                tokens.seek(resume);
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                strategy = new RecoveringErrorStrategy(text, cpMap);
                parser.setErrorHandler(strategy);
                statements = concat(valid, parseRecovering(parser, tokens, strategy, resumeAtFailure, watch, fast));
            }
            errors.addAll(headerErrors);
            errors.addAll(strategy.errors());
        }

        AstBuilder builder = new AstBuilder(text, cpMap, !errors.isEmpty());
        List<Stmt> body = builder.module(statements);
        if (prefix != null) {
            body = concat(prefix.statements(), body);
        }
        errors.addAll(builder.errors());
        errors.sort(Comparator.comparingInt((ParseError e) -> e.span().start()));
        Module module = new Module(new Span(0, text.length()), body);
        return new ParseResult(source, module, List.copyOf(dedupe(errors)), tokenCount, lexedCleanly);
    }

    /** The leading top-level statements an incremental reparse keeps, and where the text after them starts. */
    private record Prefix(int offset, int line, List<Stmt> statements) {
    }

    /**
     * Parses {@code source}, a new version of the text {@code previous} was parsed from, keeping the top-level
     * statements of {@code previous} that lie wholly before the first changed character, and those from the first
     * one wholly after the last changed character on, moved by the change of length ({@link SpanShifter}): only the
     * text between is lexed and parsed again (an editor reparses on every keystroke). The result equals a full
     * {@link #parse(SourceText)} of {@code source}; where that cannot be guaranteed (a syntax error in a part that
     * would be kept, a lexer error, text outside the Basic Multilingual Plane, statements sharing a line) less is
     * kept, down to a full parse. Its token count is that of the part parsed again.
     */
    public static ParseResult reparse(ParseResult previous, SourceText source, PythonVersion target) {
        if (previous != null && previous.source().text().equals(source.text())) {
            // the same text: previous already holds its version errors, which must not be added twice
            return new ParseResult(source, previous.module(), previous.errors(), previous.tokenCount(),
                    previous.lexedCleanly());
        }
        // a version error in the kept part counts as an error there, so that part is parsed again too
        return withVersionErrors(reparse(previous, source), target);
    }

    /** {@link #reparse(ParseResult, SourceText, PythonVersion)} without the target version's errors. */
    public static ParseResult reparse(ParseResult previous, SourceText source) {
        if (previous == null) {
            return parse(source);
        }
        String before = previous.source().text();
        String text = source.text();
        int changed = Arrays.mismatch(before.toCharArray(), text.toCharArray());
        if (changed < 0) {
            return new ParseResult(source, previous.module(), previous.errors(), previous.tokenCount(),
                    previous.lexedCleanly());
        }
        Prefix prefix = keptPrefix(previous, before, text, changed);
        if (prefix == null) {
            return parse(source);
        }
        try {
            ParseResult withTail = withKeptTail(previous, source, before, changed, prefix);
            return withTail != null ? withTail : parseHere(source, true, prefix, null, descentEnabled());
        } catch (StackOverflowError e) {
            return parseOnBigStack(source, true, descentEnabled());
        } catch (Throwable e) {
            return failed(source, e);
        }
    }

    /**
     * The parse of {@code source} made of the kept prefix, the text from there to the first top-level statement of
     * {@code previous} wholly after the edit (parsed as if the file ended there), and that statement and all after
     * it, moved by the edit's change of length; null when this would not be what a full parse makes.
     *
     * <p>It is, when the text parsed again ends where a top-level statement starts, at the start of a line, in the
     * lexer's initial state: no bracket or string open (no lexer error up to there, in the new text and in the old),
     * no backslash continuing the line before, and error recovery never looked at the end of file (a full parse
     * would have seen that statement's first token there instead). From such a point on, the tokens are the old
     * ones, and each top-level statement is parsed from its own first token, as it was before; the statements
     * kept must hold no error, so none was parsed by recovery.
     */
    private static ParseResult withKeptTail(ParseResult previous, SourceText source, String before, int changed,
                                            Prefix prefix) {
        String text = source.text();
        if (!previous.lexedCleanly()) {
            return null;
        }
        int max = Math.min(before.length(), text.length()) - changed;
        int suffix = 0;
        while (suffix < max
                && before.charAt(before.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
            suffix++;
        }
        int editEnd = before.length() - suffix;
        int delta = text.length() - before.length();
        List<Stmt> body = previous.module().body();
        int lo = 0;
        int hi = body.size();
        while (lo < hi) { // the first statement starting at or after the edit's end
            int mid = (lo + hi) >>> 1;
            if (firstOffset(body.get(mid)) < editEnd) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // text typed at a statement's start changes that statement: the next one may be kept
        while (lo < body.size() && !startsLine(before, text, firstOffset(body.get(lo)), delta, prefix.offset())) {
            lo++;
        }
        if (lo == body.size()) {
            return null;
        }
        int oldStart = firstOffset(body.get(lo));
        int newStart = oldStart + delta;
        for (ParseError e : previous.errors()) {
            if (e.span().start() >= oldStart || e.span().end() > oldStart) {
                return null;
            }
        }
        EndWatch watch = new EndWatch();
        ParseResult middle = parseHere(new SourceText(source.name(), text.substring(0, newStart)), true, prefix,
                watch, descentEnabled());
        if (!middle.lexedCleanly() || watch.recoveryReachedEnd) {
            return null;
        }
        List<Stmt> all = concat(middle.module().body(), SpanShifter.shift(body.subList(lo, body.size()), delta));
        TAILS_KEPT.increment();
        return new ParseResult(source, new Module(new Span(0, text.length()), all), middle.errors(),
                middle.tokenCount(), true);
    }

    /** Where a statement's text starts: a decorated definition's span starts at its keyword, after the decorators. */
    private static int firstOffset(Stmt s) {
        List<Expr> decorators = s instanceof Stmt.FunctionDef f ? f.decorators()
                : s instanceof Stmt.ClassDef c ? c.decorators() : List.of();
        // a decorator's expression starts after its '@'
        return decorators.isEmpty() ? s.span().start() : Math.max(0, decorators.get(0).span().start() - 1);
    }

    /**
     * Whether a statement at {@code oldStart} of the old text starts a line in both texts, after the kept prefix, and
     * its line in the new text does not continue the one before (a backslash).
     */
    private static boolean startsLine(String before, String text, int oldStart, int delta, int resume) {
        int newStart = oldStart + delta;
        return oldStart > 0 && before.charAt(oldStart - 1) == '\n' && newStart > resume
                && text.charAt(newStart - 1) == '\n' && !continuesLine(text, newStart - 1);
    }

    /** Whether the line break at {@code newline} follows a backslash (an explicit line joining). */
    private static boolean continuesLine(String text, int newline) {
        int i = newline - 1;
        if (i >= 0 && text.charAt(i) == '\r') {
            i--;
        }
        return i >= 0 && text.charAt(i) == '\\';
    }

    /**
     * The statements of {@code previous} that end on a line wholly before {@code changed} (none: an empty prefix at
     * the start), or null when the text has characters outside the Basic Multilingual Plane.
     */
    private static Prefix keptPrefix(ParseResult previous, String before, String text, int changed) {
        if (codePointMap(text) != null || codePointMap(before) != null) {
            return null;
        }
        List<Stmt> body = previous.module().body();
        int kept = 0;
        int resume = 0;
        for (int i = 0; i < body.size(); i++) {
            int end = body.get(i).span().end();
            int newline = before.indexOf('\n', end);
            if (newline < 0) {
                break;
            }
            int next = newline + 1;
            // the next statement must start on a later line ('a = 1; b = 2' share one), and the change lie beyond
            if (next > changed || i + 1 < body.size() && body.get(i + 1).span().start() < next) {
                break;
            }
            // an indented line after a compound statement would continue its block: resume only after a simple one
            if (AstWalker.blocks(body.get(i)).isEmpty()) {
                kept = i + 1;
                resume = next;
            }
        }
        if (kept == 0) {
            return new Prefix(0, 1, List.of());
        }
        for (ParseError e : previous.errors()) {
            if (e.span().start() < resume) {
                // the kept part had an error: a full parse decides what recovery makes of it
                return new Prefix(0, 1, List.of());
            }
        }
        // the kept text ends with a newline before the change, so the line count is that of the unchanged prefix
        int line = 1;
        for (int i = 0; i < resume; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return new Prefix(resume, line, body.subList(0, kept));
    }

    /** Reparses for broken headers: each patches every broken header found so far (a broken file costs 2-3x). */
    private static final int MAX_HEADER_ROUNDS = 2;

    /** Replace {@code tokens[keyword + 1 .. colon)} with {@code replacement}. */
    private record HeaderPatch(int keyword, int colon, List<Token> replacement) {
    }

    /** The broken headers not yet patched that have their block colon, in token order, and their replacements. */
    private static List<HeaderPatch> headerPatches(TokenArray tokens, List<ParserRuleContext> broken,
                                                   Set<Integer> done) {
        List<HeaderPatch> out = new ArrayList<>();
        int lastColon = -1;
        for (ParserRuleContext c : broken) {
            int k = c.start.getTokenIndex();
            if (k < 0 || k >= tokens.size() || tokens.get(k) != c.start || done.contains(c.start.getStartIndex())) {
                continue;
            }
            int colon = headerColon(tokens, k);
            if (colon < 0 || k <= lastColon) {
                continue;
            }
            Token first = tokens.get(k + 1);
            Token last = tokens.get(colon - 1);
            Token colonToken = tokens.get(colon);
            boolean empty = colon == k + 1;
            int start = empty ? colonToken.getStartIndex() : first.getStartIndex();
            int stop = empty ? start - 1 : last.getStopIndex();
            Token at = empty ? colonToken : first;
            List<Token> r = new ArrayList<>(3);
            if (c instanceof PythonParser.Function_defContext || c instanceof PythonParser.Class_defContext) {
                boolean named = !empty && isName(first.getType()) && !(first instanceof PlaceholderToken);
                Token name = named ? first : new PlaceholderToken(PythonLexer.NAME, "", start, stop, at);
                r.add(name);
                int after = named ? first.getStopIndex() + 1 : start;
                if (c instanceof PythonParser.Function_defContext) {
                    r.add(new PlaceholderToken(PythonLexer.LPAR, "(", after, after - 1, colonToken));
                    r.add(new PlaceholderToken(PythonLexer.RPAR, ")", after, after - 1, colonToken));
                }
            } else if (c instanceof PythonParser.For_stmtContext) {
                r.add(new PlaceholderToken(PythonLexer.NAME, "_", start, stop, at));
                r.add(new PlaceholderToken(PythonLexer.IN, "in", stop + 1, stop, colonToken));
                r.add(new PlaceholderToken(PythonLexer.NAME, "_", stop + 1, stop, colonToken));
            } else if (c instanceof PythonParser.If_stmtContext || c instanceof PythonParser.Elif_clauseContext
                    || c instanceof PythonParser.While_stmtContext || c instanceof PythonParser.With_stmtContext
                    || c instanceof PythonParser.Match_stmtContext || c instanceof PythonParser.Case_blockContext) {
                r.add(new PlaceholderToken(PythonLexer.NAME, "_", start, stop, at));
            } else if (empty) {
                continue; // nothing to take out of 'else:' or 'try:'
            }
            out.add(new HeaderPatch(k, colon, r));
            lastColon = colon;
        }
        return out;
    }

    private static boolean isName(int type) {
        return type == PythonLexer.NAME || type == PythonLexer.MATCH || type == PythonLexer.CASE
                || type == PythonLexer.TYPE || type == PythonLexer.LAZY;
    }

    /**
     * The index of the colon that ends the header starting at {@code keyword}: the first one outside brackets that
     * no lambda claims, before the end of the logical line; -1 if there is none.
     */
    private static int headerColon(TokenArray tokens, int keyword) {
        int depth = 0;
        int lambdas = 0;
        for (int i = keyword + 1; i < tokens.size(); i++) {
            switch (tokens.get(i).getType()) {
                case PythonLexer.NEWLINE, PythonLexer.INDENT, PythonLexer.DEDENT, Token.EOF -> {
                    return -1;
                }
                case PythonLexer.LPAR, PythonLexer.LSQB, PythonLexer.LBRACE -> depth++;
                case PythonLexer.RPAR, PythonLexer.RSQB, PythonLexer.RBRACE -> depth = Math.max(0, depth - 1);
                case PythonLexer.LAMBDA -> {
                    if (depth == 0) {
                        lambdas++;
                    }
                }
                case PythonLexer.COLON -> {
                    if (depth == 0) {
                        if (lambdas == 0) {
                            return i;
                        }
                        lambdas--;
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /**
     * {@code file_input} (NEWLINE or statement, repeated, then EOF) one statement at a time, so that when the bail
     * strategy throws, {@code statements} holds every statement before the failing one and the token stream is at
     * its first token. SLL prediction never looks at the outer context, so a statement parses here exactly as
     * inside {@code file_input}.
     */
    private static void parseTopLevel(PythonParser parser, TokenArray tokens, List<Object> statements,
                                      /* nullable */ DescentParser fast) {
        List<Stmt> taken = new ArrayList<>(2);
        while (true) {
            int la = tokens.LA(1);
            if (la == Token.EOF) {
                return;
            }
            if (la == PythonLexer.NEWLINE) {
                tokens.consume();
                continue;
            }
            int start = tokens.index();
            if (takeFast(fast, tokens, statements, taken)) {
                continue;
            }
            try {
                statements.add(parser.statement());
            } catch (ParseCancellationException e) {
                tokens.seek(start);
                throw e;
            }
        }
    }

    /** Whether the fast stage took the statement at the stream's position (its nodes added, the stream past it). */
    private static boolean takeFast(/* nullable */ DescentParser fast, TokenArray tokens, List<Object> statements,
                                    List<Stmt> taken) {
        if (fast == null) {
            return false;
        }
        int next = fast.statement(tokens.index(), taken);
        if (next < 0) {
            return false;
        }
        statements.addAll(taken);
        taken.clear();
        tokens.seek(next);
        return true;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /**
     * Statement by statement, so a statement that fails is skipped and the next one starts clean.
     *
     * @param fastFirst try each statement with the fast stage (SLL, bail at the first error) and take the slow one
     *                  (LL with recovery) only for those it cannot parse: an error rarely spans more than a statement,
     *                  and what SLL parses without error LL parses the same way
     */
    private static List<Object> parseRecovering(PythonParser parser, TokenArray tokens,
                                                RecoveringErrorStrategy strategy, boolean fastFirst,
                                                /* nullable */ EndWatch watch, /* nullable */ DescentParser fast) {
        BailErrorStrategy bail = fastFirst ? new BailErrorStrategy() : null;
        List<Object> out = new ArrayList<>();
        List<Stmt> taken = new ArrayList<>(2);
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
            if (fastFirst && takeFast(fast, tokens, out, taken)) {
                continue;
            }
            if (fastFirst) {
                parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                parser.setErrorHandler(bail);
                try {
                    out.add(parser.statement());
                    continue;
                } catch (ParseCancellationException e) {
                    parser.reset();
                    tokens.seek(before);
                    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                    parser.setErrorHandler(strategy);
                }
            }
            strategy.reset(parser);
            tokens.resetReach();
            PythonParser.StatementContext s = parser.statement();
            if (watch != null && tokens.reach() >= tokens.size() - 1) {
                watch.recoveryReachedEnd = true; // up to the end of file: with more text after it, maybe more
            }
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
        // as many code points as chars: no surrogate pair (a Latin-1 string answers without reading its chars)
        int count = text.codePointCount(0, n);
        if (count == n) {
            return null;
        }
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
