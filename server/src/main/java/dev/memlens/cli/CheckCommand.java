package dev.memlens.cli;

import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleDocs;
import dev.memlens.rules.Severity;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/** {@code memlens check}: runs the rule catalogue over files and reports findings; {@code --fix} applies fixes. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
                "Check Python files for aliasing and mutation bugs (rules MEM101..MEM602; see `memlens explain`).",
                "Configuration: [tool.memlens] in the nearest pyproject.toml (select, ignore, per-file-ignores, "
                        + "severity). Suppress one line with `# memlens: ignore[MEM101]` or `# noqa: MEM101`.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no findings at the fail level or louder (or --exit-zero)",
                "1:findings at the fail level or louder (after fixes, with --fix), or files that could not be read "
                        + "or parsed",
                "2:usage error (bad option, path that does not exist, invalid configuration)",
                "3:internal error",
        })
final class CheckCommand implements Callable<Integer> {

    /** The severities {@code --fail-level} accepts. */
    enum FailLevel {
        error(Severity.ERROR), warning(Severity.WARNING), information(Severity.INFORMATION);

        final Severity severity;

        FailLevel(Severity severity) {
            this.severity = severity;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Python files, or directories to search.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "full",
            description = "Output: full (default; also: text), concise, grouped, json, json-lines, sarif, github "
                    + "(workflow commands), gitlab (code quality), junit.")
    String format;

    @Option(names = "--statistics", description = "Print how many findings each rule reported instead of them.")
    boolean statistics;

    @Option(names = "--fail-level", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Exit 1 for findings at this severity or louder: error, warning (default), information.")
    FailLevel failLevel;

    @Option(names = "--exit-zero", description = "Exit 0 even with findings (usage and internal errors still fail).")
    boolean exitZero;

    @Option(names = "--select", paramLabel = "RULE", split = ",",
            description = "Run only these rules (codes, code prefixes, names or ALL); overrides the configuration.")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "RULE", split = ",", description = "Also skip these rules.")
    List<String> ignore = new ArrayList<>();

    @picocli.CommandLine.ParentCommand
    Main parent;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Do not report the findings FILE lists; when FILE does not exist, write it with today's "
                    + "findings (a team's accepted state).")
    Path baseline;

    @Option(names = "--update-baseline", description = "With --baseline: write FILE again with today's findings.")
    boolean updateBaseline;

    @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where the result cache lives (default: .memlens_cache beside the nearest pyproject.toml "
                    + "at or above the working directory, else in it).")
    Path cacheDir;

    @Option(names = "--watch", description = "After checking, watch the files and check again those that change "
            + "(until interrupted).")
    boolean watch;

    @Option(names = "--docs-base-url", paramLabel = "URL",
            description = "Where the docs/rules/ pages are published (an absolute URL); SARIF output then links each "
                    + "rule to URL/CODE.md (a URL with {code} is a template). Without it SARIF has no helpUri: the "
                    + "explanation is embedded, and properties.docs names the page in the repository.")
    String docsBaseUrl;

    @Option(names = "--fix", description = "Apply safe fixes in place (never writes a file that would not parse).")
    boolean fix;

    @Option(names = "--unsafe-fixes", description = "With --fix: also apply unsafe fixes.")
    boolean unsafeFixes;

    @Option(names = "--exclude", paramLabel = "NAME",
            description = "Skip files and directories with this name while searching directories (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Check on N threads (default: all cores).")
    Integer threads;

    @Option(names = "--target-version", paramLabel = "3.X", description = TargetVersionOption.DESCRIPTION)
    String targetVersion;

    /** How long a run goes before the progress line appears (on a terminal). */
    static final long PROGRESS_AFTER_NANOS = 2_000_000_000L;

    @Override
    public Integer call() {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        SourceFiles.Listing listing = SourceFiles.collect(paths, Set.copyOf(excludes));
        if (parent != null && parent.ownsJvm && !watch) {
            // a one-shot check over a large tree ends before C2 pays off, as for `memlens parse`
            OneShotJit.apply(OneShotJit.largeInput(listing.files()));
        }
        Baseline accepted = null;
        if (baseline != null) {
            try {
                accepted = Baseline.read(baseline);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--baseline " + baseline + ": " + e.getMessage());
            }
        }
        boolean writeBaseline = baseline != null && (updateBaseline || !Files.exists(baseline));
        ConfigFinder configs = new ConfigFinder();
        List<String> cliSelect = List.copyOf(select);
        List<String> cliIgnore = List.copyOf(ignore);
        Function<RuleSettings, RuleSettings> overrides = s -> {
            RuleSettings r = cliSelect.isEmpty() ? s : s.withSelect(cliSelect);
            return r.withIgnored(cliIgnore);
        };
        ResultCache cache = noCache || fix ? ResultCache.NONE
                : ResultCache.in(cacheDir != null ? cacheDir : ResultCache.defaultDir(Path.of("")),
                        ResultCache.thisBuild());
        dev.memlens.syntax.PythonVersion target = TargetVersionOption.parse(targetVersion, spec);
        // --watch reads pyproject.toml afresh for every file it checks again (the user may have changed it)
        Function<String, dev.memlens.syntax.PythonVersion> versionOf = watch
                ? name -> TargetVersionOption.forFile(target, name) : TargetVersionOption.memoized(target);
        CheckEngine engine = new CheckEngine(new Checker(RuleRegistry.all()), configs, overrides,
                (name, bytes) -> dev.memlens.syntax.SourceParser.parse(name, bytes, versionOf.apply(name)),
                source -> dev.memlens.syntax.SourceParser.parse(source, versionOf.apply(source.name())))
                .withVariant(path -> " target=" + versionOf.apply(path.toString()))
                .withCache(cache);
        listing.problems().forEach(err::println);
        Run first = run(engine, listing.files(), writeBaseline ? null : accepted, writeBaseline);
        if (!configs.errors().isEmpty()) {
            configs.errors().forEach(err::println);
            err.flush();
            return ExitCodes.USAGE;
        }
        if (writeBaseline) {
            try {
                Baseline.write(baseline, first.all());
            } catch (IOException e) {
                err.println("memlens check: cannot write the baseline " + baseline + ": " + SourceFiles.reason(e));
                return ExitCodes.PROBLEMS;
            }
            err.println("wrote " + first.summary().findings + " findings to the baseline " + baseline);
        }
        if (cache.writeProblem() != null) {
            err.println("memlens check: " + cache.writeProblem());
        }
        err.flush();
        int exit = exitCode(first.summary(), listing.problems().size());
        if (writeBaseline) {
            exit = first.summary().problems > 0 && !exitZero ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
        if (watch) {
            Baseline kept = accepted;
            new CheckWatcher(paths, Set.copyOf(excludes), listing.files(), err)
                    .watch(changed -> run(engine, changed, kept, false));
        }
        return exit;
    }

    private void validate() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: " + p);
            }
        }
        if (!format.equals("text") && !CheckReport.FORMATS.contains(format)) {
            throw new ParameterException(spec.commandLine(), "unknown --format " + format + " (one of: "
                    + String.join(", ", CheckReport.FORMATS) + ")");
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        if (unsafeFixes && !fix) {
            throw new ParameterException(spec.commandLine(), "--unsafe-fixes only applies with --fix");
        }
        if (updateBaseline && baseline == null) {
            throw new ParameterException(spec.commandLine(), "--update-baseline needs --baseline FILE");
        }
        if (watch && fix) {
            throw new ParameterException(spec.commandLine(), "--watch does not combine with --fix");
        }
        for (String s : concat(select, ignore)) {
            if (RuleRegistry.all().stream().noneMatch(r -> RuleRegistry.matches(s, r))) {
                throw new ParameterException(spec.commandLine(), "unknown rule: " + s);
            }
        }
        if (docsBaseUrl != null && RuleDocs.checkBaseUrl(docsBaseUrl) != null) {
            throw new ParameterException(spec.commandLine(),
                    "--docs-base-url " + docsBaseUrl + ": " + RuleDocs.checkBaseUrl(docsBaseUrl));
        }
    }

    private int exitCode(CheckSummary s, int listingProblems) {
        if (exitZero) {
            return ExitCodes.OK;
        }
        return s.atLeast(failLevel.severity) == 0 && s.problems == 0 && listingProblems == 0
                ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private CheckReport report(PrintWriter out) {
        if (statistics) {
            return new StatisticsReport(out, format.equals("json"));
        }
        return switch (format) {
            case "concise" -> new ConciseReport(out);
            case "grouped" -> new GroupedReport(out);
            case "json" -> new JsonReport(out);
            case "json-lines" -> new JsonLinesReport(out);
            case "sarif" -> new SarifReport(out, CheckCommand.class.getPackage().getImplementationVersion(),
                    docsBaseUrl);
            case "github" -> new GithubReport(out);
            case "gitlab" -> new GitlabReport(out);
            case "junit" -> new JunitReport(out);
            default -> new FullReport(out);
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** One pass over some files: the counts, and every file's findings when a baseline is to be written. */
    record Run(CheckSummary summary, List<CheckedFile> all) {
    }

    /**
     * Checks in parallel and hands each file to the report in file order as soon as it and those before it are
     * done, so findings stream while later files are still being checked. On a terminal, runs over 2 s show a
     * progress line on stderr.
     */
    private Run run(CheckEngine engine, List<Path> files, /* nullable */ Baseline accepted, boolean keepAll) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckReport report = report(out);
        CheckSummary summary = new CheckSummary();
        List<CheckedFile> all = new ArrayList<>();
        ProgressLine progress = new ProgressLine(err, System.console() != null && files.size() > 1,
                PROGRESS_AFTER_NANOS);
        int n = threads == null ? ParseWorkers.defaultThreads() : threads;
        ExecutorService pool = ParseWorkers.pool(Math.min(n, Math.max(1, files.size())));
        try {
            List<Future<CheckedFile>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> CheckedFile.of(engine.check(f, fix, unsafeFixes))));
            }
            int done = 0;
            for (int i = 0; i < futures.size(); i++) {
                Future<CheckedFile> fu = futures.set(i, null); // a reported file's text and findings can go
                CheckedFile file;
                try {
                    file = fu.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                if (keepAll) {
                    all.add(file);
                }
                CheckedFile shown = accepted == null ? file : accepted.filter(file);
                summary.add(shown);
                if (!shown.findings().isEmpty() || !file.result().problems().isEmpty()) {
                    progress.clear();
                }
                file.result().problems().forEach(err::println);
                err.flush();
                report.file(shown);
                progress.update(++done, files.size());
            }
            progress.clear();
        } finally {
            pool.shutdownNow();
        }
        report.end(summary);
        err.println(summaryLine(summary));
        err.flush();
        return new Run(summary, all);
    }

    private String summaryLine(CheckSummary s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d %s checked, %d %s", s.files,
                s.files == 1 ? "file" : "files", s.findings, s.findings == 1 ? "finding" : "findings"));
        if (s.baselined > 0) {
            sb.append(" (").append(s.baselined).append(" more in the baseline)");
        }
        if (s.skipped > 0) {
            sb.append(", ").append(s.skipped).append(s.skipped == 1 ? " file" : " files").append(" skipped");
        }
        if (s.partial > 0) {
            sb.append(", ").append(s.partial).append(s.partial == 1 ? " file" : " files")
                    .append(" partially analyzed");
        }
        if (fix) {
            sb.append(", ").append(s.fixed).append(s.fixed == 1 ? " fix" : " fixes").append(" applied");
        }
        return sb.toString();
    }
}
