package dev.memlens.lsp;

import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.features.Finding;
import dev.memlens.syntax.LineMap;

import java.util.List;

/**
 * What the server keeps of every completed analysis, even after the full analysis was let go to save memory: the
 * diagnostics before the editor's settings apply (so they can be published, pulled and re-rated without analyzing
 * again) and the line map (so positions in this document can be converted for others' related locations).
 *
 * @param generation the text generation this summarizes
 * @param partials   where and why the analysis was cut ({@code AnalysisResult.partials()}); empty when complete
 */
record AnalysisSummary(long generation, int version, LineMap lines, List<Finding> unfilteredDiagnostics,
                       List<PartialAnalysis> partials) {

    AnalysisSummary {
        unfilteredDiagnostics = List.copyOf(unfilteredDiagnostics);
        partials = List.copyOf(partials);
    }

    AnalysisSummary(long generation, int version, LineMap lines, List<Finding> unfilteredDiagnostics) {
        this(generation, version, lines, unfilteredDiagnostics, List.of());
    }
}
