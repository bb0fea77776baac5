package dev.memlens.syntax;

import dev.memlens.syntax.LineMap.Encoding;
import dev.memlens.syntax.LineMap.Position;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineMapTest {
    private static final String EMOJI = "\uD83D\uDE00";     // U+1F600, astral: 2 UTF-16 units, 4 UTF-8 bytes
    private static final String CLEF = "\uD834\uDD1E";      // U+1D11E, astral too
    private static final String E_ACUTE = "\u00e9";         // 2 UTF-8 bytes
    private static final String CJK = "\u4e2d";             // 3 UTF-8 bytes

    private static Position pos(int line, int column) {
        return new Position(line, column);
    }

    @Test
    void lfLines() {
        LineMap map = new LineMap("a\nbc\n");
        assertEquals(3, map.lineCount());
        assertEquals(pos(0, 0), map.position(0));
        assertEquals(pos(0, 1), map.position(1));
        assertEquals(pos(1, 0), map.position(2));
        assertEquals(pos(1, 2), map.position(4));
        assertEquals(pos(2, 0), map.position(5));
        assertEquals(4, map.lineEnd(1));
    }

    @Test
    void crlfIsOneLineBreak() {
        LineMap map = new LineMap("ab\r\ncd\r\n");
        assertEquals(3, map.lineCount());
        assertEquals(4, map.lineStart(1));
        assertEquals(2, map.lineEnd(0));
        assertEquals(6, map.lineEnd(1));
        assertEquals(0, map.line(3));                        // the \n of \r\n still belongs to line 0
        assertEquals(pos(1, 1), map.position(5));
        assertEquals(5, map.offset(1, 1));
    }

    @Test
    void crAloneEndsALineAsInPython() {
        LineMap map = new LineMap("a\rb\rc");
        assertEquals(3, map.lineCount());
        assertEquals(pos(1, 0), map.position(2));
        assertEquals(pos(2, 1), map.position(5));
        assertEquals(1, map.lineEnd(0));
        assertEquals(4, map.offset(2, 0));
    }

    @Test
    void mixedLineEnds() {
        LineMap map = new LineMap("a\r\n\rb\nc");           // lines: "a", "", "b", "c"
        assertEquals(4, map.lineCount());
        assertEquals(3, map.lineStart(1));
        assertEquals(3, map.lineEnd(1));
        assertEquals(pos(2, 0), map.position(4));
        assertEquals(pos(3, 0), map.position(6));
    }

    @Test
    void emptyText() {
        LineMap map = new LineMap("");
        assertEquals(1, map.lineCount());
        assertEquals(pos(0, 0), map.position(0));
        assertEquals(0, map.offset(0, 5));
        assertEquals(0, map.offset(3, 0));
    }

    @Test
    void emojiColumnsInEachEncoding() {
        String text = "x = '" + EMOJI + "' + y";
        LineMap map = new LineMap(text);
        int afterEmoji = 5 + 2;
        assertEquals(pos(0, 7), map.position(afterEmoji, Encoding.UTF16));
        assertEquals(pos(0, 9), map.position(afterEmoji, Encoding.UTF8));
        assertEquals(pos(0, 6), map.position(afterEmoji, Encoding.UTF32));
        int y = text.length() - 1;
        assertEquals(pos(0, 11), map.position(y, Encoding.UTF16));
        assertEquals(pos(0, 13), map.position(y, Encoding.UTF8));
        assertEquals(pos(0, 10), map.position(y, Encoding.UTF32));
    }

    @Test
    void astralPlaneAndMultiByteCharactersOnALaterLine() {
        String text = "first\r\n" + E_ACUTE + CJK + CLEF + "z";
        LineMap map = new LineMap(text);
        int z = text.indexOf('z');
        assertEquals(pos(1, 4), map.position(z, Encoding.UTF16));
        assertEquals(pos(1, 9), map.position(z, Encoding.UTF8));   // 2 + 3 + 4
        assertEquals(pos(1, 3), map.position(z, Encoding.UTF32));
        for (Encoding e : Encoding.values()) {
            Position p = map.position(z, e);
            assertEquals(z, map.offset(p.line(), p.column(), e), e.name());
        }
    }

    @Test
    void everyOffsetRoundTripsInEveryEncoding() {
        String text = "a" + EMOJI + "b\r\n" + E_ACUTE + "\r" + CJK + CLEF + "\n\n" + "end";
        LineMap map = new LineMap(text);
        for (int o = 0; o <= text.length(); o++) {
            boolean insidePair = o > 0 && o < text.length() && Character.isLowSurrogate(text.charAt(o));
            boolean insideBreak = o > 0 && o < text.length() && text.charAt(o) == '\n' && text.charAt(o - 1) == '\r';
            if (insidePair || insideBreak) {
                continue;
            }
            for (Encoding e : Encoding.values()) {
                Position p = map.position(o, e);
                assertEquals(o, map.offset(p.line(), p.column(), e), "offset " + o + " in " + e);
            }
        }
    }

    @Test
    void columnInsideACharacterClampsToItsStart() {
        LineMap map = new LineMap(EMOJI + "a");
        assertEquals(0, map.offset(0, 1, Encoding.UTF16));   // between the two surrogates
        assertEquals(0, map.offset(0, 3, Encoding.UTF8));    // inside the 4-byte sequence
        assertEquals(2, map.offset(0, 4, Encoding.UTF8));
        assertEquals(2, map.offset(0, 1, Encoding.UTF32));
    }

    @Test
    void outOfRangeInputIsClampedNeverThrown() {
        String text = "ab\ncd";
        LineMap map = new LineMap(text);
        assertEquals(pos(0, 0), map.position(-5));
        assertEquals(pos(1, 2), map.position(1000));
        assertEquals(pos(1, 2), map.position(Integer.MAX_VALUE, Encoding.UTF8));
        assertEquals(0, map.line(-1));
        assertEquals(1, map.line(99));
        assertEquals(0, map.lineStart(-3));
        assertEquals(3, map.lineStart(99));
        assertEquals(0, map.offset(-1, 0));
        assertEquals(text.length(), map.offset(99, 0));
        assertEquals(2, map.offset(0, 99));                  // past the end of the line: the line end, not line 1
        assertEquals(3, map.offset(1, -4));                  // a negative column: the line start
    }
}
