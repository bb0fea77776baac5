package dev.memlens.cli;

import com.google.gson.stream.JsonWriter;
import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.FactsReport;
import dev.memlens.analysis.Interpreter;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memlens facts FILE.py}: what the abstract interpreter knows after each statement, as JSON (the format the
 * CPython alias oracle's scorer reads).
 */
@Command(
        name = "facts",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = {
                "Print the memory facts of a Python file as JSON: per simple statement, its line, scope, must- and "
                        + "may-alias groups, reference counts of the names it binds and the mutations it performs; "
                        + "then per function, what a call does to its arguments (mutated, stored, returned) and "
                        + "whether its result is new; and where the analysis was cut (partial: scope, line, cause, "
                        + "detail), if it was.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:facts printed",
                "1:the file does not parse or cannot be read",
                "2:usage error",
                "3:internal error",
        })
public final class FactsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "FILE", description = "A Python file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("memlens facts: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.PROBLEMS;
        }
        ParseResult parsed = SourceParser.parse(file.toString(), bytes);
        if (parsed.hasErrors()) {
            err.println("memlens facts: " + file + " has syntax errors; facts cover what parsed");
        }
        // built from the text, so that partial results say on which line the analysis was cut
        AnalysisResult result = Interpreter.analyze(parsed.module(), SemanticModel.build(parsed));
        // streamed as worked out: the facts of a big module with many names can be far larger than the heap
        // buffered: the JSON writer hands over a few characters at a time, and each went through the encoder alone
        java.io.BufferedWriter buffered = new java.io.BufferedWriter(out, 1 << 16);
        JsonWriter json = new JsonWriter(buffered);
        json.setIndent("  ");
        try {
            FactsReport.write(json, file.toString(), parsed.source().text(), result);
            buffered.flush();
        } catch (IOException e) {
            err.println("memlens facts: cannot write the facts: " + e.getMessage());
            return ExitCodes.PROBLEMS;
        }
        out.println();
        out.flush();
        return parsed.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
