package dev.memlens.cli;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Checker;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Fix;
import dev.memlens.rules.FixApplier;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks one file end to end: read, decode, parse, run the rules under the file's configuration, and optionally
 * apply fixes (re-parsing and re-checking; a fixed text that no longer parses is never written).
 */
public final class CheckEngine {

    /**
     * What checking one file gave. {@code text} is the final text (after fixes; empty when there is no finding to
     * place in it and the result came from the cache), {@code fixed} the fixes applied, {@code skipped} why the
     * rules did not run (the file cannot be read or does not parse), {@code partials} where the analysis was cut.
     */
    public record FileResult(Path path, String text, List<Finding> findings, List<String> problems, int fixed,
                             boolean parsed, /* nullable */ String skipped, List<PartialAnalysis> partials) {
        public FileResult {
            findings = List.copyOf(findings);
            problems = List.copyOf(problems);
            partials = List.copyOf(partials);
        }

        /** A file the rules did not run on; stderr gets {@code path: prefix reason}. */
        static FileResult skipped(Path path, String text, String prefix, String reason) {
            return new FileResult(path, text, List.of(), List.of(path + ": " + prefix + reason), 0, false, reason,
                    List.of());
        }
    }

    private final Checker checker;
    private final ConfigFinder configs;
    private final Function<RuleSettings, RuleSettings> overrides;
    private final BiFunction<String, byte[], ParseResult> parser;
    private final Function<SourceText, ParseResult> reparser;
    private ResultCache cache = ResultCache.NONE;
    /** What besides the rules decides a file's result (its target Python version), for the cache key. */
    private Function<Path, String> variant = p -> "";

    public CheckEngine(Checker checker, ConfigFinder configs, Function<RuleSettings, RuleSettings> overrides) {
        this(checker, configs, overrides, SourceParser::parse, SourceParser::parse);
    }

    /** With another parser (tests hand in files they parsed once). */
    public CheckEngine(Checker checker, ConfigFinder configs, Function<RuleSettings, RuleSettings> overrides,
                       BiFunction<String, byte[], ParseResult> parser, Function<SourceText, ParseResult> reparser) {
        this.checker = checker;
        this.configs = configs;
        this.overrides = overrides;
        this.parser = parser;
        this.reparser = reparser;
    }

    /** {@code v} names what besides the rules decides a file's result, so that a change of it misses the cache. */
    public CheckEngine withVariant(Function<Path, String> v) {
        this.variant = v;
        return this;
    }

    /** Results of unchanged files come from {@code cache}, and new ones go there (never with fixes). */
    public CheckEngine withCache(ResultCache c) {
        this.cache = c;
        return this;
    }

    public FileResult check(Path path, boolean fix, boolean unsafeFixes) {
        RuleSettings settings = overrides.apply(configs.forFile(path).settingsFor(path));
        // taken before the bytes are read: a change after this point shows as another stat next time
        ResultCache.Stat stat = fix ? null : ResultCache.Stat.of(path);
        String variantOfPath = fix ? "" : variant.apply(path);
        if (!fix) {
            ResultCache.Key known = cache.keyByStat(path, settings, variantOfPath, stat);
            if (known != null) {
                FileResult hit = cache.get(known, path, () -> readOrEmpty(path));
                if (hit != null) {
                    return hit;
                }
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return FileResult.skipped(path, "", "", "cannot read file: " + SourceFiles.reason(e));
        } catch (OutOfMemoryError e) {
            return FileResult.skipped(path, "", "", "cannot read file: too large");
        }
        ResultCache.Key key = fix ? null : cache.key(bytes, settings, variantOfPath);
        if (key != null) {
            FileResult hit = cache.get(key, path, bytes);
            if (hit != null) {
                cache.rememberStat(path, settings, variantOfPath, stat, key);
                return hit;
            }
        }
        FileResult result = analyze(path, bytes, settings, fix, unsafeFixes);
        if (key != null) {
            cache.put(key, result);
            cache.rememberStat(path, settings, variantOfPath, stat, key);
        }
        return result;
    }

    /** The file's bytes for placing cached findings; a file gone since its stat reads as empty (a cache miss). */
    private static byte[] readOrEmpty(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private FileResult analyze(Path path, byte[] bytes, RuleSettings settings, boolean fix, boolean unsafeFixes) {
        String name = path.toString();
        List<String> problems = new ArrayList<>();
        ParseResult parsed;
        try {
            parsed = parser.apply(name, bytes);
        } catch (RuntimeException | StackOverflowError e) {
            return FileResult.skipped(path, "", "", "internal error in the parser: " + e);
        }
        if (parsed.hasErrors()) {
            // rules only run on files that parse: findings on a broken tree would be noise
            LineMap map = new LineMap(parsed.source().text());
            int line = map.line(parsed.errors().get(0).span().start()) + 1;
            return FileResult.skipped(path, parsed.source().text(), "skipped: ",
                    "syntax error at line " + line + ": " + parsed.errors().get(0).message());
        }
        List<PartialAnalysis> partials = new ArrayList<>();
        List<Finding> findings = check(parsed, settings, problems, partials);
        int fixed = 0;
        String text = parsed.source().text();
        String originalText = text;
        if (fix) {
            for (int round = 0; round < 4; round++) {
                List<Fix> chosen = new ArrayList<>();
                for (Finding f : findings) {
                    for (Fix x : f.fixes()) {
                        if (x.isSafe() || unsafeFixes) {
                            chosen.add(x);
                            break;
                        }
                    }
                }
                if (chosen.isEmpty()) {
                    break;
                }
                FixApplier.Result r = FixApplier.apply(text, chosen);
                if (r.applied() == 0) {
                    break;
                }
                ParseResult again = reparser.apply(new SourceText(name, r.text()));
                if (again.hasErrors()) {
                    problems.add(name + ": fixes not applied: the result would not parse ("
                            + again.errors().get(0).message() + ")");
                    break;
                }
                text = r.text();
                fixed += r.applied();
                parsed = again;
                partials.clear();
                findings = check(parsed, settings, problems, partials);
            }
            if (fixed > 0 && !new String(bytes, StandardCharsets.UTF_8).equals(parsed.source().text())
                    && !new String(bytes, StandardCharsets.UTF_8).equals(originalText)) {
                problems.add(name + ": fixes not written: the file is not plain UTF-8");
                fixed = 0;
                text = originalText;
            }
            if (fixed > 0) {
                try {
                    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    problems.add(name + ": cannot write fixes: " + SourceFiles.reason(e));
                    fixed = 0;
                }
            }
        }
        return new FileResult(path, text, findings, problems, fixed, true, null, partials);
    }

    /**
     * The rules over a model built here and an analysis built only if a rule asks for an object fact (most files
     * need none, and the interpreter is most of a check's time). Where a built analysis was cut is known
     * ({@link AnalysisResult#partials()}); an analysis that fails is one module-wide cut, and the rules that need
     * facts then report nothing. A file no rule needed the analysis of has no cut to report: its findings are
     * complete without it.
     */
    private List<Finding> check(ParseResult parsed, RuleSettings settings, List<String> problems,
                                List<PartialAnalysis> partials) {
        String name = parsed.source().name();
        SemanticModel model;
        try {
            model = SemanticModel.build(parsed);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(name + ": scopes failed: " + e);
            partials.add(new PartialAnalysis("<module>", 1, PartialAnalysis.Cause.INTERNAL_ERROR,
                    "scope analysis failed: " + e));
            return List.of();
        }
        return checker.checkWithLazyAnalysis(parsed, model, () -> analyze(parsed, model, problems, partials),
                settings, problems::add);
    }

    private static AnalysisResult analyze(ParseResult parsed, SemanticModel model, List<String> problems,
                                          List<PartialAnalysis> partials) {
        try {
            AnalysisResult facts = Interpreter.analyze(parsed.module(), model);
            partials.addAll(facts.partials());
            return facts;
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(parsed.source().name() + ": analysis failed: " + e);
            partials.add(new PartialAnalysis("<module>", 1, PartialAnalysis.Cause.INTERNAL_ERROR,
                    "analysis failed: " + e));
            return null;
        }
    }
}
