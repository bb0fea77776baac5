package dev.memlens.features;

import dev.memlens.rules.Rule;
import dev.memlens.rules.RuleDocs;
import dev.memlens.rules.RuleRegistry;

import java.util.Optional;

/** On a rule finding: the finding, what the rule is about in one paragraph, and its page. */
public final class RuleHover implements HoverProvider {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Optional<HoverItem> hover(DocumentAnalysis analysis, int offset, Settings settings, Cancellation cancel) {
        for (Finding f : new RuleDiagnostics().diagnostics(analysis, cancel)) {
            if (f.range().start() <= offset && offset < Math.max(f.range().end(), f.range().start() + 1)
                    && RuleFilter.apply(f, settings.rules()) != null) {
                Rule rule = RuleRegistry.find(f.code()).orElseThrow();
                String md = "**" + rule.code() + "** " + rule.name() + ": " + f.message() + "\n\n"
                        + RuleDocs.firstParagraph(rule) + "\n\n[" + rule.code() + " documentation]("
                        + settings.docsUrl(rule.code()) + ")";
                return Optional.of(new HoverItem(md, f.range()));
            }
        }
        return Optional.empty();
    }

    /** The Markdown page of a rule given by code or name, as {@code memlens explain} prints it; empty if unknown. */
    public static Optional<String> explain(String codeOrName) {
        return codeOrName == null ? Optional.empty() : RuleRegistry.find(codeOrName).map(RuleDocs::page);
    }
}
