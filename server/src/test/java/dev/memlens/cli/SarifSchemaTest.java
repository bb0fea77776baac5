package dev.memlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --format sarif} output validates against the SARIF 2.1.0 schema checked in under test resources. */
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
        JsonObject sarif = FindingFormats.sarif(results, "0.1.0");
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode node = new ObjectMapper().readTree(FindingFormats.GSON.toJson(sarif));
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), "SARIF does not validate:\n" + errors);
    }
}
