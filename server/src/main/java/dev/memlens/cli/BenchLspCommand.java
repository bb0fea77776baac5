package dev.memlens.cli;

import dev.memlens.lsp.LspBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code memlens bench-lsp}: latency, startup and memory of the language server on this machine. */
@Command(name = "bench-lsp", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Measure language server latency, startup time and memory.")
public final class BenchLspCommand implements Callable<Integer> {

    @Option(names = "--edits", defaultValue = "200", description = "Edits timed on the 1,000-line file.")
    int edits;

    @Option(names = "--warmup", defaultValue = "300",
            description = "Untimed edits at least, before the timed ones, on the 1,000-line file (a quarter on the "
                    + "10,000-line file), so the JIT has compiled the server's hot paths: the figures are warm. The "
                    + "warm-up then goes on in rounds of 100 (25) edits until the server's CPU per edit settles, and "
                    + "each timed phase again starts with this many untimed edits.")
    int warmup;

    @Option(names = "--startup-runs", defaultValue = "5", description = "Server processes started to time startup.")
    int startupRuns;

    @Option(names = "--jar", description = "Time startup of this jar (java -jar) instead of this classpath.")
    String jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        new LspBench(out).run(new LspBench.Options(edits, warmup, startupRuns, jar));
        return 0;
    }
}
