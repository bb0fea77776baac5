package dev.memlens.cli;

import com.google.gson.JsonArray;
import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleDocs;
import dev.memlens.rules.Finding;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
                "0:no findings",
                "1:findings (after fixes, with --fix), or files that could not be read or parsed",
                "2:usage error (bad option, path that does not exist, invalid configuration)",
                "3:internal error",
        })
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, sarif }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Python files, or directories to search.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--select", paramLabel = "RULE", split = ",",
            description = "Run only these rules (codes, code prefixes, names or ALL); overrides the configuration.")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "RULE", split = ",", description = "Also skip these rules.")
    List<String> ignore = new ArrayList<>();

    @picocli.CommandLine.ParentCommand
    Main parent;

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

    @Override
    public Integer call() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: " + p);
            }
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        if (unsafeFixes && !fix) {
            throw new ParameterException(spec.commandLine(), "--unsafe-fixes only applies with --fix");
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceFiles.Listing listing = SourceFiles.collect(paths, Set.copyOf(excludes));
        if (parent != null && parent.ownsJvm) {
            // a one-shot check over a large tree ends before C2 pays off, as for `memlens parse`
            OneShotJit.apply(OneShotJit.largeInput(listing.files()));
        }
        ConfigFinder configs = new ConfigFinder();
        List<String> cliSelect = List.copyOf(select);
        List<String> cliIgnore = List.copyOf(ignore);
        Function<RuleSettings, RuleSettings> overrides = s -> {
            RuleSettings r = cliSelect.isEmpty() ? s : s.withSelect(cliSelect);
            return r.withIgnored(cliIgnore);
        };
        dev.memlens.syntax.PythonVersion target = TargetVersionOption.parse(targetVersion, spec);
        CheckEngine engine = new CheckEngine(new Checker(RuleRegistry.all()), configs, overrides,
                (name, bytes) -> dev.memlens.syntax.SourceParser.parse(name, bytes,
                        TargetVersionOption.forFile(target, name)),
                source -> dev.memlens.syntax.SourceParser.parse(source,
                        TargetVersionOption.forFile(target, source.name())));
        List<CheckEngine.FileResult> results = run(engine, listing.files(),
                threads == null ? ParseWorkers.defaultThreads() : threads, err);
        if (!configs.errors().isEmpty()) {
            configs.errors().forEach(err::println);
            err.flush();
            return ExitCodes.USAGE;
        }
        int findings = 0;
        int problems = listing.problems().size();
        int fixed = 0;
        listing.problems().forEach(err::println);
        JsonArray json = new JsonArray();
        for (CheckEngine.FileResult r : results) {
            r.problems().forEach(err::println);
            problems += r.problems().size();
            fixed += r.fixed();
            for (Finding f : r.findings()) {
                findings++;
                if (format == Format.text) {
                    out.print(FindingFormats.text(r, f));
                } else if (format == Format.json) {
                    json.add(FindingFormats.json(r, f));
                }
            }
        }
        if (format == Format.json) {
            out.println(FindingFormats.GSON.toJson(json));
        } else if (format == Format.sarif) {
            out.println(FindingFormats.GSON.toJson(FindingFormats.sarif(results,
                    CheckCommand.class.getPackage().getImplementationVersion(), docsBaseUrl)));
        }
        out.flush();
        err.println(String.format(Locale.ROOT, "%d %s checked, %d %s%s", results.size(),
                results.size() == 1 ? "file" : "files", findings, findings == 1 ? "finding" : "findings",
                fix ? ", " + fixed + (fixed == 1 ? " fix" : " fixes") + " applied" : ""));
        err.flush();
        return findings == 0 && problems == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Checks in parallel, returns results in input order; shows progress on a terminal for large trees. */
    private List<CheckEngine.FileResult> run(CheckEngine engine, List<Path> files, int n, PrintWriter err) {
        boolean progress = System.console() != null && files.size() >= 200;
        ExecutorService pool = ParseWorkers.pool(Math.min(n, Math.max(1, files.size())));
        List<CheckEngine.FileResult> out = new ArrayList<>(files.size());
        try {
            List<Future<CheckEngine.FileResult>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> engine.check(f, fix, unsafeFixes)));
            }
            int done = 0;
            for (Future<CheckEngine.FileResult> fu : futures) {
                try {
                    out.add(fu.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                done++;
                if (progress && (done % 50 == 0 || done == files.size())) {
                    err.print("\rchecked " + done + "/" + files.size() + " files");
                    err.flush();
                }
            }
            if (progress) {
                err.print("\r" + " ".repeat(40) + "\r");
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
