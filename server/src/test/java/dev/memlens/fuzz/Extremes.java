package dev.memlens.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/** Generated inputs at the limits: nesting, length and repetition far past what real code has. */
public final class Extremes {

    /**
     * The extremes still over the time limit, run only by {@link PendingReproducersTest} until their fix lands. None
     * today: the million-element displays, the last ones, now parse into two tree nodes per element (the grammar's
     * lone-number shortcut) and a list over 10,000 elements is one summary of its items in the analysis.
     */
    static final java.util.Set<String> PENDING = java.util.Set.of();

    private Extremes() {
    }

    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("10000-nested-brackets", "x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        m.put("10000-nested-parens-unclosed", "x = " + "(".repeat(10_000) + "\n");
        m.put("10000-nested-calls", "x = " + "f(".repeat(10_000) + ")".repeat(10_000) + "\n");
        m.put("million-element-list", "x = [" + "1, ".repeat(1_000_000) + "]\ny = x\n");
        m.put("million-element-dict", "d = {" + repeatIndexed("%d: [], ", 200_000) + "}\nd[0].append(1)\n");
        m.put("100k-char-line", "s = '" + "a".repeat(100_000) + "'\nt = s\n");
        m.put("100k-char-name", "n" + "a".repeat(100_000) + " = []\n");
        m.put("10k-elifs", "x = 0\nif x == 0:\n    y = []\n" + repeatIndexed("elif x == %d:\n    y = [x]\n", 10_000)
                + "else:\n    y = None\n");
        StringBuilder defs = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            defs.append("    ".repeat(i)).append("def f").append(i).append("(a=[]):\n");
        }
        defs.append("    ".repeat(150)).append("return a\n");
        m.put("150-nested-defs", defs.toString());
        m.put("3000-term-expression", "x = " + "a + ".repeat(3_000) + "a\n");
        m.put("20000-term-expression", "x = " + "a + ".repeat(20_000) + "a\n");
        m.put("10000-chained-attributes", "x = a" + ".b".repeat(10_000) + "\n");
        m.put("10000-unary-minus", "x = " + "-".repeat(10_000) + "1\n");
        m.put("10000-not", "x = " + "not ".repeat(10_000) + "y\n");
        m.put("5000-nested-lambdas", "f = " + "lambda: ".repeat(5_000) + "0\n");
        m.put("10000-nested-subscripts", "x = a" + "[0]".repeat(10_000) + "\n");
        m.put("10000-comparisons", "x = a" + " < a".repeat(10_000) + "\n");
        m.put("5000-implicit-concat", "s = (" + "'a' ".repeat(5_000) + ")\n");
        m.put("2000-nested-fstrings", "x = " + "f'{".repeat(200) + "1" + "}'".repeat(200) + "\n");
        m.put("50000-statements", repeatIndexed("v%d = [%d]\n", 50_000));
        m.put("10000-aliases", "a0 = []\n" + repeatIndexedPairs("a%d = a%d\n", 10_000));
        m.put("500-unknown-names-beside-120-escaped", "import m\n" + repeatIndexed("u%d = m.f()\n", 500)
                + repeatIndexed("e%d = []\nm.g(e%d)\n", 120) + repeatIndexed("t%d = %d\n", 120));
        // reduced from numpy's __init__.py: a write to globals() under an unknown key may bind every name of the
        // module to one object, 400 names whose 80,000 pairs were listed after each of 150 statements
        m.put("400-names-beside-a-globals-write", "import m\nfrom m import ("
                + repeatIndexed("a%d, ", 400) + ")\nfor k in ['x', 'y']:\n    globals()[k] = m.f()\n"
                + repeatIndexed("t%d = %d\n", 150));
        m.put("10000-args", "f(" + "x, ".repeat(10_000) + ")\n");
        m.put("nul-bytes", "x = 1\0\0\0\ny = x\n");
        m.put("only-indentation", "        \n\t\t\n    x\n");
        m.put("deep-if-nesting-90", nestedIf(90));
        m.put("1000-nested-with", "with " + "a, ".repeat(1_000) + "b:\n    pass\n");
        m.put("5000-decorators", "@d\n".repeat(5_000) + "def f(): pass\n");
        m.put("deep-tuple-target", "(" .repeat(3_000) + "a" + ")".repeat(3_000) + " = 1\n");
        m.put("10000-nested-list-comprehensions", "x = " + "[".repeat(3_000) + "y for y in z" + "]".repeat(3_000)
                + "\n");
        return m;
    }

    private static String nestedIf(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(" ".repeat(i)).append("if x:\n");
        }
        sb.append(" ".repeat(depth)).append("y = []\n");
        return sb.toString();
    }

    private static String repeatIndexed(String format, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(format.replace("%d", Integer.toString(i)));
        }
        return sb.toString();
    }

    private static String repeatIndexedPairs(String format, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < n; i++) {
            sb.append(String.format(format, i, i - 1));
        }
        return sb.toString();
    }
}
