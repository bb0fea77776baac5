package dev.memlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.config.ConfigFinder;
import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.Parsing;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check --format sarif} output validates against the SARIF 2.1.0 schema checked in under test resources
 * (MIT-licensed copy, see schemas/README.md), with code flows, partial fingerprints and notifications in it.
 */
class SarifSchemaTest {

    @Test
    void sarifOfAllFixturesValidates() throws Exception {
        List<Path> files = new ArrayList<>();
        for (var r : RuleRegistry.all()) {
            files.add(Path.of("src/test/resources/fixtures/rules/" + r.code() + ".py"));
        }
        Map<Path, ParseResult> parsed = Parsing.parse(files);
        CheckEngine engine = new CheckEngine(new Checker(RuleRegistry.all()), new ConfigFinder(), s -> s,
                (name, bytes) -> parsed.get(Path.of(name)), src -> parsed.values().iterator().next());
        List<CheckEngine.FileResult> results = new ArrayList<>();
        int findings = 0;
        for (Path f : files) {
            CheckEngine.FileResult r = engine.check(f, false, false);
            results.add(r);
            findings += r.findings().size();
        }
        assertTrue(findings > 20, "the fixtures should produce findings, got " + findings);
        List<CheckedFile> checked = new ArrayList<>();
        results.forEach(r -> checked.add(CheckedFile.of(r)));
        // a file the rules skipped, and one whose analysis was cut: both become invocation notifications
        checked.add(CheckedFile.of(CheckEngine.FileResult.skipped(Path.of("broken.py"), "x = (\n", "skipped: ",
                "syntax error at line 1: '(' was never closed")));
        checked.add(CheckedFile.of(new CheckEngine.FileResult(Path.of("big.py"), "x = 1\n", List.of(), List.of(), 0,
                true, null, List.of(new PartialAnalysis("f", 12, PartialAnalysis.Cause.STEPS, "step budget: loop")))));
        JsonObject sarif = SarifReport.log(checked, "0.1.0", null);
        JsonObject run = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
        int flows = 0;
        for (JsonElement e : run.getAsJsonArray("results")) {
            JsonObject result = e.getAsJsonObject();
            assertEquals(16, result.getAsJsonObject("partialFingerprints").get(SarifReport.FINGERPRINT_KEY)
                    .getAsString().length(), result.toString());
            if (result.has("codeFlows")) {
                flows++;
                assertTrue(SarifReport.FLOW_RULES.contains(result.get("ruleId").getAsString()));
                JsonArray steps = result.getAsJsonArray("codeFlows").get(0).getAsJsonObject()
                        .getAsJsonArray("threadFlows").get(0).getAsJsonObject().getAsJsonArray("locations");
                assertTrue(steps.size() >= 2, "creation ... mutation: " + steps);
                assertEquals(result.getAsJsonArray("locations").get(0).getAsJsonObject().get("physicalLocation"),
                        steps.get(steps.size() - 1).getAsJsonObject().getAsJsonObject("location")
                                .get("physicalLocation"), "the flow ends at the finding");
            }
        }
        assertTrue(flows >= 5, "MEM101/103/104/201/202 findings carry code flows, got " + flows);
        JsonArray notes = run.getAsJsonArray("invocations").get(0).getAsJsonObject()
                .getAsJsonArray("toolExecutionNotifications");
        assertEquals(2, notes.size(), notes.toString());
        assertEquals("skipped", notes.get(0).getAsJsonObject().getAsJsonObject("descriptor").get("id").getAsString());
        assertEquals("partial-analysis", notes.get(1).getAsJsonObject().getAsJsonObject("descriptor").get("id")
                .getAsString());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode node = new ObjectMapper().readTree(FindingFormats.GSON.toJson(sarif));
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), "SARIF does not validate:\n" + errors);
    }
}
