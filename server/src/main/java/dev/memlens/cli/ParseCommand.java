package dev.memlens.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
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

/**
 * {@code memlens parse}: checks that files parse, printing each syntax error as {@code path:line:col: message} on
 * standard output and one summary line on standard error; or, with {@code --bench}, measures the parser.
 */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
                "Parse Python files and report syntax errors.",
                "Directories are searched for *.py files (hidden directories skipped). Errors go to standard "
                        + "output as path:line:column: message (1-based, column in characters); one summary line "
                        + "goes to standard error.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no syntax errors",
                "1:syntax errors or unreadable files",
                "2:usage error (bad option, path that does not exist)",
                "3:internal error",
        })
final class ParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Python files, or directories to search.")
    List<Path> paths;

    @Option(names = "--exclude", paramLabel = "NAME",
            description = "Skip files and directories with this name while searching directories (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N",
            description = "Parse on N threads (default: all cores; with --bench: all cores for the cold pass, "
                    + "1 for the warm passes).")
    Integer threads;

    @Option(names = "--target-version", paramLabel = "3.X", description = TargetVersionOption.DESCRIPTION)
    String targetVersion;

    @Option(names = "--bench",
            description = "Benchmark: load every file into memory, time a cold pass and warm passes, report "
                    + "lines/s, the slowest files per token and peak heap.")
    boolean bench;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "With --bench: number of warm passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--slowest", paramLabel = "N", defaultValue = "10",
            description = "With --bench: how many of the slowest files to list (default: ${DEFAULT-VALUE}).")
    int slowest;

    @Override
    public Integer call() {
        validate();
        SourceFiles.Listing listing = SourceFiles.collect(paths, Set.copyOf(excludes));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // a one-shot run in its own JVM over a large tree is over before C2 pays off (a small one never gets to C2,
        // and asking costs a JMX start); the bench's warm passes measure the long-running server
        String jit = parent != null && parent.ownsJvm
                ? OneShotJit.apply(!bench && OneShotJit.largeInput(listing.files())) : "tiered C1+C2";
        if (bench) {
            // warm passes default to one thread (a per-thread figure to set beside CPython's); the cold pass runs
            // like a plain 'memlens parse', on every core unless --threads says otherwise
            int warm = threads == null ? 1 : threads;
            int cold = threads == null ? ParseWorkers.defaultThreads() : threads;
            listing.problems().forEach(err::println);
            return new ParseBenchmark(out, err, warm, cold, iterations, slowest, jit).run(listing.files());
        }
        dev.memlens.syntax.PythonVersion target = TargetVersionOption.parse(targetVersion, spec);
        return check(listing, threads == null ? ParseWorkers.defaultThreads() : threads, target, out, err);
    }

    private void validate() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: " + p);
            }
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        if (iterations < 0) {
            throw new ParameterException(spec.commandLine(), "--iterations must not be negative");
        }
        if (slowest < 0) {
            throw new ParameterException(spec.commandLine(), "--slowest must not be negative");
        }
        if (!bench && (spec.commandLine().getParseResult().hasMatchedOption("--iterations")
                || spec.commandLine().getParseResult().hasMatchedOption("--slowest"))) {
            throw new ParameterException(spec.commandLine(), "--iterations and --slowest only apply with --bench");
        }
    }

    /** Parses in parallel and prints in command-line order, so output does not depend on the thread count. */
    private static int check(SourceFiles.Listing listing, int threads, dev.memlens.syntax.PythonVersion target,
                             PrintWriter out, PrintWriter err) {
        long start = System.nanoTime();
        int errors = listing.problems().size();
        long lines = 0;
        listing.problems().forEach(out::println);
        ExecutorService pool = ParseWorkers.pool(Math.min(threads, Math.max(1, listing.files().size())));
        try {
            List<Future<FileReport>> reports = new ArrayList<>(listing.files().size());
            for (Path file : listing.files()) {
                reports.add(pool.submit(() -> FileReport.of(file,
                        TargetVersionOption.forFile(target, file.toString()))));
            }
            for (Future<FileReport> f : reports) {
                FileReport report = await(f);
                report.errorLines().forEach(out::println);
                errors += report.errors();
                lines += report.sourceLines();
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(summary(listing.files().size(), lines, errors, seconds));
        err.flush();
        return errors == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    static String summary(int files, long lines, int errors, double seconds) {
        return String.format(Locale.ROOT, "%d %s, %d %s, %d %s in %.2f s",
                files, files == 1 ? "file" : "files",
                lines, lines == 1 ? "line" : "lines",
                errors, errors == 1 ? "error" : "errors",
                seconds);
    }

    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
