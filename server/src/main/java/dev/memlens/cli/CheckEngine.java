package dev.memlens.cli;

import dev.memlens.rules.Checker;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Fix;
import dev.memlens.rules.FixApplier;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
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

    /** What checking one file gave. {@code text} is the final text (after fixes), {@code fixed} the fixes applied. */
    public record FileResult(Path path, String text, List<Finding> findings, List<String> problems, int fixed,
                             boolean parsed) {}

    private final Checker checker;
    private final ConfigFinder configs;
    private final Function<RuleSettings, RuleSettings> overrides;
    private final BiFunction<String, byte[], ParseResult> parser;
    private final Function<SourceText, ParseResult> reparser;

    public CheckEngine(Checker checker, ConfigFinder configs, Function<RuleSettings, RuleSettings> overrides) {
        this(checker, configs, overrides, SourceParser::parse, SourceParser::parse);
    }

    /** With another parser (tests run the rules on CPython's AST). */
    public CheckEngine(Checker checker, ConfigFinder configs, Function<RuleSettings, RuleSettings> overrides,
                       BiFunction<String, byte[], ParseResult> parser, Function<SourceText, ParseResult> reparser) {
        this.checker = checker;
        this.configs = configs;
        this.overrides = overrides;
        this.parser = parser;
        this.reparser = reparser;
    }

    public FileResult check(Path path, boolean fix, boolean unsafeFixes) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return new FileResult(path, "", List.of(), List.of(name + ": cannot read file: " + SourceFiles.reason(e)),
                    0, false);
        } catch (OutOfMemoryError e) {
            return new FileResult(path, "", List.of(), List.of(name + ": cannot read file: too large"), 0, false);
        }
        List<String> problems = new ArrayList<>();
        ParseResult parsed;
        try {
            parsed = parser.apply(name, bytes);
        } catch (RuntimeException | StackOverflowError e) {
            return new FileResult(path, "", List.of(), List.of(name + ": internal error in the parser: " + e), 0, false);
        }
        if (parsed.hasErrors()) {
            // rules only run on files that parse: findings on a broken tree would be noise
            return new FileResult(path, parsed.source().text(), List.of(),
                    List.of(name + ": skipped: syntax error: " + parsed.errors().get(0).message()), 0, false);
        }
        RuleSettings settings = overrides.apply(configs.forFile(path).settingsFor(path));
        List<Finding> findings = checker.check(parsed, settings, problems::add);
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
                findings = checker.check(parsed, settings, problems::add);
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
        return new FileResult(path, text, findings, problems, fixed, true);
    }
}
