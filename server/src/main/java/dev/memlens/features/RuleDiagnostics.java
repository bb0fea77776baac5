package dev.memlens.features;

import dev.memlens.rules.Related;
import dev.memlens.rules.Rule;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules' findings as diagnostics, after the project's {@code [tool.memlens]} settings (select, ignore,
 * per-file-ignores, severity); the editor's {@code memlens.rules.*} apply on top in {@link Features}. Each carries
 * where the other side is (related information) and its fixes (data).
 */
public final class RuleDiagnostics implements DiagnosticProvider {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public List<Finding> diagnostics(DocumentAnalysis analysis, Cancellation cancel) {
        RuleSettings project = analysis.projectRules();
        List<Finding> out = new ArrayList<>();
        for (dev.memlens.rules.Finding f : analysis.ruleFindings()) {
            Rule rule = RuleRegistry.find(f.code()).orElse(null);
            if (rule == null || !project.enabled(rule)) {
                continue;
            }
            List<RelatedLocation> related = new ArrayList<>();
            for (Related r : f.related()) {
                related.add(new RelatedLocation(SourceLocation.here(r.span()), r.message()));
            }
            out.add(new Finding(f.span(), severity(project.severity(rule)), f.code(), f.message(), Finding.SOURCE,
                    related, FixData.encode(f.code(), analysis.version(), f.fixes())));
        }
        return out;
    }

    static Severity severity(dev.memlens.rules.Severity s) {
        return switch (s) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            case INFORMATION -> Severity.INFORMATION;
            case HINT -> Severity.HINT;
        };
    }
}
