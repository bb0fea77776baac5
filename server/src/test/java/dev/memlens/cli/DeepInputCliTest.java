package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.testing.DeepInputs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memlens check} and {@code memlens facts} on input nested or long far beyond real code: a verdict (clean,
 * findings, or a syntax error), the facts of the file's last line, and never an internal error.
 */
class DeepInputCliTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> checkAndFactsOnEveryShape() {
        return DeepInputs.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e)));
    }

    private void check(Map.Entry<String, String> shape) throws IOException {
        Path file = Cli.write(dir.resolve("deep.py"), shape.getValue());
        Cli.Run check = Cli.run("check", file.toString());
        assertTrue(check.exit() == ExitCodes.OK || check.exit() == ExitCodes.PROBLEMS, check::toString);
        assertFalse(check.err().contains("internal error") || check.err().contains("failed"), check::toString);

        Cli.Run facts = Cli.run("facts", file.toString());
        assertFalse(facts.err().contains("internal error"), facts::toString);
        if (facts.exit() == ExitCodes.PROBLEMS) {
            assertTrue(facts.err().contains("syntax errors"), facts::toString);
            return;
        }
        assertEquals(ExitCodes.OK, facts.exit(), facts::toString);
        int lastLine = (int) shape.getValue().lines().count();
        JsonObject json = JsonParser.parseString(facts.out()).getAsJsonObject();
        if (!json.get("complete").getAsBoolean()) {
            return; // cut by the interpreter's budget, and said so
        }
        JsonArray statements = json.getAsJsonArray("statements");
        boolean aliased = false;
        for (JsonElement s : statements) {
            if (s.getAsJsonObject().get("line").getAsInt() == lastLine) {
                aliased = s.getAsJsonObject().get("mustAlias").toString().contains("\"z\"");
            }
        }
        assertTrue(aliased, () -> "line " + lastLine + " (z = y) has no must-alias: "
                + facts.out().substring(Math.max(0, facts.out().length() - 600)));
    }
}
