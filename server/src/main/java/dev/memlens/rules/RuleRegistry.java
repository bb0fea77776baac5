package dev.memlens.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rule catalogue, in code order. */
public final class RuleRegistry {
    private static final List<Rule> ALL = List.of(
            new ShallowCopySharesNested(),
            new RepeatedMutableInSequence(),
            new SharedFromkeysValue(),
            new MutableDefaultArgument(),
            new SharedClassAttributeMutation(),
            new LateBindingClosure(),
            new IdentityComparisonWithLiteral(),
            new UnboundLocal(),
            new LocalShadowsGlobal(),
            new NoneReturningMethodAssigned(),
            new TupleItemAugmentedAssignment(),
            new MutationDuringIteration(),
            new ReadonlyBufferWrite(),
            new ResizeWhileExported());

    private RuleRegistry() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** A rule by code ({@code MEM101}, any case) or name ({@code shallow-copy-shares-nested}). */
    public static Optional<Rule> find(String codeOrName) {
        String k = codeOrName.trim();
        for (Rule r : ALL) {
            if (r.code().equalsIgnoreCase(k) || r.name().equals(k.toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** True when the selector names this rule: its code, a code prefix ({@code MEM1}, {@code MEM}), {@code ALL} or its name. */
    public static boolean matches(String selector, Rule r) {
        String s = selector.trim();
        return s.equalsIgnoreCase("ALL") || r.code().toUpperCase(Locale.ROOT).startsWith(s.toUpperCase(Locale.ROOT))
                && !s.isEmpty() || r.name().equals(s);
    }
}
