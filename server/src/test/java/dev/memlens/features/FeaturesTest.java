package dev.memlens.features;

import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesTest {

    private static final DocumentAnalysis ANALYSIS = new SyntaxAnalyzer()
            .analyze(new SourceText("t.py", "x = 1\ny = x\n"), 1, Cancellation.NEVER);

    private static DiagnosticProvider findings(Finding... f) {
        return new DiagnosticProvider() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public List<Finding> diagnostics(DocumentAnalysis a, Cancellation c) {
                return List.of(f);
            }
        };
    }

    private static Settings rules(List<String> select, List<String> ignore, Map<String, Settings.RuleLevel> sev) {
        return new Settings(Settings.Hints.DEFAULTS, new Settings.Rules(select, ignore, sev), Settings.LogLevel.INFO,
                0);
    }

    @Test
    void rulesSelectIgnoreAndRerate() {
        Finding syntax = new Finding(new Span(0, 1), Severity.ERROR, "syntax-error", "bad");
        Finding mem101 = new Finding(new Span(2, 3), Severity.WARNING, "MEM101", "shallow");
        Finding mem205 = new Finding(new Span(4, 5), Severity.WARNING, "MEM205", "other");
        Features f = new Features(FeatureRegistry.standard().with(findings(mem205, mem101, syntax)),
                FeatureLog.SILENT);
        List<String> codes = f.diagnostics(ANALYSIS, rules(List.of("MEM1"), List.of(), Map.of()), Cancellation.NEVER)
                .stream().map(Finding::code).toList();
        assertEquals(List.of("syntax-error", "MEM101"), codes, "select keeps syntax errors, sorted by offset");
        List<Finding> rerated = f.diagnostics(ANALYSIS, rules(List.of(), List.of("MEM2"),
                Map.of("MEM101", Settings.RuleLevel.HINT, "syntax-error", Settings.RuleLevel.WARNING)),
                Cancellation.NEVER);
        assertEquals(List.of(Severity.WARNING, Severity.HINT), rerated.stream().map(Finding::severity).toList());
        assertEquals(List.of(), f.diagnostics(ANALYSIS, rules(List.of(), List.of("ALL"), Map.of()),
                Cancellation.NEVER));
    }

    @Test
    void aThrowingProviderIsLoggedOnceAndLeftOut() {
        List<String> log = new ArrayList<>();
        HoverProvider broken = new HoverProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Optional<HoverItem> hover(DocumentAnalysis a, int offset, Settings s, Cancellation c) {
                throw new IllegalArgumentException("no");
            }
        };
        Features f = new Features(FeatureRegistry.standard().with(broken), log::add);
        assertEquals(Optional.empty(), f.hover(ANALYSIS, 0, Settings.DEFAULTS, Cancellation.NEVER));
        assertEquals(List.of("hover/broken failed: java.lang.IllegalArgumentException: no"), log);
    }

    @Test
    void cancellationStopsInsteadOfAnsweringEmpty() {
        Features f = new Features(FeatureRegistry.standard(), FeatureLog.SILENT);
        assertThrows(Cancellation.Cancelled.class,
                () -> f.diagnostics(ANALYSIS, Settings.DEFAULTS, () -> true));
        assertThrows(Cancellation.Cancelled.class,
                () -> new SyntaxAnalyzer().analyze(new SourceText("t.py", ""), 1, () -> true));
    }

    @Test
    void hintsAreFilteredByRangeAndSwitches() {
        InlayHintProvider everywhere = new InlayHintProvider() {
            @Override
            public HintCategory category() {
                return HintCategory.REFCOUNT;
            }

            @Override
            public List<InlayHintItem> hints(DocumentAnalysis a, Span range, Settings.Hints s, Cancellation c) {
                List<InlayHintItem> out = new ArrayList<>();
                for (int i = 0; i <= a.text().length(); i += 3) {
                    out.add(new InlayHintItem(i, List.of(LabelPart.of("refs")), HintCategory.REFCOUNT, true, false));
                }
                return out;
            }
        };
        Features f = new Features(FeatureRegistry.standard().with(everywhere), FeatureLog.SILENT);
        assertEquals(List.of(3, 6), f.inlayHints(ANALYSIS, new Span(3, 6), Settings.DEFAULTS, Cancellation.NEVER)
                .stream().map(InlayHintItem::offset).toList());
        Settings off = new Settings(new Settings.Hints(true, true, true, Settings.RefcountMode.OFF, true),
                Settings.Rules.DEFAULTS, Settings.LogLevel.INFO, 0);
        assertTrue(f.inlayHints(ANALYSIS, new Span(0, 12), off, Cancellation.NEVER).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> LabelPart.of(""), "LSP forbids empty label parts");
        assertThrows(IllegalArgumentException.class,
                () -> new InlayHintItem(0, List.of(), HintCategory.ALIAS, false, false));
    }

    @Test
    void syntaxErrorsBecomeErrorFindingsClampedToTheText() {
        var parse = new dev.memlens.syntax.ParseResult(ANALYSIS.source(), ANALYSIS.parse().module(),
                List.of(new dev.memlens.syntax.ParseError("invalid syntax", new Span(4, 99))));
        DocumentAnalysis a = new DocumentAnalysis(ANALYSIS.source(), 1, ANALYSIS.lines(), parse);
        Finding f = new SyntaxErrorDiagnostics().diagnostics(a, Cancellation.NEVER).get(0);
        assertEquals(new Span(4, 12), f.range());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("syntax-error", f.code());
        assertEquals("invalid syntax", f.message());
    }
}
