package dev.memlens.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python sources whose nesting or length goes far past real code: long operator chains, deeply nested brackets and
 * blocks, very long lines. Each ends with {@link #TAIL}, whose alias every layer must still see (or the file must get
 * a syntax error, as CPython gives one for some of them).
 */
public final class DeepInputs {
    /** The last two lines of every source: {@code z} is the same list as {@code y}. */
    public static final String TAIL = "y = [1]\nz = y\n";

    private DeepInputs() {
    }

    /** Name to source, in a stable order. */
    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("10,000-term a + a + ...", "a = 1\nx = " + repeat("a", " + ", 10_000) + "\n");
        m.put("10,000-term and chain", "a = 1\nx = " + repeat("a", " and ", 10_000) + "\n");
        m.put("10,000-term or chain", "a = 1\nx = " + repeat("a", " or ", 10_000) + "\n");
        m.put("10,000-term comparison", "a = 1\nx = " + repeat("a", " < ", 10_000) + "\n");
        m.put("10,000-term string concatenation", "x = " + repeat("'ab'", " + ", 10_000) + "\n");
        m.put("10,000-term a ** a ** ...", "a = 1\nx = " + repeat("a", " ** ", 10_000) + "\n");
        m.put("10,000 unary minus", "a = 1\nx = " + "-".repeat(10_000) + "a\n");
        m.put("10,000 attribute accesses", "a = 1\nx = a" + ".b".repeat(10_000) + "\n");
        m.put("10,000 calls a()()()", "a = 1\nx = a" + "()".repeat(10_000) + "\n");
        m.put("5,000 nested [", "x = " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
        m.put("5,000 nested (", "x = " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + "\n");
        m.put("5,000 nested {", "x = " + "{1: ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n");
        m.put("5,000 nested calls f(f(...))", "def f(v):\n    return v\nx = " + "f(".repeat(5_000) + "1"
                + ")".repeat(5_000) + "\n");
        m.put("5,000 nested conditional expressions", "a = 1\nx = " + "a if a else ".repeat(5_000) + "a\n");
        m.put("500 nested if blocks", "x = 1\n" + blocks(500, i -> "if x:") + TAIL);
        m.put("500 nested def blocks", blocks(500, i -> "def f" + i + "():") + TAIL);
        m.put("500 nested for, while and with blocks", "x = [1]\n"
                + blocks(500, i -> switch (i % 3) {
                    case 0 -> "for v" + i + " in x:";
                    case 1 -> "while x:";
                    default -> "with x:";
                }) + TAIL);
        m.put("4,000 elif branches", "x = 1\nif x == 0:\n    pass\n"
                + "elif x == 1:\n    y = [x]\n".repeat(4_000));
        m.put("100,000-character list display", "x = [" + repeat("1", ", ", 33_000) + "]\n");
        m.put("100,000-character string", "x = '" + "a".repeat(100_000) + "'\n");
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (!e.getValue().endsWith(TAIL)) {
                e.setValue(e.getValue() + TAIL);
            }
        }
        return m;
    }

    private static String repeat(String term, String operator, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(operator);
            }
            sb.append(term);
        }
        return sb.toString();
    }

    /** {@code depth} headers, each indented one more than the last, around a {@code pass}; back at column 0 after. */
    private static String blocks(int depth, java.util.function.IntFunction<String> header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(" ".repeat(i)).append(header.apply(i)).append('\n');
        }
        return sb.append(" ".repeat(depth)).append("pass\n").toString();
    }
}
