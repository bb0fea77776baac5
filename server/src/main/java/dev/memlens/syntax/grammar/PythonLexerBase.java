package dev.memlens.syntax.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateful half of the Python lexer: INDENT/DEDENT/NEWLINE from physical lines, bracket depth (no NEWLINE
 * inside brackets), CPython's tab rules, and the mode switches of PEP 701 f-strings (fields, format specs, nesting).
 * The grammar rules themselves stay free of predicates and actions so ANTLR's lexer DFA cache works.
 *
 * <p>Offsets here are code point indices (what ANTLR's char streams count); the AST builder converts them.
 */
public abstract class PythonLexerBase extends Lexer {

    /** A lexical error: CPython's wording, and a code point range {@code [start, end)}. */
    public record LexError(String message, int start, int end) {
    }

    private static final int TAB_SIZE = 8;
    /** CPython's MAXLEVEL: how deep brackets may nest. */
    public static final int MAX_NESTING = 200;

    private final ArrayDeque<Token> pending = new ArrayDeque<>();
    private final List<LexError> errors = new ArrayList<>();

    // indentation stacks as in CPython's tokenizer: columns with tab stops of 8, and with tabs counted as 1
    private int[] indents = new int[32];
    private int[] altIndents = new int[32];
    private int indentTop;

    // open brackets: kind, code point index and line of each
    private int[] bracketChar = new int[32];
    private int[] bracketStart = new int[32];
    private int[] bracketLine = new int[32];
    private int depth;
    private int outerBracketIndent;

    private int lineIndent;
    private boolean atLogicalLineStart = true;
    private boolean atPhysicalLineStart = true;
    private int physicalLineStart;

    /** An f-string being lexed. */
    private static final class FString {
        final int quoteKind; // 0 ', 1 ", 2 ''', 3 """
        final int modeStackSize;
        final int depthAtStart;
        final int start;
        final int line;

        FString(int quoteKind, int modeStackSize, int depthAtStart, int start, int line) {
            this.quoteKind = quoteKind;
            this.modeStackSize = modeStackSize;
            this.depthAtStart = depthAtStart;
            this.start = start;
            this.line = line;
        }
    }

    /** An open replacement field: the bracket depth just inside its '{', and the f-string it belongs to. */
    private record Field(int depth, FString owner) {
    }

    private final ArrayDeque<FString> fstrings = new ArrayDeque<>();
    private final ArrayDeque<Field> fields = new ArrayDeque<>();

    private boolean fastScanning = true;

    protected PythonLexerBase(CharStream input) {
        super(input);
    }

    /**
     * Whether whitespace, comments and string literals are scanned by hand (the default) or by the grammar's own
     * rules; both give the same tokens, and tests compare them.
     */
    public void setFastScanning(boolean on) {
        fastScanning = on;
    }

    public List<LexError> lexErrors() {
        return errors;
    }

    /**
     * Starts lexing at {@code index}, the start of a physical line between two top-level statements (no bracket
     * open, indentation 0), whose 1-based line number is {@code line}: there the lexer is in its initial state, so
     * the tokens from there on are those a lexer started at offset 0 produces (an editor's reparse of a file's tail).
     */
    public void startAt(int index, int line) {
        _input.seek(index);
        physicalLineStart = index;
        getInterpreter().setLine(line);
        getInterpreter().setCharPositionInLine(0);
    }

    @Override
    public void reset() {
        super.reset();
        pending.clear();
        errors.clear();
        indentTop = 0;
        depth = 0;
        lineIndent = 0;
        atLogicalLineStart = true;
        atPhysicalLineStart = true;
        physicalLineStart = 0;
        fstrings.clear();
        fields.clear();
    }

    @Override
    public Token nextToken() {
        while (pending.isEmpty()) {
            produce();
        }
        return pending.poll();
    }

    /**
     * {@link Lexer#nextToken()} with a hand-written fast path in the default mode ({@link #scanFast}): whitespace,
     * comments, string literals (not f-strings), plain integers, ASCII names, operators, delimiters and line breaks
     * are scanned here in a plain loop instead of ANTLR's lexer DFA, which costs several times more per character.
     * The tokens are exactly the ones the grammar's rules produce ({@code LexerFastPathTest} compares both ways);
     * whatever the fast path does not take goes to the DFA.
     */
    private Token lexToken() {
        int marker = _input.mark();
        try {
            while (true) {
                if (_hitEOF) {
                    emitEOF();
                    return _token;
                }
                _token = null;
                _channel = Token.DEFAULT_CHANNEL;
                _tokenStartCharIndex = _input.index();
                _tokenStartCharPositionInLine = getInterpreter().getCharPositionInLine();
                _tokenStartLine = getInterpreter().getLine();
                _text = null;
                if (_mode == DEFAULT_MODE && fastScanning) {
                    int fast = scanFast();
                    if (fast != Token.INVALID_TYPE) {
                        if (_input.LA(1) == CharStream.EOF) {
                            _hitEOF = true;
                        }
                        if (fast == SKIP) {
                            continue;
                        }
                        _type = fast;
                        emit();
                        return _token;
                    }
                }
                do {
                    _type = Token.INVALID_TYPE;
                    int ttype;
                    try {
                        ttype = getInterpreter().match(_input, _mode);
                    } catch (org.antlr.v4.runtime.LexerNoViableAltException e) {
                        notifyListeners(e);
                        recover(e);
                        ttype = SKIP;
                    }
                    if (_input.LA(1) == CharStream.EOF) {
                        _hitEOF = true;
                    }
                    if (_type == Token.INVALID_TYPE) {
                        _type = ttype;
                    }
                } while (_type == MORE);
                if (_type == SKIP) {
                    continue;
                }
                if (_token == null) {
                    emit();
                }
                return _token;
            }
        } finally {
            _input.release(marker);
        }
    }

    /** The character at code point index {@code i}, or EOF: straight from the String when the stream has one. */
    private int ch(String text, int i) {
        if (text != null) {
            return i < text.length() ? text.charAt(i) : CharStream.EOF;
        }
        return _input.LA(i - _input.index() + 1);
    }

    /**
     * Scans whitespace, a comment, a string literal, a plain decimal integer, an ASCII name or keyword, an operator,
     * a delimiter or a line break at the current position, moving the input and the line and column counters past
     * it; returns its token type ({@code SKIP} for whitespace and comments), or {@code INVALID_TYPE} with nothing
     * consumed when the grammar must decide (anything else, or a form only the grammar tells apart).
     */
    private int scanFast() {
        String text = _input instanceof StringCharStream s ? s.text() : null;
        int start = _input.index();
        int c = ch(text, start);
        int i;
        switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                // digits only, ended by ASCII that cannot go on a number or a name; anything else (a '0' with
                // more digits, '_', '.', exponents, 'j', prefixes, a letter, non-ASCII) is the grammar's to lex
                i = start + 1;
                for (int d = ch(text, i); c != '0' && d >= '0' && d <= '9'; d = ch(text, i)) {
                    i++;
                }
                int end = ch(text, i);
                if (end != CharStream.EOF && (end >= 128 || Character.isLetterOrDigit(end) || end == '_'
                        || end == '.')) {
                    return Token.INVALID_TYPE;
                }
                return consumed(start, i, PythonLexer.NUMBER);
            }
            case ' ', '\t', '\f' -> {
                i = start + 1;
                for (int d = ch(text, i); d == ' ' || d == '\t' || d == '\f'; d = ch(text, i)) {
                    i++;
                }
            }
            case '#' -> {
                i = start + 1;
                for (int d = ch(text, i); d != '\n' && d != '\r' && d != CharStream.EOF; d = ch(text, i)) {
                    i++;
                }
            }
            case '\'', '"' -> {
                return scanString(text, start, start);
            }
            case 'r', 'R', 'u', 'U', 'b', 'B' -> {
                int c2 = ch(text, start + 1);
                if (c2 == '\'' || c2 == '"') {
                    return scanString(text, start, start + 1);
                }
                boolean pair = ((c == 'b' || c == 'B') && (c2 == 'r' || c2 == 'R'))
                        || ((c == 'r' || c == 'R') && (c2 == 'b' || c2 == 'B'));
                int c3 = ch(text, start + 2);
                if (pair && (c3 == '\'' || c3 == '"')) {
                    return scanString(text, start, start + 2);
                }
                return scanName(text, start);
            }
            // the delimiters no longer token starts with ('=' and '==', ':' and ':=', '.' and '...' or '.5')
            case ',', '(', ')', '[', ']', '{', '}', ';' -> {
                return consumed(start, start + 1, Operators.oneCharacter(c));
            }
            case ':', '=' -> {
                return ch(text, start + 1) == '=' ? Token.INVALID_TYPE
                        : consumed(start, start + 1, Operators.oneCharacter(c));
            }
            case '.' -> {
                int d = ch(text, start + 1);
                return d == '.' || d >= '0' && d <= '9' ? Token.INVALID_TYPE
                        : consumed(start, start + 1, PythonLexer.DOT);
            }
            case '\n' -> {
                return newline(start + 1);
            }
            case '\r' -> {
                // ANTLR counts lines at '\n' only: a lone '\r' is a NEWLINE token that moves the column
                return ch(text, start + 1) == '\n' ? newline(start + 2) : consumed(start, start + 1, PythonLexer.NEWLINE);
            }
            case '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '@', '!', '~' -> {
                return scanOperator(text, start);
            }
            default -> {
                return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' ? scanName(text, start)
                        : Token.INVALID_TYPE;
            }
        }
        return consumed(start, i, SKIP);
    }

    /**
     * The keywords, by their text: a word the NAME rule matches is the keyword of the same text (the rule before).
     * A holder class: the generated subclass's vocabulary exists only after this class is initialized.
     */
    private static final class Keywords {
        static final java.util.Map<String, Integer> BY_TEXT = literals(true);
    }

    /** The operators and delimiters of the grammar, by their text ('**=' -> DOUBLESTAREQUAL). */
    private static final class Operators {
        static final java.util.Map<String, Integer> BY_TEXT = literals(false);
        /** The one-character ones by their character, for the delimiters read without a substring. */
        private static final int[] ONE_CHARACTER = new int[128];

        static {
            BY_TEXT.forEach((text, type) -> {
                if (text.length() == 1 && text.charAt(0) < 128) {
                    ONE_CHARACTER[text.charAt(0)] = type;
                }
            });
            // the f-string modes' rules write '{' and '}' too, so the vocabulary gives them no literal name
            ONE_CHARACTER['{'] = PythonLexer.LBRACE;
            ONE_CHARACTER['}'] = PythonLexer.RBRACE;
        }

        static int oneCharacter(int c) {
            return ONE_CHARACTER[c];
        }
    }

    /** The default mode's tokens written as one literal in the grammar: the words, or the others. */
    private static java.util.Map<String, Integer> literals(boolean words) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        for (int type = 1; type <= PythonLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = PythonLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1)) == words) {
                m.putIfAbsent(literal.substring(1, literal.length() - 1), type); // 'def' -> DEF
            }
        }
        return m;
    }

    /**
     * The longest operator at {@code start} (of at most three characters): what the grammar's longest match makes
     * of these characters, as no other default-mode rule starts with one of them.
     */
    private int scanOperator(String text, int start) {
        if (text == null) {
            return Token.INVALID_TYPE;
        }
        for (int len = Math.min(3, text.length() - start); len > 0; len--) {
            Integer type = Operators.BY_TEXT.get(text.substring(start, start + len));
            if (type != null) {
                return consumed(start, start + len, type);
            }
        }
        return Token.INVALID_TYPE;
    }

    /**
     * An ASCII name or keyword at {@code start}, or {@code INVALID_TYPE} when the grammar must decide: a name that
     * goes on with a non-ASCII character (identifiers may), or one right before a quote (a string prefix:
     * f'', rb'', t'').
     */
    private int scanName(String text, int start) {
        if (text == null) {
            return Token.INVALID_TYPE;
        }
        int i = start + 1;
        int n = text.length();
        while (i < n) {
            char d = text.charAt(i);
            if (d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '_') {
                i++;
            } else if (d >= 128 || d == '\'' || d == '"') {
                return Token.INVALID_TYPE;
            } else {
                break;
            }
        }
        Integer keyword = i - start <= 8 ? Keywords.BY_TEXT.get(text.substring(start, i)) : null;
        return consumed(start, i, keyword != null ? keyword : PythonLexer.NAME);
    }

    /** Moves past a line break that ends at {@code end}, to the start of the next line. */
    private int newline(int end) {
        _input.seek(end);
        getInterpreter().setLine(getInterpreter().getLine() + 1);
        getInterpreter().setCharPositionInLine(0);
        return PythonLexer.NEWLINE;
    }

    /** Moves past a one-line token that ends at {@code end} and answers its type. */
    private int consumed(int start, int end, int type) {
        _input.seek(end);
        getInterpreter().setCharPositionInLine(getInterpreter().getCharPositionInLine() + end - start);
        return type;
    }

    /** A string literal whose opening quote is at {@code quoteAt}; see the STRING rules of the grammar. */
    private int scanString(String text, int start, int quoteAt) {
        int q = ch(text, quoteAt);
        int i = quoteAt + 1;
        int newlines = 0;
        int lastNewline = -1;
        int type;
        if (ch(text, i) == q && ch(text, i + 1) == q) {
            // triple-quoted: up to the first unescaped run of three quotes; else everything to the end of input
            i += 2;
            while (true) {
                int c = ch(text, i);
                if (c == q) {
                    if (ch(text, i + 1) == q && ch(text, i + 2) == q) {
                        i += 3;
                        type = PythonLexer.STRING;
                        break;
                    }
                } else if (c == '\\') {
                    int d = ch(text, i + 1);
                    if (d == CharStream.EOF) {
                        type = PythonLexer.UNTERMINATED_TRIPLE_STRING;
                        break;
                    }
                    if (d == '\n') {
                        newlines++;
                        lastNewline = i + 1;
                    }
                    i += 2;
                    continue;
                } else if (c == '\n') {
                    newlines++;
                    lastNewline = i;
                } else if (c == CharStream.EOF) {
                    type = PythonLexer.UNTERMINATED_TRIPLE_STRING;
                    break;
                }
                i++;
            }
        } else {
            // one quote: up to the closing quote; a line break or the end of input leaves it unterminated
            while (true) {
                int c = ch(text, i);
                if (c == q) {
                    i++;
                    type = PythonLexer.STRING;
                    break;
                }
                if (c == '\\') {
                    int d = ch(text, i + 1);
                    if (d == CharStream.EOF) {
                        type = PythonLexer.UNTERMINATED_STRING;
                        break;
                    }
                    if (d == '\r' && ch(text, i + 2) == '\n') {
                        newlines++;
                        lastNewline = i + 2;
                        i += 3;
                        continue;
                    }
                    if (d == '\n') {
                        newlines++;
                        lastNewline = i + 1;
                    }
                    i += 2;
                    continue;
                }
                if (c == '\n' || c == '\r' || c == CharStream.EOF) {
                    type = PythonLexer.UNTERMINATED_STRING;
                    break;
                }
                i++;
            }
        }
        _input.seek(i);
        if (newlines == 0) {
            getInterpreter().setCharPositionInLine(getInterpreter().getCharPositionInLine() + i - start);
        } else {
            getInterpreter().setLine(getInterpreter().getLine() + newlines);
            getInterpreter().setCharPositionInLine(i - lastNewline - 1);
        }
        return type;
    }

    private void produce() {
        int mode = _mode;
        Token t = lexToken();
        int type = t.getType();
        if (type == PythonLexer.NEWLINE) {
            onNewline(t);
            return;
        }
        if (type == Token.EOF) {
            onEof(t);
            return;
        }
        if (type == PythonLexer.FSTRING_UNTERMINATED) {
            error("unterminated f-string literal (detected at line " + t.getLine() + ")", fstrings.isEmpty()
                    ? t.getStartIndex() : fstrings.getLast().start, t.getStartIndex());
            unwindFStrings();
            onNewline(t);
            return;
        }
        if (atPhysicalLineStart) {
            atPhysicalLineStart = false;
            if (depth > 0 && fstrings.isEmpty() && startsStatementOnly(t)
                    && indentation(t.getStartIndex())[0] <= outerBracketIndent) {
                // An unclosed bracket swallowed a new statement: close the brackets here so the statements after
                // it still parse.
                reportUnclosed();
                depth = 0;
                pending.add(synthetic(PythonLexer.NEWLINE, t));
                atLogicalLineStart = true;
            }
        }
        if (atLogicalLineStart) {
            atLogicalLineStart = false;
            indent(t);
        }
        int depthBefore = depth;
        switch (type) {
            case PythonLexer.LPAR, PythonLexer.LSQB -> openBracket(t);
            case PythonLexer.LBRACE -> {
                if (mode == DEFAULT_MODE) {
                    openBracket(t);
                } else {
                    openBracket(t);
                    fields.push(new Field(depth, fstrings.peek()));
                    pushMode(DEFAULT_MODE);
                }
            }
            case PythonLexer.RPAR, PythonLexer.RSQB -> closeBracket(t);
            case PythonLexer.RBRACE -> {
                if (mode == DEFAULT_MODE) {
                    if (!fields.isEmpty() && fields.peek().depth == depth) {
                        fields.pop();
                        depth--;
                        popMode();
                    } else {
                        closeBracket(t);
                    }
                } else if (isSpecMode(mode)) {
                    if (!fields.isEmpty()) {
                        fields.pop();
                        depth = Math.max(0, depth - 1);
                    }
                    popMode();
                } else {
                    error("f-string: single '}' is not allowed", t.getStartIndex(), t.getStopIndex() + 1);
                }
            }
            case PythonLexer.COLON -> {
                if (mode == DEFAULT_MODE && atFieldTop()) {
                    mode(specModeFor(fields.peek().owner.quoteKind));
                }
            }
            case PythonLexer.COLONEQUAL -> {
                if (mode == DEFAULT_MODE && atFieldTop()) {
                    // ':=' at the top of a replacement field is the format-spec colon followed by '='
                    CommonToken colon = (CommonToken) t;
                    colon.setType(PythonLexer.COLON);
                    colon.setStopIndex(colon.getStartIndex());
                    colon.setText(":");
                    _input.seek(colon.getStartIndex() + 1);
                    getInterpreter().setCharPositionInLine(colon.getCharPositionInLine() + 1);
                    _hitEOF = false;
                    mode(specModeFor(fields.peek().owner.quoteKind));
                }
            }
            case PythonLexer.FSTRING_START -> startFString(t);
            case PythonLexer.FSTRING_END -> {
                if (isSpecMode(mode)) {
                    error("f-string: expecting '}'", t.getStartIndex(), t.getStopIndex() + 1);
                    unwindFStrings();
                } else if (!fstrings.isEmpty()) {
                    FString f = fstrings.pop();
                    while (_modeStack.size() > f.modeStackSize) {
                        popMode();
                    }
                    mode(DEFAULT_MODE);
                }
            }
            case PythonLexer.ERRORTOKEN -> badCharacter(t);
            case PythonLexer.UNTERMINATED_STRING -> error("unterminated string literal (detected at line "
                    + lastLine(t) + ")", t.getStartIndex(), t.getStopIndex() + 1);
            case PythonLexer.UNTERMINATED_TRIPLE_STRING -> error(
                    "unterminated triple-quoted string literal (detected at line " + lastLine(t) + ")",
                    t.getStartIndex(), t.getStopIndex() + 1);
            default -> {
            }
        }
        if (depthBefore > MAX_NESTING || depth > MAX_NESTING) {
            // CPython's tokenizer refuses brackets nested deeper than this. The tokens inside them are dropped, so
            // the parser (recursive descent: a dozen rule frames per bracket) never goes deeper than real code does.
            if (depthBefore == MAX_NESTING) {
                error("too many nested parentheses", t.getStartIndex(), t.getStopIndex() + 1);
            }
            return;
        }
        pending.add(t);
    }

    private boolean atFieldTop() {
        return !fields.isEmpty() && fields.peek().depth == depth;
    }

    private static boolean isSpecMode(int mode) {
        return mode == PythonLexer.FSPEC_SQ || mode == PythonLexer.FSPEC_DQ || mode == PythonLexer.FSPEC_TSQ
                || mode == PythonLexer.FSPEC_TDQ;
    }

    private static int specModeFor(int quoteKind) {
        return switch (quoteKind) {
            case 0 -> PythonLexer.FSPEC_SQ;
            case 1 -> PythonLexer.FSPEC_DQ;
            case 2 -> PythonLexer.FSPEC_TSQ;
            default -> PythonLexer.FSPEC_TDQ;
        };
    }

    /**
     * Whether a line starting with this token cannot continue an expression inside brackets, so it ends an unclosed
     * bracket: statement keywords; {@code async} before {@code def} or {@code with} (not {@code async for}, which
     * comprehensions have); and {@code @} on a line followed by {@code def}, {@code class}, {@code async} or another
     * {@code @} line (a decorator, where inside brackets '@' would be matrix multiplication).
     */
    private boolean startsStatementOnly(Token t) {
        return switch (t.getType()) {
            case PythonLexer.DEF, PythonLexer.CLASS, PythonLexer.RETURN, PythonLexer.IMPORT, PythonLexer.PASS,
                    PythonLexer.BREAK, PythonLexer.CONTINUE, PythonLexer.GLOBAL, PythonLexer.NONLOCAL,
                    PythonLexer.DEL, PythonLexer.ASSERT, PythonLexer.RAISE, PythonLexer.WHILE, PythonLexer.WITH,
                    PythonLexer.TRY, PythonLexer.EXCEPT, PythonLexer.FINALLY, PythonLexer.ELIF -> true;
            case PythonLexer.ASYNC -> {
                String w = wordAt(skipSpaces(t.getStopIndex() + 1));
                yield w.equals("def") || w.equals("with");
            }
            case PythonLexer.AT -> {
                // this line and any '@' lines after it must be whole decorators (no bracket closed that the line
                // did not open, as in 'x = (a\n@ b)'), followed by def, class or async
                int i = t.getStopIndex() + 1;
                while (true) {
                    int balance = 0;
                    for (int c = la(i); c != '\n' && c != '\r' && c != CharStream.EOF; c = la(++i)) {
                        if (c == '(' || c == '[' || c == '{') {
                            balance++;
                        } else if ((c == ')' || c == ']' || c == '}') && --balance < 0) {
                            yield false;
                        } else if (c == '#') {
                            while (la(i + 1) != '\n' && la(i + 1) != '\r' && la(i + 1) != CharStream.EOF) {
                                i++;
                            }
                        }
                    }
                    if (balance != 0 || la(i) == CharStream.EOF) {
                        yield false;
                    }
                    // past the line break, blank lines and comment lines
                    int c;
                    while (true) {
                        i = skipSpaces(i + 1);
                        c = la(i);
                        if (c == '#') {
                            while (la(i) != '\n' && la(i) != '\r' && la(i) != CharStream.EOF) {
                                i++;
                            }
                            c = la(i);
                        }
                        if (c != '\n' && c != '\r') {
                            break;
                        }
                    }
                    if (c != '@') {
                        String w = wordAt(i);
                        yield w.equals("def") || w.equals("class") || w.equals("async");
                    }
                    i++;
                }
            }
            default -> false;
        };
    }

    /** The code point at absolute index {@code i} of the input, or EOF. */
    private int la(int i) {
        return _input.LA(i - _input.index() + 1);
    }

    private int skipSpaces(int i) {
        while (la(i) == ' ' || la(i) == '\t' || la(i) == '\f') {
            i++;
        }
        return i;
    }

    /** The ASCII word (letters, digits, underscores) at absolute index {@code i}, up to 8 characters. */
    private String wordAt(int i) {
        StringBuilder sb = new StringBuilder(8);
        for (int c = la(i); sb.length() < 8 && (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')); c = la(++i)) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private void startFString(Token t) {
        String text = t.getText();
        int quotes = 0;
        while (quotes < text.length() && (text.charAt(text.length() - 1 - quotes) == '\''
                || text.charAt(text.length() - 1 - quotes) == '"')) {
            quotes++;
        }
        boolean raw = text.indexOf('r') >= 0 || text.indexOf('R') >= 0;
        boolean dq = text.charAt(text.length() - 1) == '"';
        int kind = (quotes == 3 ? 2 : 0) + (dq ? 1 : 0);
        fstrings.push(new FString(kind, _modeStack.size(), depth, t.getStartIndex(), t.getLine()));
        int m = switch (kind) {
            case 0 -> raw ? PythonLexer.RFS_SQ : PythonLexer.FS_SQ;
            case 1 -> raw ? PythonLexer.RFS_DQ : PythonLexer.FS_DQ;
            case 2 -> raw ? PythonLexer.RFS_TSQ : PythonLexer.FS_TSQ;
            default -> raw ? PythonLexer.RFS_TDQ : PythonLexer.FS_TDQ;
        };
        pushMode(m);
    }

    /** Abandons every open f-string (after an error) and returns to the default mode outside them. */
    private void unwindFStrings() {
        if (fstrings.isEmpty()) {
            mode(DEFAULT_MODE);
            return;
        }
        FString outer = fstrings.getLast();
        while (_modeStack.size() > outer.modeStackSize) {
            popMode();
        }
        mode(DEFAULT_MODE);
        depth = Math.min(depth, outer.depthAtStart);
        fstrings.clear();
        fields.clear();
    }

    private void openBracket(Token t) {
        if (depth == bracketChar.length) {
            bracketChar = java.util.Arrays.copyOf(bracketChar, depth * 2);
            bracketStart = java.util.Arrays.copyOf(bracketStart, depth * 2);
            bracketLine = java.util.Arrays.copyOf(bracketLine, depth * 2);
        }
        if (depth == 0) {
            outerBracketIndent = lineIndent;
        }
        bracketChar[depth] = bracketChar(t.getType());
        bracketStart[depth] = t.getStartIndex();
        bracketLine[depth] = t.getLine();
        depth++;
    }

    private void closeBracket(Token t) {
        char close = bracketChar(t.getType());
        if (depth == 0 || (!fstrings.isEmpty() && depth <= fstrings.peek().depthAtStart)) {
            error("unmatched '" + close + "'", t.getStartIndex(), t.getStopIndex() + 1);
            return;
        }
        depth--;
        int open = bracketChar[depth];
        int expected = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (close != expected) {
            String where = bracketLine[depth] != t.getLine() ? " on line " + bracketLine[depth] : "";
            error("closing parenthesis '" + close + "' does not match opening parenthesis '" + (char) open + "'"
                    + where, t.getStartIndex(), t.getStopIndex() + 1);
        }
    }

    private static char bracketChar(int type) {
        return switch (type) {
            case PythonLexer.LPAR -> '(';
            case PythonLexer.RPAR -> ')';
            case PythonLexer.LSQB -> '[';
            case PythonLexer.RSQB -> ']';
            case PythonLexer.LBRACE -> '{';
            default -> '}';
        };
    }

    private void reportUnclosed() {
        int i = depth - 1;
        error("'" + (char) bracketChar[i] + "' was never closed", bracketStart[i], bracketStart[i] + 1);
    }

    private void onNewline(Token t) {
        physicalLineStart = t.getStopIndex() + 1;
        atPhysicalLineStart = true;
        if (depth > 0 || atLogicalLineStart) {
            return;
        }
        if (t.getType() != PythonLexer.NEWLINE) {
            ((CommonToken) t).setType(PythonLexer.NEWLINE);
        }
        pending.add(t);
        atLogicalLineStart = true;
    }

    private void onEof(Token t) {
        if (!fstrings.isEmpty()) {
            FString f = fstrings.getLast();
            error((f.quoteKind >= 2 ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal")
                    + " (detected at line " + t.getLine() + ")", f.start, f.start + 1);
            unwindFStrings();
        }
        if (depth > 0) {
            reportUnclosed();
            depth = 0;
        }
        if (!atLogicalLineStart) {
            pending.add(synthetic(PythonLexer.NEWLINE, t));
            atLogicalLineStart = true;
        }
        while (indentTop > 0) {
            indentTop--;
            pending.add(synthetic(PythonLexer.DEDENT, t));
        }
        pending.add(t);
    }

    /** Column with tab stops of 8 and column with tabs as 1 of the code point at {@code index}. */
    private int[] indentation(int index) {
        int col = 0;
        int alt = 0;
        int contCol = 0;
        int contAlt = 0;
        if (index > physicalLineStart) {
            String ws = _input.getText(Interval.of(physicalLineStart, index - 1));
            for (int i = 0; i < ws.length(); i++) {
                char c = ws.charAt(i);
                if (c == ' ') {
                    col++;
                    alt++;
                } else if (c == '\t') {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    alt++;
                } else if (c == '\f') {
                    col = 0;
                    alt = 0;
                } else if (c == '\uFEFF' && physicalLineStart == 0 && i == 0) {
                    continue;
                } else if (c == '\\') {
                    // a backslash continuation before the first token: as in CPython's tokenizer, the first
                    // backslash after some whitespace fixes the indentation; one at column 0 does not, and the
                    // counting goes on over the continued line
                    if (contCol == 0) {
                        contCol = col;
                        contAlt = alt;
                    }
                }
                // the line break after a backslash counts for nothing
            }
        }
        return contCol != 0 ? new int[] {contCol, contAlt} : new int[] {col, alt};
    }

    private void indent(Token t) {
        int[] ind = indentation(t.getStartIndex());
        int col = ind[0];
        int alt = ind[1];
        lineIndent = col;
        if (col == indents[indentTop]) {
            if (alt != altIndents[indentTop]) {
                tabError(t);
            }
        } else if (col > indents[indentTop]) {
            if (alt <= altIndents[indentTop]) {
                tabError(t);
            }
            if (indentTop + 1 == indents.length) {
                indents = java.util.Arrays.copyOf(indents, indents.length * 2);
                altIndents = java.util.Arrays.copyOf(altIndents, altIndents.length * 2);
            }
            indentTop++;
            indents[indentTop] = col;
            altIndents[indentTop] = alt;
            pending.add(synthetic(PythonLexer.INDENT, t));
        } else {
            while (indentTop > 0 && col < indents[indentTop]) {
                indentTop--;
                pending.add(synthetic(PythonLexer.DEDENT, t));
            }
            if (col != indents[indentTop]) {
                error("unindent does not match any outer indentation level", t.getStartIndex(),
                        t.getStartIndex() + 1);
            } else if (alt != altIndents[indentTop]) {
                tabError(t);
            }
        }
    }

    private void tabError(Token t) {
        error("inconsistent use of tabs and spaces in indentation", t.getStartIndex(), t.getStartIndex() + 1);
    }

    private void badCharacter(Token t) {
        int cp = t.getText().codePointAt(0);
        String message;
        if (cp == '\\') {
            message = "unexpected character after line continuation character";
        } else if (cp < 0x80 && cp > 0x20 && cp != 0x7f) {
            message = "invalid syntax";
        } else if (!isPrintable(cp)) {
            message = String.format("invalid non-printable character U+%04X", cp);
        } else {
            message = String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp);
        }
        error(message, t.getStartIndex(), t.getStopIndex() + 1);
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return !(type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.SPACE_SEPARATOR && cp != ' '));
    }

    private static int lastLine(Token t) {
        String s = t.getText();
        int line = t.getLine();
        // CPython counts the line the tokenizer stopped on: a line break at the very end starts no new line
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private Token synthetic(int type, Token at) {
        CommonToken t = new CommonToken(_tokenFactorySourcePair, type, DEFAULT_TOKEN_CHANNEL, at.getStartIndex(),
                at.getStartIndex() - 1);
        t.setLine(at.getLine());
        t.setCharPositionInLine(at.getCharPositionInLine());
        t.setText("");
        return t;
    }

    private void error(String message, int start, int end) {
        errors.add(new LexError(message, start, Math.max(start, end)));
    }
}
