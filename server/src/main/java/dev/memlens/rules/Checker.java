package dev.memlens.rules;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.ParseResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    /**
     * Findings for the file; the settings decide which rules run and at what severity. Builds the semantic model
     * and runs the analysis itself, once, and only if an enabled rule asks for them.
     */
    public List<Finding> check(ParseResult parsed, RuleSettings settings, Consumer<String> problems) {
        return check(parsed, null, null, settings, problems);
    }

    /**
     * Findings for the file over models the caller already built for it (the language server builds them once
     * per document version for all its features). A null model is built on first use.
     */
    public List<Finding> check(ParseResult parsed, /* nullable */ SemanticModel semantics,
                               /* nullable */ AnalysisResult analysis, RuleSettings settings,
                               Consumer<String> problems) {
        return check(new RuleContext(parsed.source().name(), parsed.source().text(), parsed.module(), semantics,
                analysis), settings, problems);
    }

    /**
     * Findings for the file over exactly the models the caller built: a null analysis means the file gets none
     * (every object fact unknown), as the language server decides for files too large to interpret.
     */
    public List<Finding> checkWithoutBuildingAnalysis(ParseResult parsed, /* nullable */ SemanticModel semantics,
                                                      /* nullable */ AnalysisResult analysis,
                                                      RuleSettings settings, Consumer<String> problems) {
        return check(new RuleContext(parsed.source().name(), parsed.source().text(), parsed.module(), semantics,
                analysis, false), settings, problems);
    }

    /**
     * Findings for the file over the caller's semantic model, with the analysis taken from {@code analysis} only
     * if an enabled rule asks for an object fact (the command line checks many files, most of which need none).
     */
    public List<Finding> checkWithLazyAnalysis(ParseResult parsed, SemanticModel semantics,
                                               Supplier<AnalysisResult> analysis, RuleSettings settings,
                                               Consumer<String> problems) {
        return check(new RuleContext(parsed.source().name(), parsed.source().text(), parsed.module(), semantics,
                analysis), settings, problems);
    }

    private List<Finding> check(RuleContext ctx, RuleSettings settings, Consumer<String> problems) {
        List<Finding> out = new ArrayList<>();
        for (Rule r : rules) {
            if (!settings.enabled(r)) {
                continue;
            }
            List<Finding> mine = new ArrayList<>();
            try {
                r.check(ctx, mine::add);
            } catch (RuntimeException | StackOverflowError e) {
                problems.accept(ctx.path() + ": " + r.code() + " failed: " + e);
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
