package dev.memlens.syntax;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.memlens.syntax.TestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Literal errors CPython raises at parse time: bad escapes in str and bytes literals and non-ASCII bytes. The
 * expected messages and positions (line and 0-based column in characters, where CPython puts them: after the whole
 * implicit concatenation) were taken from CPython 3.11.
 */
class StringErrorsTest {

    private static void rejects(String src, String where, String message) {
        ParseResult r = parse(src + "\n");
        assertTrue(r.hasErrors(), () -> "accepted: " + src);
        ParseError e = r.errors().get(0);
        LineMap.Position p = new LineMap(r.source().text()).position(e.span().start(), LineMap.Encoding.UTF32);
        assertEquals(message, e.message(), src);
        assertEquals(where, (p.line() + 1) + ":" + p.column(), src);
    }

    private static String unicode(String range, String reason) {
        return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + range + ": " + reason;
    }

    @Test
    void unknownCharacterNames() {
        rejects("s = '\\N{NOT A NAME}'", "1:20", unicode("0-13", "unknown Unicode character name"));
        rejects("s = 'a\\N{x}'", "1:12", unicode("1-5", "unknown Unicode character name"));
        rejects("s = f'\\N{NOT A NAME}'", "1:21", unicode("0-13", "unknown Unicode character name"));
        rejects("s = 'a' '\\N{BULLET'", "1:19", unicode("0-8", "malformed \\N character escape"));
        rejects("s = '\\N'", "1:8", unicode("0-1", "malformed \\N character escape"));
        rejects("s = '\\N{'", "1:9", unicode("0-2", "malformed \\N character escape"));
        rejects("s = '\\N{}'", "1:10", unicode("0-2", "malformed \\N character escape"));
    }

    @Test
    void truncatedAndIllegalEscapes() {
        rejects("s = '\\x4'", "1:9", unicode("0-2", "truncated \\xXX escape"));
        rejects("s = 'ab\\xZZ'", "1:12", unicode("2-3", "truncated \\xXX escape"));
        rejects("s = '\\u12'", "1:10", unicode("0-3", "truncated \\uXXXX escape"));
        rejects("s = '\\U1234567'", "1:15", unicode("0-8", "truncated \\UXXXXXXXX escape"));
        rejects("s = '\\U0011ffff'", "1:16", unicode("0-9", "illegal Unicode character"));
        rejects("s = '\\x4' 'a'", "1:13", unicode("0-2", "truncated \\xXX escape"));
        rejects("s = '\\u12' '\\x4'", "1:16", unicode("0-3", "truncated \\uXXXX escape"));
        rejects("s = f'a{x}\\x4'", "1:14", unicode("0-2", "truncated \\xXX escape"));
        rejects("s = f'{x:\\x4}'", "1:14", unicode("0-2", "truncated \\xXX escape"));
        rejects("s = '''a\nb\\x4'''", "2:7", unicode("3-5", "truncated \\xXX escape"));
    }

    @Test
    void positionsCountNonAsciiCharactersAsCPythonsDecoderDoes() {
        rejects("s = 'é\\x4'", "1:10", unicode("10-12", "truncated \\xXX escape"));
        rejects("s='😀\\x4'", "1:8", unicode("10-12", "truncated \\xXX escape"));
    }

    @Test
    void bytes() {
        rejects("s = b'é'", "1:4", "bytes can only contain ASCII literal characters");
        rejects("s = rb'é'", "1:4", "bytes can only contain ASCII literal characters");
        rejects("s = b'\\x4'", "1:10", "(value error) invalid \\x escape at position 0");
        rejects("s = b'ab\\xZZ'", "1:13", "(value error) invalid \\x escape at position 2");
    }

    @Test
    void acceptedLikeCPython() {
        for (String ok : List.of("s = b'\\u12'", "s = 'ok \\q'", "s = r'\\N{NOT}'", "s = rb'\\x4' Rb'\\x'", "s = '\\\\N{NOT}'",
                "s = '\\N{bullet}' '\\N{LATIN SMALL LETTER A WITH ACUTE}' '\\N{EM DASH}'",
                "s = '\\N{LINE FEED}' '\\N{LF}' '\\N{NBSP}' '\\N{ZWJ}' '\\N{BOM}' '\\N{ESC}' '\\N{DEL}' '\\N{VS16}'",
                "s = '\\N{HANGUL SYLLABLE GA}' '\\N{HANGUL SYLLABLE HIH}' '\\N{CJK UNIFIED IDEOGRAPH-4E00}'",
                "s = '\\x41\\u0041\\U00000041\\101\\ud800'", "s = rf'\\N{NOT} {x}'", "s = f'{x!r:>{w}} \\x41'",
                "s = b'\\x41\\777'", "s = '\\\nabc'")) {
            ParseResult r = parse(ok + "\n");
            assertTrue(r.errors().isEmpty(), () -> ok + ": " + r.errors());
        }
    }

    @Test
    void theRestOfTheFileStillParses() {
        ParseResult r = parse("def f():\n    return '\\x4'\n\ndef g():\n    pass\n");
        assertEquals(1, r.errors().size(), () -> r.errors().toString());
        assertEquals(List.of("f", "g"), TestSupport.topLevelNames(r.module()));
    }
}
