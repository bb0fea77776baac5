package dev.memlens.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Which providers exist. A new hint kind, rule family or hover section is one class plus one line in
 * {@link #standard()}; the server and the CLI pick it up from here.
 */
public record FeatureRegistry(List<DiagnosticProvider> diagnostics, List<InlayHintProvider> inlayHints,
                              List<HoverProvider> hovers, List<CodeActionProvider> codeActions) {

    public FeatureRegistry {
        diagnostics = List.copyOf(diagnostics);
        inlayHints = List.copyOf(inlayHints);
        hovers = List.copyOf(hovers);
        codeActions = List.copyOf(codeActions);
    }

    public static FeatureRegistry standard() {
        return new FeatureRegistry(
                List.of(new SyntaxErrorDiagnostics(), new RuleDiagnostics()),
                List.of(new AliasHints(), new MutationHints(), new CopyDepthHints(), new RefcountHints(),
                        new IdentityHints(), new ImmutableAliasHints(), new CachingHints(), new IdCallHints(),
                        new RebindingHints(), new InPlaceHints(), new ScopeHints()),
                List.of(new RuleHover(), new MemoryHover()),
                List.of(new RuleCodeActions()));
    }

    /** Only syntax errors, no other provider: for tests of the protocol layer with stand-in providers. */
    public static FeatureRegistry syntaxOnly() {
        return new FeatureRegistry(List.of(new SyntaxErrorDiagnostics()), List.of(), List.of(), List.of());
    }

    public FeatureRegistry with(DiagnosticProvider provider) {
        return new FeatureRegistry(plus(diagnostics, provider), inlayHints, hovers, codeActions);
    }

    public FeatureRegistry with(InlayHintProvider provider) {
        return new FeatureRegistry(diagnostics, plus(inlayHints, provider), hovers, codeActions);
    }

    public FeatureRegistry with(HoverProvider provider) {
        return new FeatureRegistry(diagnostics, inlayHints, plus(hovers, provider), codeActions);
    }

    public FeatureRegistry with(CodeActionProvider provider) {
        return new FeatureRegistry(diagnostics, inlayHints, hovers, plus(codeActions, provider));
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
