package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code check --format}, the exit-code options, statistics and MEM402's default, end to end in-process. */
class CheckFormatsTest {
    @TempDir
    Path dir;

    static final String BUGGY = "def f(x, items=[]):\n    items.append(x)\n    return items\n\n"
            + "y = 5\nz = y is 'a'\n";
    /** MEM402 (information, off by default): a local that shadows a global other code declares global. */
    static final String SHADOW = "verbose = False\n\n\ndef enable_verbose():\n    verbose = True\n    return verbose\n\n\n"
            + "def declares():\n    global verbose\n    verbose = True\n";

    private Path buggy;
    private Path broken;

    @BeforeEach
    void files() throws Exception {
        buggy = Cli.write(dir.resolve("a.py"), BUGGY);
        broken = Cli.write(dir.resolve("b_broken.py"), "x = (\n");
        Cli.write(dir.resolve("c_clean.py"), "x = [1]\nprint(x)\n");
    }

    private Cli.Run check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--no-cache"));
        all.addAll(List.of(args));
        all.add(dir.toString());
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void concisePrintsOneLinePerFinding() {
        Cli.Run r = check("--format", "concise");
        assertEquals(List.of(buggy + ":1:16: MEM201 " + firstFindingMessage("MEM201"),
                buggy + ":6:5: MEM301 " + firstFindingMessage("MEM301")), r.outLines(), r.toString());
        assertTrue(r.err().contains(broken + ": skipped: syntax error at line 1"), r.err());
        assertTrue(r.err().contains("3 files checked, 2 findings, 1 file skipped"), r.err());
    }

    private String firstFindingMessage(String code) {
        for (JsonElement e : json().getAsJsonArray("findings")) {
            if (e.getAsJsonObject().get("code").getAsString().equals(code)) {
                return e.getAsJsonObject().get("message").getAsString();
            }
        }
        throw new AssertionError("no " + code);
    }

    private JsonObject json() {
        return JsonParser.parseString(check("--format", "json").out()).getAsJsonObject();
    }

    @Test
    void groupedNamesEachFileOnce() {
        List<String> lines = check("--format", "grouped").outLines();
        assertEquals(buggy + ":", lines.get(0));
        assertTrue(lines.get(1).startsWith("  1:16 MEM201 [warning] the default of `items`"), lines.toString());
        assertTrue(lines.get(2).startsWith("  6:5 MEM301 [warning] "), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.endsWith(".py:")).count(), lines.toString());
    }

    @Test
    void jsonListsFindingsSkippedFilesAndASummary() {
        JsonObject doc = json();
        JsonArray findings = doc.getAsJsonArray("findings");
        assertEquals(2, findings.size());
        assertEquals(16, findings.get(0).getAsJsonObject().get("fingerprint").getAsString().length());
        JsonArray skipped = doc.getAsJsonArray("skipped");
        assertEquals(1, skipped.size());
        assertEquals(broken.toString(), skipped.get(0).getAsJsonObject().get("file").getAsString());
        assertTrue(skipped.get(0).getAsJsonObject().get("reason").getAsString().startsWith("syntax error at line 1"));
        assertEquals(0, doc.getAsJsonArray("partial").size());
        assertEquals(3, doc.getAsJsonObject("summary").get("files").getAsInt());
    }

    @Test
    void jsonLinesIsOneTypedObjectPerLine() {
        List<String> lines = check("--format", "json-lines").outLines();
        List<String> types = new ArrayList<>();
        for (String l : lines) {
            types.add(JsonParser.parseString(l).getAsJsonObject().get("type").getAsString());
        }
        assertEquals(List.of("finding", "finding", "skipped", "summary"), types);
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals("MEM201", first.get("code").getAsString());
        assertEquals(1, first.get("line").getAsInt());
    }

    /**
     * GitHub's workflow command syntax: {@code ::command key=value,key=value::message} on one line; in values
     * '%', CR, LF, ':' and ',' are %-escaped, in the message '%', CR and LF.
     */
    static final Pattern WORKFLOW_COMMAND = Pattern.compile(
            "::(error|warning|notice)( (file|line|col|endLine|endColumn|title)=[^,:\\r\\n]*"
                    + "(,(file|line|col|endLine|endColumn|title)=[^,:\\r\\n]*)*)?::[^\\r\\n]*");
    private static final Pattern BARE_PERCENT = Pattern.compile("%(?!25|0D|0A|3A|2C)");

    @Test
    void githubPrintsWorkflowCommands() {
        List<String> lines = check("--format", "github").outLines();
        assertEquals(3, lines.size(), lines.toString());
        for (String l : lines) {
            assertTrue(WORKFLOW_COMMAND.matcher(l).matches(), "not a workflow command: " + l);
            assertFalse(BARE_PERCENT.matcher(l).find(), "unescaped %: " + l);
        }
        assertTrue(lines.get(0).startsWith("::warning file=" + buggy.toString().replace('\\', '/')
                + ",line=1,col=16,endLine=1,endColumn=18,title=MEM201 mutable-default-argument::"), lines.get(0));
        assertTrue(lines.get(2).startsWith("::error file=" + broken.toString().replace('\\', '/')
                + ",title=MemLens%3A file skipped::syntax error at line 1"), lines.get(2));
    }

    @Test
    void githubEscapesWhatWouldEndAValueOrTheLine() {
        assertEquals("50%25 done%0Anext", GithubReport.data("50% done\nnext"));
        assertEquals("a%3A b%2C c%0D", GithubReport.property("a: b, c\r"));
    }

    @Test
    void gitlabIssuesHaveTheCodeQualityFields() {
        JsonArray issues = JsonParser.parseString(check("--format", "gitlab").out()).getAsJsonArray();
        assertEquals(3, issues.size());
        Set<String> fingerprints = new HashSet<>();
        for (JsonElement e : issues) {
            JsonObject o = e.getAsJsonObject();
            for (String field : List.of("description", "check_name", "fingerprint", "severity")) {
                assertTrue(o.has(field), field + " missing: " + o);
            }
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(o.get("severity").getAsString()));
            assertTrue(o.getAsJsonObject("location").getAsJsonObject("lines").get("begin").getAsInt() >= 1);
            fingerprints.add(o.get("fingerprint").getAsString());
        }
        assertEquals(3, fingerprints.size(), "fingerprints are unique");
        assertEquals("memlens/skipped", issues.get(2).getAsJsonObject().get("check_name").getAsString());
    }

    @Test
    void junitIsWellFormedWithAFailurePerFindingAndASkippedFile() throws Exception {
        String xml = check("--format", "junit").out();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("skipped"));
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(2, failures.getLength());
        assertEquals("MEM201", ((Element) failures.item(0)).getAttribute("type"));
        assertEquals(3, doc.getElementsByTagName("testsuite").getLength());
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
    }

    @Test
    void statisticsCountByRule() throws Exception {
        Cli.write(dir.resolve("d.py"), BUGGY);
        Cli.Run r = check("--statistics");
        assertEquals(List.of("     2  MEM201  mutable-default-argument", "     2  MEM301  identity-comparison-with-literal",
                "     1  files skipped (unreadable or not parsing)"), r.outLines(), r.toString());
        JsonArray stats = JsonParser.parseString(check("--statistics", "--format", "json").out()).getAsJsonArray();
        assertEquals(2, stats.get(0).getAsJsonObject().get("count").getAsInt());
    }

    @Test
    void informationFindingsDoNotFailByDefault() throws Exception {
        Path only = writeOther("shadow.py", SHADOW);
        Cli.Run off = Cli.run("check", "--no-cache", only.toString());
        assertEquals(ExitCodes.OK, off.exit(), "MEM402 is off by default: " + off);
        assertEquals("", off.out());
        Cli.Run on = Cli.run("check", "--no-cache", "--select", "MEM402", "--format", "concise", only.toString());
        assertTrue(on.out().contains("MEM402"), on.toString());
        assertTrue(on.out().contains("[information]"), on.toString());
        assertEquals(ExitCodes.OK, on.exit(), "information is below the default fail level: " + on);
        assertEquals(ExitCodes.PROBLEMS, Cli.run("check", "--no-cache", "--select", "MEM402", "--fail-level",
                "information", only.toString()).exit());
    }

    private Path writeOther(String name, String text) throws Exception {
        return Cli.write(dir.resolve("other").resolve(name), text);
    }

    @Test
    void failLevelAndExitZero() throws Exception {
        Path a = writeOther("warn.py", BUGGY);
        assertEquals(ExitCodes.PROBLEMS, Cli.run("check", "--no-cache", a.toString()).exit());
        assertEquals(ExitCodes.OK, Cli.run("check", "--no-cache", "--fail-level", "error", a.toString()).exit());
        assertEquals(ExitCodes.OK, Cli.run("check", "--no-cache", "--exit-zero", dir.toString()).exit(),
                "--exit-zero: findings and a skipped file");
        assertEquals(ExitCodes.USAGE, Cli.run("check", "--fail-level", "loud", a.toString()).exit());
        assertEquals(ExitCodes.USAGE, Cli.run("check", "--format", "xml", a.toString()).exit());
    }

    @Test
    void findingsComeOutInFileOrderWhateverTheThreads() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // files of very different sizes finish out of order on two threads
            String name = String.format("many/m%02d.py", i);
            String body = "x = 1\n".repeat(i % 7 == 0 ? 3000 : 1) + "z = x is 'a'\n";
            Path f = Cli.write(dir.resolve(name), body);
            expected.add(f.toString());
        }
        Cli.Run r = Cli.run("check", "--no-cache", "--threads", "2", "--format", "concise",
                dir.resolve("many").toString());
        List<String> files = r.outLines().stream().map(l -> l.substring(0, l.indexOf(".py:") + 3)).toList();
        assertEquals(expected, files);
    }
}
