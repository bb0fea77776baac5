package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.rules.Rule;
import dev.memlens.rules.RuleDocs;
import dev.memlens.rules.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code memlens explain MEM101}: a rule's documentation; {@code --all} for the catalogue. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Explain a rule (by code, e.g. MEM101, or name, e.g. shallow-copy-shares-nested), or list all.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained", "2:unknown rule or bad usage"})
final class ExplainCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RULE", description = "Rule code or name.")
    String rule;

    @Option(names = "--all", description = "Every rule (text: one line each; json: everything).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (all == (rule != null)) {
            throw new ParameterException(spec.commandLine(), "give either a rule code/name or --all");
        }
        List<Rule> rules;
        if (all) {
            rules = RuleRegistry.all();
        } else {
            Rule r = RuleRegistry.find(rule).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown rule: " + rule + " (try `memlens explain --all`)"));
            rules = List.of(r);
        }
        if (format == Format.json) {
            JsonArray arr = new JsonArray();
            for (Rule r : rules) {
                JsonObject o = new JsonObject();
                o.addProperty("code", r.code());
                o.addProperty("name", r.name());
                o.addProperty("severity", r.defaultSeverity().label());
                o.addProperty("enabledByDefault", r.enabledByDefault());
                o.addProperty("summary", r.summary());
                o.addProperty("explanation", r.explanation());
                o.addProperty("url", RuleDocs.href(r));
                arr.add(o);
            }
            out.println(FindingFormats.GSON.toJson(all ? arr : arr.get(0)));
        } else if (all) {
            for (Rule r : rules) {
                out.printf("%s  %-34s %-11s %s%n", r.code(), r.name(), r.defaultSeverity().label(), r.summary());
            }
        } else {
            out.print(RuleDocs.page(rules.get(0)));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
