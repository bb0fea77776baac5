package dev.memlens.rules;

import dev.memlens.syntax.ParseResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the enabled rules over one parsed file, applies severity overrides and suppression comments, and returns
 * the findings in source order. A rule that throws loses its findings for that file, never the others'.
 */
public final class Checker {
    private final List<Rule> rules;

    public Checker(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Checker allDefault() {
        List<Rule> on = new ArrayList<>();
        for (Rule r : RuleRegistry.all()) {
            if (r.enabledByDefault()) {
                on.add(r);
            }
        }
        return new Checker(on);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Findings for the file; the settings decide which rules run and at what severity. */
    public List<Finding> check(ParseResult parsed, RuleSettings settings, Consumer<String> problems) {
        RuleContext ctx = new RuleContext(parsed.source().name(), parsed.source().text(), parsed.module());
        List<Finding> out = new ArrayList<>();
        for (Rule r : rules) {
            if (!settings.enabled(r)) {
                continue;
            }
            List<Finding> mine = new ArrayList<>();
            try {
                r.check(ctx, mine::add);
            } catch (RuntimeException | StackOverflowError e) {
                problems.accept(parsed.source().name() + ": " + r.code() + " failed: " + e);
                continue;
            }
            Severity sev = settings.severity(r);
            for (Finding f : mine) {
                out.add(sev == f.severity() ? f : f.withSeverity(sev));
            }
        }
        if (!out.isEmpty()) {
            Suppressions sup = new Suppressions(ctx.text(), ctx.module());
            out.removeIf(f -> sup.suppressed(ctx.lineMap().line(f.span().start()), f));
        }
        out.sort(Comparator.comparingInt((Finding f) -> f.span().start()).thenComparing(Finding::code));
        // one finding per code and range
        List<Finding> dedup = new ArrayList<>();
        for (Finding f : out) {
            if (dedup.isEmpty() || !(dedup.get(dedup.size() - 1).code().equals(f.code())
                    && dedup.get(dedup.size() - 1).span().equals(f.span()))) {
                dedup.add(f);
            }
        }
        return dedup;
    }
}
