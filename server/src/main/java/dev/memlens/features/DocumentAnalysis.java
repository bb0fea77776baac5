package dev.memlens.features;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.rules.RuleSettings;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;

import java.util.List;
import java.util.Objects;

/**
 * Everything known about one version of one document, complete and immutable: features read it, never a half-done
 * one. Computed by a {@link DocumentAnalyzer}: the parse, the scopes, the interpreter's facts and the rules'
 * findings, so a feature sees them all at once.
 *
 * @param version      the client's version of the text (0 for files read from disk)
 * @param lines        line map of exactly this text, for converting offsets
 * @param scopes       names and where they resolve, or null when not computed
 * @param facts        the abstract interpreter's result, or null when not computed (or it failed)
 * @param ruleFindings every rule's findings at the rule's default severity, suppression comments applied; empty
 *                     when the text does not parse (as {@code memlens check} does, rules only run on clean parses)
 * @param projectRules the {@code [tool.memlens]} settings of the nearest pyproject.toml, for this file
 * @param index        lookups by offset over the AST and the facts, built once per analysis
 * @param target       the Python version the facts are for (syntax, reference counts, immortality)
 */
public record DocumentAnalysis(SourceText source, int version, LineMap lines, ParseResult parse,
                               /* nullable */ ScopeTree scopes, /* nullable */ AnalysisResult facts,
                               List<dev.memlens.rules.Finding> ruleFindings, RuleSettings projectRules,
                               FactIndex index, PythonVersion target) {

    public DocumentAnalysis {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(parse, "parse");
        ruleFindings = ruleFindings == null ? List.of() : List.copyOf(ruleFindings);
        projectRules = projectRules == null ? RuleSettings.DEFAULT : projectRules;
        index = index == null ? FactIndex.of(parse.module(), facts) : index;
        target = target == null ? PythonVersion.LATEST : target;
    }

    /** For the newest Python. */
    public DocumentAnalysis(SourceText source, int version, LineMap lines, ParseResult parse, ScopeTree scopes,
                            AnalysisResult facts, List<dev.memlens.rules.Finding> ruleFindings,
                            RuleSettings projectRules, FactIndex index) {
        this(source, version, lines, parse, scopes, facts, ruleFindings, projectRules, index, PythonVersion.LATEST);
    }

    /** The parse only: no scopes, facts or findings. */
    public DocumentAnalysis(SourceText source, int version, LineMap lines, ParseResult parse) {
        this(source, version, lines, parse, null, null, List.of(), RuleSettings.DEFAULT, null);
    }

    public String text() {
        return source.text();
    }

    /** The same analysis with other parse results (tests add findings this way). */
    public DocumentAnalysis withParse(ParseResult other) {
        return new DocumentAnalysis(source, version, lines, other, scopes, facts, ruleFindings, projectRules, index,
                target);
    }

    /** What to use when analysis itself failed: the text is known, nothing else is. */
    public static DocumentAnalysis empty(SourceText source, int version) {
        ParseResult nothing = new ParseResult(source, new Module(Span.EMPTY, List.of()), List.of());
        return new DocumentAnalysis(source, version, new LineMap(source.text()), nothing);
    }
}
