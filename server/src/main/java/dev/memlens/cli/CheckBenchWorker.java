package dev.memlens.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.DeepStack;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The child process of {@code memlens bench-check}: checks the files of a list one after the other, from a given
 * index, and prints one line before each file ({@code S index}) and one JSON line after it ({@code D {...}}) with
 * its phase times, partial functions and exceptions. The parent kills this process when a file overruns its time
 * limit and starts a new one after that file, so a hang or an OutOfMemoryError costs one file, not the run.
 */
public final class CheckBenchWorker {
    private static final Gson GSON = new Gson();

    private CheckBenchWorker() {
    }

    /** Arguments: the file listing the paths (one per line), and the index of the first one to check. */
    public static void main(String[] args) throws Exception {
        List<String> paths = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        int start = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // the same threads as `memlens check`: the stack every entry point gives the pipeline
        Thread worker = DeepStack.newThread(() -> run(paths, start, out), "memlens-bench-check");
        worker.start();
        worker.join();
        out.flush();
        System.exit(0);
    }

    private static void run(List<String> paths, int start, PrintStream out) {
        Checker checker = new Checker(RuleRegistry.all());
        RuleSettings all = RuleSettings.DEFAULT.withSelect(List.of("ALL"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = start; i < paths.size(); i++) {
            out.println("S " + i);
            out.println("D " + GSON.toJson(checkOne(i, Path.of(paths.get(i)), checker, all, threads)));
        }
    }

    private static JsonObject checkOne(int index, Path path, Checker checker, RuleSettings all, ThreadMXBean threads) {
        JsonObject row = new JsonObject();
        row.addProperty("i", index);
        JsonArray exceptions = new JsonArray();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        byte[] bytes = phase("read", exceptions, () -> {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ParseResult parsed = bytes == null ? null
                : phase("parse", exceptions, () -> SourceParser.parse(path.toString(), bytes));
        long parsedAt = System.nanoTime();
        if (parsed != null) {
            row.addProperty("lines", parsed.source().text().lines().count());
            row.addProperty("syntaxErrors", parsed.errors().size());
            SemanticModel model = phase("semantics", exceptions, () -> SemanticModel.build(parsed));
            long semanticsAt = System.nanoTime();
            long cpuA = threads.getCurrentThreadCpuTime();
            AnalysisResult facts = model == null ? null
                    : phase("analysis", exceptions, () -> Interpreter.analyze(parsed.module(), model));
            long analyzedAt = System.nanoTime();
            row.addProperty("analysisCpuMs", (threads.getCurrentThreadCpuTime() - cpuA) / 1e6);
            row.addProperty("analysisMs", (analyzedAt - semanticsAt) / 1e6);
            row.addProperty("semanticsMs", (semanticsAt - parsedAt) / 1e6);
            if (facts != null) {
                JsonArray partials = new JsonArray();
                for (PartialAnalysis p : facts.partials()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("scope", p.scope());
                    o.addProperty("line", p.line());
                    o.addProperty("cause", p.cause().name());
                    o.addProperty("detail", p.detail());
                    partials.add(o);
                }
                row.add("partials", partials);
            }
            // `memlens check` runs the rules only on files that parse; here every rule, not only the default ones
            if (model != null && !parsed.hasErrors()) {
                List<String> problems = new ArrayList<>();
                Integer findings = phase("rules", exceptions, () ->
                        checker.check(parsed, model, facts, all, problems::add).size());
                problems.forEach(p -> exceptions.add("rules: " + p));
                row.addProperty("findings", findings == null ? 0 : findings);
            }
            row.addProperty("rulesMs", (System.nanoTime() - analyzedAt) / 1e6);
        }
        row.addProperty("parseMs", (parsedAt - wall0) / 1e6);
        row.addProperty("totalMs", (System.nanoTime() - wall0) / 1e6);
        row.addProperty("totalCpuMs", (threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
        row.addProperty("peakHeap", peakHeap());
        row.addProperty("liveHeap", liveHeap());
        row.add("exceptions", exceptions);
        return row;
    }

    /** Runs one phase; any Throwable (a StackOverflowError too) is recorded with where it was thrown. */
    private static <T> T phase(String name, JsonArray exceptions, Supplier<T> body) {
        try {
            return body.get();
        } catch (Throwable e) {
            StackTraceElement[] trace = e.getStackTrace();
            exceptions.add(name + ": " + e + (trace.length > 0 ? " at " + trace[0] : ""));
            return null;
        }
    }

    /** The heap in use right after the last collection: what the run keeps alive, garbage not counted. */
    static long liveHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    /** The sum of the heap pools' peak use so far (an upper bound of the peak heap: pools peak at different times). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
