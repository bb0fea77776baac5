package dev.memlens.features;

import dev.memlens.analysis.AnalysisLimits;
import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Checker;
import dev.memlens.rules.Finding;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

import java.util.List;
import java.util.function.Consumer;

/**
 * Parse, scopes, abstract interpretation, rules; cancellation is checked between the phases. A phase that fails
 * leaves its component empty and logs one line; the earlier phases' results still count.
 */
public final class StandardAnalyzer implements DocumentAnalyzer {

    /** Every rule runs; which ones are shown, and how loudly, is decided per request from the settings. */
    private static final RuleSettings ALL_RULES = new RuleSettings(List.of("ALL"), List.of(), java.util.Map.of());

    private final Checker checker = new Checker(RuleRegistry.all());
    private final ProjectRules projectRules;
    private final Consumer<String> problems;

    @Override
    public void projectFilesChanged() {
        projectRules.reset();
    }

    public StandardAnalyzer(ProjectRules projectRules) {
        this(projectRules, problem -> System.err.println("[memlens] " + problem));
    }

    public StandardAnalyzer(ProjectRules projectRules, Consumer<String> problems) {
        this.projectRules = projectRules;
        this.problems = problems;
    }

    /**
     * The target version chosen in the editor ({@code memlens.pythonVersion}), which wins over the project's; null
     * (the default) lets each file's pyproject.toml decide, else the newest supported.
     */
    private volatile PythonVersion editorTarget;

    public void setEditorTarget(/* nullable */ PythonVersion target) {
        editorTarget = target;
    }

    public PythonVersion editorTarget() {
        return editorTarget;
    }

    /** The version {@code name} is analyzed for: the editor's choice, its pyproject.toml's, or the newest. */
    public PythonVersion targetFor(String name) {
        PythonVersion chosen = editorTarget;
        if (chosen != null) {
            return chosen;
        }
        List<String> bad = new java.util.ArrayList<>();
        PythonVersion project = TargetVersionFinder.forDocument(name, bad);
        bad.forEach(problems);
        return project != null ? project : PythonVersion.LATEST;
    }

    @Override
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel) {
        return analyze(source, version, cancel, targetFor(source.name()), null, null);
    }

    /** The analysis of {@code source} for a given Python version. */
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel, PythonVersion target) {
        return analyze(source, version, cancel, target, null, null);
    }

    /** Reparses only the top-level statements from the first one the edit touched ({@link SourceParser#reparse}). */
    @Override
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel, DocumentAnalysis previous) {
        return analyze(source, version, cancel, targetFor(source.name()), previous, null);
    }

    @Override
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel, DocumentAnalysis previous,
                                    Consumer<DocumentAnalysis> factsReady) {
        return analyze(source, version, cancel, targetFor(source.name()), previous, factsReady);
    }

    private DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel, PythonVersion target,
                                     /* nullable */ DocumentAnalysis previous,
                                     /* nullable */ Consumer<DocumentAnalysis> factsReady) {
        cancel.check();
        LineMap lines = new LineMap(source.text());
        // a previous analysis for another target version has other version errors: parse afresh
        ParseResult parse = previous == null || !previous.target().equals(target) ? SourceParser.parse(source, target)
                : SourceParser.reparse(previous.parse(), source, target);
        cancel.check();
        // One semantic model per version: the interpreter and the hovers read the same scopes.
        SemanticModel model = null;
        ScopeTree scopes = null;
        try {
            model = SemanticModel.build(parse);
            scopes = model.scopes();
        } catch (RuntimeException | StackOverflowError e) {
            problems.accept(source.name() + ": scopes failed: " + e);
        }
        cancel.check();
        AnalysisResult facts = null;
        if (model != null) {
            // any size: the interpreter works within its budgets and stops early when the result is not wanted
            try {
                facts = Interpreter.analyze(parse.module(), model,
                        AnalysisLimits.DEFAULT.withCancellation(cancel::isCancelled));
            } catch (RuntimeException | StackOverflowError e) {
                problems.accept(source.name() + ": analysis failed: " + e);
            }
            if (facts != null && !facts.partials().isEmpty() && !cancel.isCancelled()) {
                List<PartialAnalysis> cut = facts.partials();
                StringBuilder line = new StringBuilder(source.name() + ": analyzed partially (" + cut.size() + "): ");
                for (int i = 0; i < Math.min(3, cut.size()); i++) {
                    line.append(i == 0 ? "" : "; ").append(cut.get(i).message());
                }
                problems.accept(line + (cut.size() > 3 ? "; ..." : ""));
            }
        }
        cancel.check();
        FactIndex index = FactIndex.of(parse.module(), facts);
        RuleSettings project = projectRules.forDocument(source.name());
        if (factsReady != null) {
            factsReady.accept(new DocumentAnalysis(source, version, lines, parse, scopes, facts, List.of(), project,
                    index, target));
        }
        List<Finding> findings = List.of();
        if (!parse.hasErrors()) {
            // the rules read the same model and facts (none for a file too large to interpret)
            findings = checker.checkWithoutBuildingAnalysis(parse, model, facts, ALL_RULES, problems);
        }
        cancel.check();
        return new DocumentAnalysis(source, version, lines, parse, scopes, facts, findings, project, index, target);
    }
}
