package dev.memlens.syntax;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceDecoderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void utf8IsTheDefault() {
        SourceDecoder.Decoded d = SourceDecoder.decode(utf8("s = '\u00e9\uD83D\uDE00'\n"));
        assertNull(d.error());
        assertEquals("s = '\u00e9\uD83D\uDE00'\n", d.text());
    }

    @Test
    void emptyFile() {
        SourceDecoder.Decoded d = SourceDecoder.decode(new byte[0]);
        assertNull(d.error());
        assertEquals("", d.text());
    }

    @Test
    void bomIsDroppedFromTheText() {
        SourceDecoder.Decoded d = SourceDecoder.decode(concat(BOM, utf8("x = '\u00e9'\n")));
        assertNull(d.error());
        assertEquals("x = '\u00e9'\n", d.text());
    }

    @Test
    void bomWithAUtf8CookieIsFine() {
        SourceDecoder.Decoded d = SourceDecoder.decode(concat(BOM, utf8("# -*- coding: utf-8 -*-\nx = 1\n")));
        assertNull(d.error());
        assertEquals("# -*- coding: utf-8 -*-\nx = 1\n", d.text());
    }

    @Test
    void bomWithAnotherCookieIsAnError() {
        SourceDecoder.Decoded d = SourceDecoder.decode(concat(BOM, utf8("# coding: latin-1\nx = 1\n")));
        assertNotNull(d.error());
        assertEquals("encoding problem: latin-1 with BOM", d.error().message());
    }

    @Test
    void latin1CookieOnLineTwo() {
        byte[] bytes = latin1("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\ns = '\u00e9'\n");
        SourceDecoder.Decoded d = SourceDecoder.decode(bytes);
        assertNull(d.error());
        assertTrue(d.text().endsWith("s = '\u00e9'\n"), d.text());
    }

    @Test
    void latin1CookieOnLineTwoAfterACrOnlyLineOne() {
        SourceDecoder.Decoded d = SourceDecoder.decode(latin1("#!python\r# coding=latin1\rs = '\u00e9'\r"));
        assertNull(d.error());
        assertTrue(d.text().contains("'\u00e9'"), d.text());
    }

    @Test
    void cookieOnLineTwoCountsOnlyAfterABlankOrCommentLine() {
        // line 1 is code, so line 2's cookie is just a comment and the file is (invalid) UTF-8
        SourceDecoder.Decoded d = SourceDecoder.decode(latin1("x = 1\n# coding: latin-1\ns = '\u00e9'\n"));
        assertNotNull(d.error());
    }

    @Test
    void cookieOnLineThreeIsIgnored() {
        SourceDecoder.Decoded d = SourceDecoder.decode(latin1("#\n#\n# coding: latin-1\ns = '\u00e9'\n"));
        assertNotNull(d.error());
    }

    @Test
    void editorStyleCookies() {
        for (String cookie : new String[] {
                "# vim: set fileencoding=latin-1 :", "# -*- coding: iso-8859-1 -*-", "#coding:latin_1",
                "# This Python file uses the following encoding: ISO-8859-1"}) {
            SourceDecoder.Decoded d = SourceDecoder.decode(latin1(cookie + "\ns = '\u00e9'\n"));
            assertNull(d.error(), cookie);
            assertTrue(d.text().endsWith("s = '\u00e9'\n"), cookie);
        }
    }

    @Test
    void spellingsOfUtf8AndLatin1() {
        assertEquals("utf-8", SourceDecoder.normalize("UTF_8"));
        assertEquals("utf-8", SourceDecoder.normalize("utf8"));
        assertEquals("utf-8", SourceDecoder.normalize("utf-8-unix"));
        assertEquals("iso-8859-1", SourceDecoder.normalize("latin-1"));
        assertEquals("iso-8859-1", SourceDecoder.normalize("Latin1"));
        assertEquals("iso-8859-1", SourceDecoder.normalize("iso_8859_1"));
        assertEquals("cp1252", SourceDecoder.normalize("cp1252"));
    }

    @Test
    void unknownEncodingIsAnError() {
        SourceDecoder.Decoded d = SourceDecoder.decode(utf8("# -*- coding: klingon -*-\nx = 1\n"));
        assertNotNull(d.error());
        assertEquals("unknown encoding: klingon", d.error().message());
        assertEquals("", d.text());
    }

    @Test
    void invalidUtf8IsAnErrorNotReplacementCharacters() {
        SourceDecoder.Decoded d = SourceDecoder.decode(latin1("s = '\u00e9'\n"));
        assertNotNull(d.error());
        assertTrue(d.error().message().startsWith("(unicode error) 'utf-8' codec can't decode"), d.error().message());
        assertNotNull(d.text());
    }

    @Test
    void truncatedMultiByteSequenceIsAnError() {
        byte[] emoji = utf8("\uD83D\uDE00");
        byte[] cut = concat(utf8("s = '"), new byte[] {emoji[0], emoji[1]});
        assertNotNull(SourceDecoder.decode(cut).error());
    }

    @Test
    void parserDecodesBytesAndReportsDecodingErrors() {
        ParseResult ok = SourceParser.parse("ok.py", concat(BOM, utf8("x = 1\n")));
        assertEquals("ok.py", ok.source().name());
        assertEquals("x = 1\n", ok.source().text());
        assertTrue(ok.errors().isEmpty(), ok.errors().toString());

        ParseResult bad = SourceParser.parse("bad.py", utf8("# coding: klingon\n"));
        assertTrue(bad.hasErrors());
        assertEquals("unknown encoding: klingon", bad.errors().get(0).message());
    }
}
