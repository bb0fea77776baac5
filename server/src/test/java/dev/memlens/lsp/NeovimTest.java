package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Neovim 0.7 (headless) as a real client of the server process: skipped only where {@code nvim} is missing. */
class NeovimTest {

    /** What the broken file becomes: a shallow copy whose nested list is then changed (MEM101 on line 5). */
    private static final List<String> FIXED = List.of("import copy", "x = [[1], [2]]", "y = x", "s = copy.copy(x)",
            "s[0].append(3)");

    @TempDir
    Path dir;

    static Path nvim() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(d, "nvim");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void diagnosticsHoverCodeActionsAndInlayHintsFromNeovim() throws Exception {
        Path nvim = nvim();
        assumeTrue(nvim != null, "nvim is not on PATH");
        Path script = dir.resolve("test.lua");
        Files.writeString(script, LspSession.resource("neovim-test.lua"));
        String text = "def f(:\n    return [1, 2\nx = 1\n";
        Path file = dir.resolve("broken.py");
        Files.writeString(file, text);
        Path result = dir.resolve("result.json");
        Path serverLog = dir.resolve("server-stderr.txt");

        JsonArray cmd = new JsonArray();
        // stderr of the server goes to a file through a shell, so a failure can show it
        cmd.add("sh");
        cmd.add("-c");
        cmd.add("exec \"$0\" -cp \"$1\" dev.memlens.cli.Main serve --stdio 2>>\"$2\"");
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(serverLog.toString());

        ProcessBuilder pb = new ProcessBuilder(nvim.toString(), "--headless", "--clean", "-n", "-i", "NONE",
                "-c", "luafile " + script);
        Map<String, String> env = pb.environment();
        for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")) {
            Path d = dir.resolve(xdg.toLowerCase());
            Files.createDirectories(d);
            env.put(xdg, d.toString());
        }
        env.put("MEMLENS_CMD", cmd.toString());
        env.put("MEMLENS_FILE", file.toString());
        env.put("MEMLENS_OUT", result.toString());
        JsonArray fixed = new JsonArray();
        FIXED.forEach(fixed::add);
        env.put("MEMLENS_FIXED", fixed.toString());
        env.put("MEMLENS_HOVER_LINE", "2");
        env.put("MEMLENS_FINDING_LINE", "4");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("nvim-output.txt").toFile());
        Process p = pb.start();
        // patient: on a machine loaded by other builds the JVM alone can take tens of seconds to start
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.exists(serverLog) ? Files.readString(serverLog) : "(no server log)";
        assertTrue(done, "nvim did not finish; server log:\n" + log);
        assertTrue(Files.exists(result), "no result; nvim said: " + Files.readString(dir.resolve("nvim-output.txt"))
                + "\nserver log:\n" + log);
        JsonObject r = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        String context = r + "\nserver log:\n" + log;
        assertTrue(!r.has("error"), context);
        assertTrue(r.get("initialized").getAsBoolean(), context);
        assertTrue(r.get("first_diagnostics").getAsBoolean(), context);
        assertEquals(ExpectedDiagnostics.count(text), r.get("diagnostics").getAsInt(), context);
        assertEquals("utf-16", r.get("encoding").getAsString(), context);
        assertTrue(r.get("second_diagnostics").getAsBoolean(), context);
        String edited = r.get("text").getAsString();
        assertEquals(String.join("\n", FIXED) + "\n", edited, "Neovim's buffer and the server's analysis agree");
        assertEquals(ExpectedDiagnostics.count(edited), r.get("published_after_edit").getAsInt(), context);
        assertEquals(List.of("4:MEM101"), r.get("codes").getAsJsonArray().asList().stream()
                .map(c -> c.getAsJsonObject().get("line").getAsInt() + ":"
                        + c.getAsJsonObject().get("code").getAsString()).toList(), context);
        assertTrue(r.get("hover_answered").getAsBoolean(), context);
        assertTrue(r.get("hover").getAsString().contains("Binds `y` to the same `list` as `x`"), context);
        assertTrue(r.get("code_action_answered").getAsBoolean(), context);
        List<String> actions = r.get("code_actions").getAsJsonArray().asList().stream()
                .map(JsonElement::getAsString).toList();
        assertTrue(actions.stream().anyMatch(t -> t.contains("copy.deepcopy")), context);
        assertTrue(actions.contains("Ignore MEM101 on this line"), context);
        assertTrue(r.get("inlay_hint_answered").getAsBoolean(), context);
        List<String> hints = r.get("inlay_hints").getAsJsonArray().asList().stream()
                .map(JsonElement::getAsString).toList();
        assertTrue(hints.contains("3:≡ x") && hints.contains("4:shallow: shares 2 mutable items")
                && hints.contains("5:also changes x[0], y[0]"), context);
        assertTrue(r.get("stopped").getAsBoolean(), context);
        assertTrue(!log.contains("ERROR") && !log.contains("[memlens error]"), log);
    }
}
