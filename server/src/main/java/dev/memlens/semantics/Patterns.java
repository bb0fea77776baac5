package dev.memlens.semantics;

import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Facts about match patterns the CFG needs. */
final class Patterns {
    private Patterns() {
    }

    /** Every name the pattern binds when it matches (for an or-pattern, the first alternative's: all bind the same). */
    static void captures(Pattern root, Consumer<Identifier> out) {
        List<Pattern> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Pattern p = stack.remove(stack.size() - 1);
            if (p instanceof Pattern.MatchAs as) {
                if (as.name() != null) {
                    out.accept(as.name());
                }
                if (as.pattern() != null) {
                    stack.add(as.pattern());
                }
            } else if (p instanceof Pattern.MatchStar st) {
                if (st.name() != null) {
                    out.accept(st.name());
                }
            } else if (p instanceof Pattern.MatchSequence q) {
                pushReversed(stack, q.patterns());
            } else if (p instanceof Pattern.MatchMapping m) {
                if (m.rest() != null) {
                    out.accept(m.rest());
                }
                pushReversed(stack, m.patterns());
            } else if (p instanceof Pattern.MatchClass c) {
                pushReversed(stack, c.kwdPatterns());
                pushReversed(stack, c.patterns());
            } else if (p instanceof Pattern.MatchOr o && !o.patterns().isEmpty()) {
                stack.add(o.patterns().get(0));
            }
        }
    }

    private static void pushReversed(List<Pattern> stack, List<Pattern> ps) {
        for (int i = ps.size() - 1; i >= 0; i--) {
            stack.add(ps.get(i));
        }
    }

    static boolean hasCaptures(Pattern p) {
        boolean[] any = {false};
        captures(p, id -> any[0] = true);
        return any[0];
    }

    /** A capture, a wildcard, or an or-pattern with one of those: matches every subject. */
    static boolean isIrrefutable(Pattern p) {
        while (true) {
            if (p instanceof Pattern.MatchAs as) {
                if (as.pattern() == null) {
                    return true;
                }
                p = as.pattern();
            } else if (p instanceof Pattern.MatchOr o) {
                for (Pattern alt : o.patterns()) {
                    if (isIrrefutable(alt)) {
                        return true;
                    }
                }
                return false;
            } else {
                return false;
            }
        }
    }
}
