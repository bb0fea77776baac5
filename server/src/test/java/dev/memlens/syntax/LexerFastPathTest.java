package dev.memlens.syntax;

import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.StringCharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lexer scans whitespace, comments and string literals by hand; the grammar rules for them stay the reference.
 * Both ways must give the same tokens (type, range, line, column) and the same lexical errors.
 */
class LexerFastPathTest {

    private static List<String> lex(String text, boolean fast, boolean stringStream) {
        PythonLexer lexer = new PythonLexer(stringStream && SourceParser.codePointMap(text) == null
                ? new StringCharStream(text, "t") : CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.setFastScanning(fast);
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            out.add(t.getType() + "@" + t.getStartIndex() + ":" + t.getStopIndex() + " " + t.getLine() + ":"
                    + t.getCharPositionInLine());
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        lexer.lexErrors().forEach(e -> out.add(e.toString()));
        return out;
    }

    private static void same(String text) {
        List<String> reference = lex(text, false, false);
        assertEquals(reference, lex(text, true, true), () -> "fast path on a String: " + text);
        assertEquals(reference, lex(text, true, false), () -> "fast path on a code point stream: " + text);
    }

    @Test
    void tricky() {
        for (String s : List.of("x = 'a'\n", "x = \"a\"  # c\n", "'''a''''\n", "'''a'\\''''\n", "\"\"\"a\"\"b\"\"\"\n",
                "'abc", "'abc\\", "'abc\\\n", "'a\\\nb'\n", "'a\\\r\nb'\r\n", "'a\\\rb'\r", "'''abc", "'''abc'",
                "'''abc''", "'''abc'\\", "'''a\\\n\nb\n'''\n", "''\n", "''''''\n", "r'\\''\n", "rb'x' Br\"y\" bR'''z'''\n",
                "u'x' U'y' ub'z'\n", "xr'a'\n", "f'x{y}' rf'{z}'\n", "f'{\"a\"}'\n", "f'{x:{\"q\"}}'\n",
                "\t \f x = 1 \t# comment\r\ny = 2\n", "# only a comment", "x = 1 #", "  \n\t\n", "b'\\xff\\\n'\n",
                "s = '😀' + \"\"\"😀\n😀\"\"\"  # 😀\nt = 'é'\n", "'\\N{BULLET}'\n", "(\n'a'\n'b')\n",
                "def f():\n    '''doc\n    string'''\n    return '''\n'''\n", "x = '\n", "x = \"a\\\"b\"\n",
                // numbers and commas: the fast path takes plain decimals ended by ASCII punctuation only
                "x = [1, 22, 333,4,0, 0]\n", "1if x else 2\n", "0 007 00 0_0 1_000 1.5 1. 1e5 1E-5 1j 2J\n",
                "0x1F 0o17 0b101 0X 0b2\n", "1é 1\u00e9 12abc 3_\n", "f(1,2,)\n", "x=1\ny=2", "9", "0",
                "(1,\n2)\n", "x[1:2, 3]\n", "1..real 1 .real\n",
                // names, keywords and one-character punctuation: ASCII words only, never a string prefix
                "def define(self, _x, x_1, None_, True):\n    return not_ or None\n", "nonlocal continue nonlocals\n",
                "match case type lazy matches _\n", "f'a' t'b' fr'c' Rb'd' ur'e' rt'f' F\"g\"\n", "caf\u00e9 = x\u00e9y\n",
                "a.b.c(d)[e]{f} ; g\n", "x:=1\nx: int = 2\ny == z\nx...y\nx.5\n", "f'{a:>{w}}{b!r}{c=}{d:{e}.{f}}'\n",
                "lambda: x\n", "x\\\n  y\n", "if x:pass\n", "print(a,b);print(c)\n", "abc",
                "a+b-c*d/e//f%g**h@i<j>k<=l>=m==n!=o<<p>>q&r|s^t~u\n", "a+=1;b-=2;c*=3;d/=4;e//=5;f%=6;g**=7;h@=8\n",
                "i<<=1;j>>=2;k&=3;l|=4;m^=5\n", "def f()->int: pass\n", "x=-1+~2\n", "!x ! ~\n", "a<>b\n", "*a, **b\n",
                "x-", "x**", "@dec\n", "a->b\n", "y=x*-1\n",
                "a\r\nb\rc\n\nd\r\r\ne\n\r", "(a,\r\n b)\r\n", "if x:\r    y\r", "x = 1\n\n\n# c\n\n")) {
            same(s);
        }
    }

    @Test
    void standardLibrary() throws Exception {
        assumeTrue(Files.isDirectory(Fidelity.STDLIB), "no stdlib at " + Fidelity.STDLIB);
        int files = 0;
        for (Path f : ParseBench.pythonFiles(Fidelity.STDLIB)) {
            SourceDecoder.Decoded d = SourceDecoder.decode(Files.readAllBytes(f));
            if (d.error() == null) {
                List<String> reference = lex(d.text(), false, false);
                assertEquals(reference, lex(d.text(), true, true), f::toString);
                files++;
            }
        }
        assertTrue(files > 1000, "too few files: " + files);
    }
}
