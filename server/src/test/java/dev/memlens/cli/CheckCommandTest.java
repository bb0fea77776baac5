package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code memlens check} and {@code memlens explain} end to end, in-process, with MemLens's own parser. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private static final String BUGGY = "def f(x, items=[]):\n    items.append(x)\n    return items\n\n"
            + "y = 5\nz = y is 'a'\n";

    @Test
    void textFindingsExitOne() throws Exception {
        Path f = Cli.write(dir.resolve("a.py"), BUGGY);
        Cli.Run r = Cli.run("check", "--no-cache", f.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exit(), r.err());
        assertTrue(r.out().contains("a.py:1:16: MEM201 "), r.out());
        assertTrue(r.out().contains("a.py:6:5: MEM301 "), r.out());
        assertTrue(r.out().contains("^^"), r.out());
        assertTrue(r.err().contains("1 file checked, 2 findings"), r.err());
    }

    @Test
    void cleanFileExitsZero() throws Exception {
        Path f = Cli.write(dir.resolve("ok.py"), "x = [1]\nprint(x)\n");
        assertEquals(ExitCodes.OK, Cli.run("check", "--no-cache", f.toString()).exit());
    }

    @Test
    void jsonHasRangesAndFixes() throws Exception {
        Path f = Cli.write(dir.resolve("a.py"), BUGGY);
        Cli.Run r = Cli.run("check", "--no-cache", "--format", "json", f.toString());
        JsonArray arr = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("findings");
        assertEquals(2, arr.size());
        JsonObject first = arr.get(0).getAsJsonObject();
        assertEquals("MEM201", first.get("code").getAsString());
        assertEquals("mutable-default-argument", first.get("name").getAsString());
        assertEquals(1, first.get("line").getAsInt());
        assertEquals(16, first.get("column").getAsInt());
        assertEquals("unsafe", first.getAsJsonArray("fixes").get(0).getAsJsonObject().get("safety").getAsString());
    }

    @Test
    void configSuppressionAndFix() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlens]\nignore = [\"MEM201\"]\n");
        Path f = Cli.write(dir.resolve("a.py"), BUGGY + "w = y is 'b'  # noqa: MEM301\n");
        Cli.Run r = Cli.run("check", "--fix", f.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        String fixed = Files.readString(f);
        assertTrue(fixed.contains("z = y == 'a'"), fixed);
        assertTrue(fixed.contains("w = y is 'b'  # noqa: MEM301"), fixed);
        assertTrue(fixed.contains("items=[]"), "MEM201 is ignored by the configuration: " + fixed);
    }

    @Test
    void eachProjectsTargetVersionAppliesToItsFiles() throws Exception {
        // two projects, files in nested directories: each file gets its nearest pyproject.toml's version, also when
        // the run has looked that directory up before (the lookups are remembered per directory within a run)
        String match = "match x:\n    case 1:\n        pass\n";
        Files.createDirectories(dir.resolve("old/pkg/sub"));
        Files.createDirectories(dir.resolve("new/pkg"));
        Files.writeString(dir.resolve("old/pyproject.toml"), "[tool.memlens]\ntarget-version = \"3.9\"\n");
        Files.writeString(dir.resolve("new/pyproject.toml"), "[project]\nrequires-python = \">=3.10\"\n");
        Path a = Cli.write(dir.resolve("old/pkg/a.py"), match);
        Path b = Cli.write(dir.resolve("old/pkg/sub/b.py"), match);
        Path c = Cli.write(dir.resolve("new/pkg/c.py"), match);
        Cli.Run r = Cli.run("check", "--no-cache", a.toString(), b.toString(), c.toString());
        assertTrue(r.err().contains("a.py: skipped") && r.err().contains("b.py: skipped"), r.err());
        assertTrue(!r.err().contains("c.py: skipped"), r.err());
        assertTrue(r.err().contains("3 files checked"), r.err());
    }

    @Test
    void badConfigurationIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlens]\nselect = [\"NOPE\"]\n");
        Path f = Cli.write(dir.resolve("a.py"), "x = 1\n");
        Cli.Run r = Cli.run("check", "--no-cache", f.toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("unknown rule selector \"NOPE\""), r.err());
    }

    @Test
    void unknownRuleOnTheCommandLine() {
        assertEquals(ExitCodes.USAGE, Cli.run("check", "--select", "MEM999", ".").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("explain", "MEM999").exit());
    }

    @Test
    void explainByCodeNameAndAll() {
        Cli.Run r = Cli.run("explain", "mem101");
        assertEquals(ExitCodes.OK, r.exit());
        assertTrue(r.out().startsWith("# MEM101 shallow-copy-shares-nested"), r.out());
        assertTrue(Cli.run("explain", "late-binding-closure").out().contains("## Fix safety"));
        JsonArray all = JsonParser.parseString(Cli.run("explain", "--all", "--format", "json").out()).getAsJsonArray();
        assertEquals(14, all.size());
    }

    @Test
    void sarifLinksRulePagesOnlyUnderAGivenAbsoluteBase() throws Exception {
        Path f = Cli.write(dir.resolve("sarif_docs.py"), BUGGY);
        JsonObject rule = firstRule(Cli.run("check", "--no-cache", "--format", "sarif", f.toString()).out());
        assertFalse(rule.has("helpUri"), "no made-up URL by default: " + rule);
        assertEquals("docs/rules/MEM101.md", rule.getAsJsonObject("properties").get("docs").getAsString());
        assertTrue(rule.getAsJsonObject("help").get("markdown").getAsString().contains("## What it does"));

        rule = firstRule(Cli.run("check", "--no-cache", "--format", "sarif", "--docs-base-url",
                "https://git.example.org/memlens/blob/main/docs/rules", f.toString()).out());
        assertEquals("https://git.example.org/memlens/blob/main/docs/rules/MEM101.md", rule.get("helpUri").getAsString());
        rule = firstRule(Cli.run("check", "--no-cache", "--format", "sarif", "--docs-base-url",
                "https://docs.example.org/rules/{code}.html", f.toString()).out());
        assertEquals("https://docs.example.org/rules/MEM101.html", rule.get("helpUri").getAsString());

        Cli.Run relative = Cli.run("check", "--no-cache", "--format", "sarif", "--docs-base-url", "docs/rules/", f.toString());
        assertEquals(ExitCodes.USAGE, relative.exit());
        assertTrue(relative.err().contains("absolute"), relative.err());
        JsonObject explained = JsonParser.parseString(Cli.run("explain", "--all", "--format", "json").out())
                .getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("docs/rules/MEM101.md", explained.get("docs").getAsString());
    }

    private static JsonObject firstRule(String sarif) {
        return JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules").get(0).getAsJsonObject();
    }
}
