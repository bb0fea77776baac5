package dev.memlens.features;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
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

    /**
     * Files longer than this are not interpreted (no hints, memory hovers or object graph; rules still run). The
     * interpreter is linear in practice (a generated 10,000-line module: about 60 ms warm, 30 MB of facts), but it
     * cannot be cancelled midway, so a generated or vendored giant does not hold up the editor's other requests.
     */
    public static final int MAX_INTERPRETED_LINES = 10_000;

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
        return analyze(source, version, cancel, targetFor(source.name()));
    }

    /** The analysis of {@code source} for a given Python version. */
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel, PythonVersion target) {
        cancel.check();
        LineMap lines = new LineMap(source.text());
        ParseResult parse = SourceParser.parse(source, target);
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
        if (model != null && lines.lineCount() <= MAX_INTERPRETED_LINES) {
            try {
                facts = Interpreter.analyze(parse.module(), model);
            } catch (RuntimeException | StackOverflowError e) {
                problems.accept(source.name() + ": analysis failed: " + e);
            }
        }
        cancel.check();
        List<Finding> findings = List.of();
        if (!parse.hasErrors()) {
            // the rules read the same model and facts (none for a file too large to interpret)
            findings = checker.checkWithoutBuildingAnalysis(parse, model, facts, ALL_RULES, problems);
        }
        cancel.check();
        RuleSettings project = projectRules.forDocument(source.name());
        return new DocumentAnalysis(source, version, lines, parse, scopes, facts, findings, project,
                FactIndex.of(parse.module(), facts), target);
    }
}
