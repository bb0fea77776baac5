package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suppression comments on a finding's first line: {@code # memlens: ignore[MEM101, MEM201]}, bare
 * {@code # memlens: ignore}, {@code # noqa: MEM101} and bare {@code # noqa}. Codes may also be rule names.
 * A {@code #} inside a string literal is not a comment.
 */
public final class Suppressions {
    private static final Pattern MEMLENS = Pattern.compile("#\\s*memlens:\\s*ignore(?:\\[([^\\]]*)\\])?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOQA = Pattern.compile("#\\s*noqa(?::\\s*([A-Za-z0-9_\\-]+(?:[\\s,]+[A-Za-z0-9_\\-]+)*))?",
            Pattern.CASE_INSENSITIVE);

    /** Per 0-based line: null = everything suppressed, else the suppressed codes/names (upper-cased). */
    private final Map<Integer, Set<String>> lines = new HashMap<>();
    private final Set<Integer> all = new java.util.HashSet<>();

    public Suppressions(String text, Module module) {
        if (text.indexOf('#') < 0) {
            return;
        }
        List<Span> strings = new ArrayList<>();
        Ast.walk(module, n -> {
            if (n instanceof Expr.Constant c && (c.kind() == ConstantKind.STR || c.kind() == ConstantKind.BYTES)
                    || n instanceof Expr.JoinedStr) {
                strings.add(n.span());
            }
        });
        LineMap map = new LineMap(text);
        scan(text, MEMLENS, strings, map);
        scan(text, NOQA, strings, map);
    }

    private void scan(String text, Pattern p, List<Span> strings, LineMap map) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int at = m.start();
            boolean inString = false;
            for (Span s : strings) {
                if (s.contains(at)) {
                    inString = true;
                    break;
                }
            }
            if (inString) {
                continue;
            }
            int line = map.line(at);
            String codes = m.group(1);
            if (codes == null || codes.isBlank()) {
                all.add(line);
            } else {
                Set<String> set = lines.computeIfAbsent(line, k -> new java.util.HashSet<>());
                for (String c : codes.split("[\\s,]+")) {
                    if (!c.isBlank()) {
                        set.add(c.trim().toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    public boolean suppressed(int line, Finding f) {
        if (all.contains(line)) {
            return true;
        }
        Set<String> codes = lines.get(line);
        return codes != null && (codes.contains(f.code().toUpperCase(Locale.ROOT))
                || codes.contains(f.name().toUpperCase(Locale.ROOT)));
    }
}
