package dev.memlens.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a Python source into a broken neighbour: the edits a typing user, a bad merge or a binary file make. Every
 * choice comes from the given {@link Random}, so one seed always gives the same inputs.
 */
public final class Mutator {

    /** Tokens worth inserting: brackets, quotes, colons, keywords and the constructs the analysis models. */
    private static final String[] TOKENS = {
        "(", ")", "[", "]", "{", "}", "'", "\"", "\"\"\"", "'''", ":", ",", ";", ".", "\\", "\n", "\t", "    ",
        "def f(a=[]):", "class C:", "lambda: ", "if x:", "else:", "elif y:", "return ", "yield ", "await ",
        "async ", "global x", "nonlocal x", "del ", "*", "**", "=", ":=", "+=", "@", "f'{", "}'", "f\"{x!r:>{w}}\"",
        "match x:", "case [a, *b]:", "case _:", "import copy\n", "copy.copy(", "copy.deepcopy(", ".append(",
        " is ", " is not ", "try:", "except:", "finally:", "with ", "for x in ", "while True:", "b'", "#",
        "type T = ", "[T]", "x = y = []", "memoryview(", "sys.getrefcount(", "[[0] * 3] * 3", "dict.fromkeys(",
        "pass", "...", "None", "0x", "1e", "\u00e9", "\ud83d\udc0d", "\r", "\r\n", "\f", "\u0000",
    };

    private final Random random;

    public Mutator(Random random) {
        this.random = random;
    }

    /** One to four mutations of {@code source}; {@code other} is a second file for splices. */
    public byte[] mutate(byte[] source, byte[] other) {
        byte[] current = source;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            current = once(current, other);
        }
        return current;
    }

    private byte[] once(byte[] bytes, byte[] other) {
        switch (random.nextInt(12)) {
            case 0:
                return lines(bytes, Op.DELETE);
            case 1:
                return lines(bytes, Op.DUPLICATE);
            case 2:
                return lines(bytes, Op.SWAP);
            case 3:
            case 4:
                return insertToken(bytes);
            case 5:
                return deleteSpan(bytes);
            case 6:
                return bytes.length == 0 ? bytes : Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 7:
                return insertBytes(bytes);
            case 8:
                return lines(bytes, Op.INDENT);
            case 9:
                return splice(bytes, other);
            case 10:
                return lines(bytes, Op.DEDENT);
            default:
                return repeatSpan(bytes);
        }
    }

    private enum Op { DELETE, DUPLICATE, SWAP, INDENT, DEDENT }

    private byte[] lines(byte[] bytes, Op op) {
        List<String> lines = new ArrayList<>(Arrays.asList(text(bytes).split("\n", -1)));
        if (lines.isEmpty()) {
            return bytes;
        }
        int i = random.nextInt(lines.size());
        int span = 1 + random.nextInt(Math.min(5, lines.size() - i));
        switch (op) {
            case DELETE -> lines.subList(i, i + span).clear();
            case DUPLICATE -> lines.addAll(i, new ArrayList<>(lines.subList(i, i + span)));
            case SWAP -> {
                int j = random.nextInt(lines.size());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            case INDENT -> {
                String pad = random.nextBoolean() ? " ".repeat(1 + random.nextInt(8)) : "\t";
                for (int k = i; k < i + span; k++) {
                    lines.set(k, pad + lines.get(k));
                }
            }
            case DEDENT -> {
                for (int k = i; k < i + span; k++) {
                    lines.set(k, lines.get(k).stripLeading());
                }
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] insertToken(byte[] bytes) {
        String t = text(bytes);
        int at = random.nextInt(t.length() + 1);
        String token = TOKENS[random.nextInt(TOKENS.length)];
        return (t.substring(0, at) + token + t.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] deleteSpan(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 40));
        byte[] out = new byte[bytes.length - n];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
        return out;
    }

    private byte[] repeatSpan(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        int n = Math.min(bytes.length - at, 1 + random.nextInt(20));
        int times = 2 + random.nextInt(random.nextBoolean() ? 10 : 300);
        byte[] span = Arrays.copyOfRange(bytes, at, at + n);
        byte[] out = new byte[bytes.length + n * (times - 1)];
        System.arraycopy(bytes, 0, out, 0, at);
        for (int k = 0; k < times; k++) {
            System.arraycopy(span, 0, out, at + k * n, n);
        }
        System.arraycopy(bytes, at + n, out, at + times * n, bytes.length - at - n);
        return out;
    }

    /** Invalid UTF-8 (lone continuation bytes, truncated sequences, overlongs), NULs and BOMs. */
    private byte[] insertBytes(byte[] bytes) {
        byte[][] choices = {
            {(byte) 0x80}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff, (byte) 0xfe}, {0},
            {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        };
        byte[] insert = choices[random.nextInt(choices.length)];
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private byte[] splice(byte[] a, byte[] b) {
        int cutA = random.nextInt(a.length + 1);
        int cutB = random.nextInt(b.length + 1);
        byte[] out = new byte[cutA + b.length - cutB];
        System.arraycopy(a, 0, out, 0, cutA);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
