package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs the registered providers over one analysis and applies the settings. A provider that throws is left out of
 * that one answer with one log line; the others still answer. Cancellation propagates as {@link Cancellation.Cancelled}.
 */
public final class Features {

    private final FeatureRegistry registry;
    private final FeatureLog log;

    public Features(FeatureRegistry registry, FeatureLog log) {
        this.registry = registry;
        this.log = log;
    }

    public FeatureRegistry registry() {
        return registry;
    }

    /** All findings, filtered and re-rated by {@code memlens.rules.*}, in document order. */
    public List<Finding> diagnostics(DocumentAnalysis analysis, Settings settings, Cancellation cancel) {
        return diagnostics(unfilteredDiagnostics(analysis, cancel), settings);
    }

    /**
     * Every provider's findings before the editor's settings apply. Small and independent of the settings, so the
     * server keeps them for every open document and re-rates them when the settings change, without the analysis.
     */
    public List<Finding> unfilteredDiagnostics(DocumentAnalysis analysis, Cancellation cancel) {
        List<Finding> out = new ArrayList<>();
        for (DiagnosticProvider provider : registry.diagnostics()) {
            cancel.check();
            out.addAll(guarded("diagnostics/" + provider.name(), () -> provider.diagnostics(analysis, cancel),
                    List.of()));
        }
        return List.copyOf(out);
    }

    /** {@link #unfilteredDiagnostics} filtered and re-rated by {@code memlens.rules.*}, in document order. */
    public List<Finding> diagnostics(List<Finding> unfiltered, Settings settings) {
        List<Finding> out = new ArrayList<>();
        for (Finding finding : unfiltered) {
            Finding rated = RuleFilter.apply(finding, settings.rules());
            if (rated != null) {
                out.add(rated.href() == null && RuleFilter.isRule(rated.code())
                        ? rated.withHref(settings.docsUrl(rated.code())) : rated);
            }
        }
        out.sort(Comparator.comparingInt((Finding f) -> f.range().start()).thenComparing(Finding::code));
        return out;
    }

    /** Hints of the switched-on categories whose offset lies in {@code range} (inclusive at both ends). */
    public List<InlayHintItem> inlayHints(DocumentAnalysis analysis, Span range, Settings settings,
                                          Cancellation cancel) {
        List<InlayHintItem> out = new ArrayList<>();
        for (InlayHintProvider provider : registry.inlayHints()) {
            if (!settings.hints().enabled(provider.category())
                    || provider.learning() && settings.profile() != Settings.Profile.LEARNING) {
                continue;
            }
            cancel.check();
            List<InlayHintItem> found = guarded("inlayHint/" + provider.category(),
                    () -> provider.hints(analysis, range, settings.hints(), cancel), List.of());
            for (InlayHintItem hint : found) {
                if (hint.offset() >= range.start() && hint.offset() <= range.end()) {
                    out.add(hint);
                }
            }
        }
        out.sort(Comparator.comparingInt(InlayHintItem::offset));
        return out;
    }

    /** The hover sections of all providers joined by a rule, with the smallest range among them; empty if none. */
    public Optional<HoverItem> hover(DocumentAnalysis analysis, int offset, Settings settings, Cancellation cancel) {
        List<HoverItem> parts = new ArrayList<>();
        for (HoverProvider provider : registry.hovers()) {
            cancel.check();
            guarded("hover/" + provider.name(), () -> provider.hover(analysis, offset, settings, cancel),
                    Optional.<HoverItem>empty()).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder md = new StringBuilder();
        Span range = parts.get(0).range();
        for (HoverItem part : parts) {
            if (md.length() > 0) {
                md.append("\n\n---\n\n");
            }
            md.append(part.markdown());
            if (part.range().length() < range.length()) {
                range = part.range();
            }
        }
        return Optional.of(new HoverItem(md.toString(), range));
    }

    public List<CodeActionItem> codeActions(DocumentAnalysis analysis, Span range, List<Finding> findings,
                                            Settings settings, Cancellation cancel) {
        List<CodeActionItem> out = new ArrayList<>();
        for (CodeActionProvider provider : registry.codeActions()) {
            cancel.check();
            out.addAll(guarded("codeAction/" + provider.name(),
                    () -> provider.actions(analysis, range, findings, settings, cancel), List.of()));
        }
        return out;
    }

    private <T> T guarded(String what, java.util.function.Supplier<T> call, T empty) {
        try {
            T result = call.get();
            return result == null ? empty : result;
        } catch (Cancellation.Cancelled e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            log.warn(what + " failed: " + e);
            return empty;
        }
    }
}
