package dev.memlens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleSettings;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintLabelPart;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real analysis through the protocol, with the client initialized as VS Code does: the seed tour and rule
 * fixtures give diagnostics, every hint kind, hovers, quick fixes whose edits are applied and re-checked, the
 * object graph and the rule explanations.
 */
class EditorFeaturesTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String SEED_URI = "file:///tmp/ws/seed_tour.py";

    private static String read(String relative) {
        try {
            return Files.readString(REPO.resolve(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server under test: in-process here; the built jar over stdio in {@link EditorFeaturesIT}. */
    LspSession newSession() {
        return new LspSession();
    }

    private LspSession vscode() {
        LspSession s = newSession();
        s.initialize("vscode-initialize.json");
        return s;
    }

    static List<Diagnostic> pull(LspSession s, String uri) {
        return LspSession.get(s.remote.getTextDocumentService().diagnostic(
                new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))))
                .getRelatedFullDocumentDiagnosticReport().getItems();
    }

    static List<InlayHint> hints(LspSession s, String uri) {
        List<InlayHint> raw = LspSession.get(s.remote.getTextDocumentService().inlayHint(new InlayHintParams(
                new TextDocumentIdentifier(uri), new Range(new Position(0, 0), new Position(10_000, 0)))));
        List<InlayHint> out = new ArrayList<>();
        for (InlayHint h : raw) {
            out.add(h.getData() == null ? h : LspSession.get(s.remote.getTextDocumentService().resolveInlayHint(h)));
        }
        return out;
    }

    private static String label(InlayHint h) {
        StringBuilder sb = new StringBuilder();
        for (InlayHintLabelPart p : h.getLabel().getRight()) {
            assertFalse(p.getValue().isEmpty(), "no empty label part");
            sb.append(p.getValue());
        }
        assertTrue(sb.length() > 0 && sb.length() <= 40, "short label: " + sb);
        return sb.toString();
    }

    /** "line:label" for each hint, lines one-based as in the editor. */
    static List<String> described(List<InlayHint> hints) {
        return hints.stream().map(h -> (h.getPosition().getLine() + 1) + ":" + label(h)).toList();
    }

    static String hover(LspSession s, String uri, int line, int character) {
        Hover h = LspSession.get(s.remote.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier(uri), new Position(line, character))));
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void theSeedTourShowsEveryHintKind() {
        try (LspSession s = vscode()) {
            s.open(SEED_URI, read("examples/seed_tour.py"));
            List<String> hints = described(hints(s, SEED_URI));
            assertTrue(hints.contains("42:True: small-int cache"), hints.toString());
            assertTrue(hints.contains("47:True: interned string"), hints.toString());
            assertTrue(hints.contains("59:prints 2"), hints.toString());
            assertTrue(hints.contains("67:shallow: shares 1 mutable item"), hints.toString());
            assertTrue(hints.contains("69:also changes original[1]"), hints.toString());
            assertTrue(hints.contains("73:deep: shares nothing"), hints.toString());
            assertFalse(hints.stream().anyMatch(h -> h.startsWith("11:≡")), "ints get no alias hint: " + hints);
        }
    }

    @Test
    void aliasHintsLinkTheNamesAndRefcountsShowWhereAliased() {
        String uri = "file:///tmp/ws/alias.py";
        try (LspSession s = vscode()) {
            s.open(uri, "x = [1, 2]\nn = 5\nm = n\ny = x\ny.append(3)\n");
            List<InlayHint> all = hints(s, uri);
            List<String> hints = described(all);
            assertEquals(List.of("4:≡ x", "4:refs: 2", "5:also changes x"), hints);
            InlayHintLabelPart x = all.get(0).getLabel().getRight().get(1);
            assertEquals(new Range(new Position(0, 0), new Position(0, 1)), x.getLocation().getRange(),
                    "x links to where it was bound");
            assertTrue(x.getTooltip().getRight().getValue().contains("**one** list"),
                    x.getTooltip().getRight().getValue());

            s.changeSettings("{\"hints\":{\"refcount\":\"all\"}}");
            List<String> more = described(hints(s, uri));
            assertTrue(more.contains("1:refs: 1") && more.contains("2:refs: immortal"), more.toString());
        }
    }

    @Test
    void settingsTurnEachHintKindOff() {
        try (LspSession s = vscode()) {
            s.open(SEED_URI, read("examples/seed_tour.py"));
            assertFalse(hints(s, SEED_URI).isEmpty());
            String[][] kinds = {{"copyDepth", "shallow:"}, {"mutation", "also changes"}, {"identity", "True:"}};
            StringBuilder off = new StringBuilder();
            for (String[] kind : kinds) {
                off.append(off.length() == 0 ? "" : ",").append('"').append(kind[0]).append("\":false");
                s.changeSettings("{\"hints\":{" + off + "}}");
                List<String> hints = described(hints(s, SEED_URI));
                assertTrue(hints.stream().noneMatch(h -> h.contains(kind[1])), kind[0] + ": " + hints);
            }
            s.changeSettings("{\"hints\":{" + off + ",\"refcount\":\"off\"}}");
            assertEquals(List.of(), described(hints(s, SEED_URI)));
        }
    }

    @Test
    void hoversExplainTheSeedsAssignments() {
        try (LspSession s = vscode()) {
            s.open(SEED_URI, read("examples/seed_tour.py"));
            String y = hover(s, SEED_URI, 10, 0);
            assertTrue(y.contains("Binds `y` to the same `int` as `x` (line 10)"), y);
            assertTrue(y.contains("module global"), y);
            String nums = hover(s, SEED_URI, 30, 0);
            assertTrue(nums.contains("Binds `nums` to a new `list` created here."), nums);
            assertTrue(nums.contains("`sys.getrefcount(nums)` prints 2"), nums);
            String shallow = hover(s, SEED_URI, 66, 0);
            assertTrue(shallow.contains("**shallow** copy that shares 1 mutable item"), shallow);
            String append = hover(s, SEED_URI, 33, 6);
            assertTrue(append.contains("Changes an object **in place**"), append);
            String inFunction = hover(s, SEED_URI, 83, 4);
            assertTrue(inFunction.contains("local variable of `modify` (shadows the global `x`)"), inFunction);
            String rule = hover(s, SEED_URI, 68, 2);
            assertTrue(rule.contains("**MEM101** shallow-copy-shares-nested"), rule);
        }
        String uri = "file:///tmp/ws/alias.py";
        try (LspSession s = vscode()) {
            s.open(uri, "x = [1, 2]\ny = x\n");
            String y = hover(s, uri, 1, 0);
            assertTrue(y.contains("Binds `y` to the same `list` as `x` (line 1). No copy is made: changes through `y`"
                    + " are seen through `x`. References: `x`, `y`."), y);
            assertTrue(y.contains("x ─┐\ny ─┴─▶ list, line 1"), y);
        }
    }

    @Test
    void ruleDiagnosticsCarryCodeLinkRelatedAndFix() {
        try (LspSession s = vscode()) {
            s.open(SEED_URI, read("examples/seed_tour.py"));
            List<Diagnostic> ds = pull(s, SEED_URI);
            Diagnostic d = ds.stream().filter(x -> "MEM101".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            assertEquals("memlens", d.getSource());
            assertEquals(68, d.getRange().getStart().getLine());
            assertNull(d.getCodeDescription(), "no documentation site unless memlens.docs.baseUrl names one");
            assertNotNull(d.getRelatedInformation(), "the other side of the sharing");
            assertFalse(d.getRelatedInformation().isEmpty());
            JsonObject data = (JsonObject) d.getData();
            assertEquals("MEM101", data.get("rule").getAsString());
            assertTrue(data.get("fixes").getAsString().contains("deepcopy"));

            s.changeSettings("{\"docs\":{\"baseUrl\":\"https://git.example.org/memlens/blob/main/docs/rules\"}}");
            Diagnostic linked = pull(s, SEED_URI).stream().filter(x -> "MEM101".equals(x.getCode().getLeft()))
                    .findFirst().orElseThrow();
            assertEquals("https://git.example.org/memlens/blob/main/docs/rules/MEM101.md",
                    linked.getCodeDescription().getHref());

            s.changeSettings("{\"rules\":{\"ignore\":[\"shallow-copy-shares-nested\"]},"
                    + "\"docs\":{\"baseUrl\":\"file:///repo/docs/rules/{code}.md\"}}");
            assertTrue(pull(s, SEED_URI).stream().noneMatch(x -> "MEM101".equals(x.getCode().getLeft())));
        }
    }

    @Test
    void pyprojectToolMemlensApplies(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlens]\nignore = [\"MEM1\"]\n"
                + "severity = { MEM301 = \"error\" }\n");
        Path file = dir.resolve("pkg").resolve("m.py");
        Files.createDirectories(file.getParent());
        String text = read("server/src/test/resources/fixtures/rules/MEM103.py") + "\nx = 1000\nprint(x is 1000)\n";
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        try (LspSession s = vscode()) {
            s.open(uri, text);
            List<Diagnostic> ds = pull(s, uri);
            assertTrue(ds.stream().noneMatch(x -> x.getCode().getLeft().startsWith("MEM1")), ds.toString());
            Diagnostic is = ds.stream().filter(x -> "MEM301".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Error, is.getSeverity());

            // the user edits pyproject.toml: the client watches it for the server, which analyzes again
            Await.condition("pyproject.toml watcher registered", () -> s.client.registrations.stream()
                    .flatMap(r -> r.getRegistrations().stream())
                    .anyMatch(r -> r.getMethod().equals("workspace/didChangeWatchedFiles")
                            && r.getRegisterOptions().toString().contains("pyproject.toml")));
            Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlens]\nignore = [\"MEM301\"]\n");
            s.remote.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                    List.of(new org.eclipse.lsp4j.FileEvent(dir.resolve("pyproject.toml").toUri().toString(),
                            org.eclipse.lsp4j.FileChangeType.Changed))));
            List<Diagnostic> after = pull(s, uri);
            assertTrue(after.stream().anyMatch(x -> x.getCode().getLeft().startsWith("MEM1")), after.toString());
            assertTrue(after.stream().noneMatch(x -> "MEM301".equals(x.getCode().getLeft())), after.toString());
        }
    }

    /** Every quick fix offered for every finding of a fixture: applied, it parses and the finding is gone. */
    @Test
    void quickFixesApplyAndRemoveTheirFinding() {
        for (String code : List.of("MEM103", "MEM104", "MEM301", "MEM503", "MEM101")) {
            String uri = "file:///tmp/ws/" + code + ".py";
            String text = read("server/src/test/resources/fixtures/rules/" + code + ".py");
            try (LspSession s = vscode()) {
                s.open(uri, text);
                List<Diagnostic> mine = pull(s, uri).stream()
                        .filter(d -> code.equals(d.getCode().getLeft())).toList();
                assertFalse(mine.isEmpty(), code);
                Diagnostic d = mine.get(0);
                List<CodeAction> actions = actions(s, uri, d);
                List<CodeAction> fixes = actions.stream().filter(a -> !a.getTitle().startsWith("Ignore")
                        && "quickfix".equals(a.getKind())).toList();
                assertFalse(fixes.isEmpty(), code + " offers a fix");
                for (CodeAction fix : fixes) {
                    boolean safe = !fix.getTitle().endsWith("(unsafe)");
                    assertEquals(safe, Boolean.TRUE.equals(fix.getIsPreferred()), "preferred only when safe: "
                            + fix.getTitle());
                    String after = apply(text, resolve(s, fix));
                    assertParsesWithout(after, code, d, fix.getTitle());
                }
                CodeAction ignore = actions.stream().filter(a -> a.getTitle().equals("Ignore " + code
                        + " on this line")).findFirst().orElseThrow();
                String ignored = apply(text, resolve(s, ignore));
                assertTrue(ignored.contains("# memlens: ignore[" + code + "]"), ignored);
                assertParsesWithout(ignored, code, d, ignore.getTitle());
            }
        }
    }

    @Test
    void fixAllAppliesEverySafeFix() {
        String uri = "file:///tmp/ws/fixall.py";
        String text = read("server/src/test/resources/fixtures/rules/MEM301.py");
        try (LspSession s = vscode()) {
            s.open(uri, text);
            long before = pull(s, uri).stream().filter(d -> "MEM301".equals(d.getCode().getLeft())).count();
            CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri),
                    new Range(new Position(0, 0), new Position(0, 0)), new CodeActionContext(List.of()));
            params.getContext().setOnly(List.of("source.fixAll"));
            List<Either<Command, CodeAction>> got = LspSession.get(s.remote.getTextDocumentService()
                    .codeAction(params));
            assertEquals(1, got.size(), got.toString());
            CodeAction all = got.get(0).getRight();
            assertEquals("source.fixAll.memlens", all.getKind());
            String after = apply(text, resolve(s, all));
            ParseResult parsed = SourceParser.parse(new SourceText("a.py", after));
            assertFalse(parsed.hasErrors(), after);
            long left = Checker.allDefault().check(parsed, RuleSettings.DEFAULT, p -> { }).stream()
                    .filter(f -> f.code().equals("MEM301")).count();
            assertTrue(before > 0 && left < before, before + " -> " + left);
        }
    }

    @Test
    void objectGraphAndExplainRule() {
        try (LspSession s = vscode()) {
            s.open(SEED_URI, read("examples/seed_tour.py"));
            pull(s, SEED_URI);
            JsonObject params = JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + SEED_URI + "\"},"
                    + "\"position\":{\"line\":68,\"character\":0}}").getAsJsonObject();
            JsonObject graph = LspSession.get(s.remote.objectGraph(params));
            JsonObject frame = graph.getAsJsonArray("frames").get(0).getAsJsonObject();
            assertEquals("module", frame.get("name").getAsString());
            List<String> names = new ArrayList<>();
            for (JsonElement n : frame.getAsJsonArray("names")) {
                names.add(n.getAsJsonObject().get("name").getAsString());
            }
            assertTrue(names.contains("original") && names.contains("shallow_copy"), names.toString());
            assertFalse(names.contains("deep_copy"), "not bound yet before line 69: " + names);
            java.util.Map<String, JsonObject> objects = new java.util.HashMap<>();
            for (JsonElement o : graph.getAsJsonArray("objects")) {
                assertFalse(o.getAsJsonObject().get("id").getAsString().isEmpty());
                objects.put(o.getAsJsonObject().get("id").getAsString(), o.getAsJsonObject());
            }
            // the shallow copy's picture: two outer lists, one nested list [2, 3] reached from both through [1]
            String original = only(frame, "original");
            String copy = only(frame, "shallow_copy");
            assertFalse(original.equals(copy), "a copy is a new list");
            assertEquals("[1, [2, 3], 4]", objects.get(original).get("label").getAsString());
            assertEquals("[1, [2, 3], 4]", objects.get(copy).get("label").getAsString());
            String fromOriginal = edge(graph, original, "[1]");
            assertEquals(fromOriginal, edge(graph, copy, "[1]"), "both reach the same nested list");
            assertEquals("[2, 3]", objects.get(fromOriginal).get("label").getAsString());
            assertTrue(objects.get(fromOriginal).get("shared").getAsBoolean());
            assertEquals(66, objects.get(copy).get("line").getAsInt(), "the copy was made on line 67 (0-based 66)");

            Object explained = LspSession.get(s.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("memlens.explainRule", List.of("MEM101"))));
            String md = explained instanceof JsonElement j ? j.getAsString() : (String) explained;
            assertTrue(md.startsWith("# MEM101 shallow-copy-shares-nested") && md.contains("## What it does"), md);
        }
    }

    /** The one object a name of the frame refers to. */
    private static String only(JsonObject frame, String name) {
        for (JsonElement n : frame.getAsJsonArray("names")) {
            JsonObject o = n.getAsJsonObject();
            if (o.get("name").getAsString().equals(name)) {
                assertEquals(1, o.getAsJsonArray("objects").size(), o.toString());
                assertFalse(o.get("may").getAsBoolean(), o.toString());
                return o.getAsJsonArray("objects").get(0).getAsString();
            }
        }
        throw new AssertionError("no name " + name + " in " + frame);
    }

    /** Where the certain edge with this label leaves {@code from} for. */
    private static String edge(JsonObject graph, String from, String label) {
        for (JsonElement e : graph.getAsJsonArray("edges")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("from").getAsString().equals(from) && o.get("label").getAsString().equals(label)) {
                assertFalse(o.get("may").getAsBoolean(), o.toString());
                return o.get("to").getAsString();
            }
        }
        throw new AssertionError("no edge " + label + " from " + from + " in " + graph.get("edges"));
    }

    private static List<CodeAction> actions(LspSession s, String uri, Diagnostic d) {
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(),
                new CodeActionContext(List.of(d)));
        params.getContext().setOnly(List.of("quickfix"));
        return LspSession.get(s.remote.getTextDocumentService().codeAction(params)).stream()
                .map(Either::getRight).toList();
    }

    private static WorkspaceEdit resolve(LspSession s, CodeAction action) {
        CodeAction resolved = action.getEdit() != null ? action
                : LspSession.get(s.remote.getTextDocumentService().resolveCodeAction(action));
        return resolved.getEdit();
    }

    private static void assertParsesWithout(String text, String code, Diagnostic was, String title) {
        ParseResult parsed = SourceParser.parse(new SourceText("a.py", text));
        assertFalse(parsed.hasErrors(), title + " leaves text that parses:\n" + text);
        int line = was.getRange().getStart().getLine();
        boolean still = Checker.allDefault().check(parsed, RuleSettings.DEFAULT, p -> { }).stream()
                .anyMatch(f -> f.code().equals(code) && new dev.memlens.syntax.LineMap(text)
                        .line(f.span().start()) == line);
        assertFalse(still, title + ": " + code + " still on line " + (line + 1) + ":\n" + text);
    }

    /** Applies an LSP edit (UTF-16 positions) the way an editor does: from the last edit to the first. */
    static String apply(String text, WorkspaceEdit edit) {
        List<TextEdit> edits = new ArrayList<>();
        if (edit.getDocumentChanges() != null) {
            for (var change : edit.getDocumentChanges()) {
                change.getLeft().getEdits().forEach(e -> edits.add(e.getLeft()));
            }
        } else {
            edit.getChanges().values().forEach(edits::addAll);
        }
        dev.memlens.syntax.LineMap lines = new dev.memlens.syntax.LineMap(text);
        edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : edits) {
            int start = offset(lines, e.getRange().getStart());
            int end = offset(lines, e.getRange().getEnd());
            sb.replace(start, end, e.getNewText());
        }
        return sb.toString();
    }

    private static int offset(dev.memlens.syntax.LineMap lines, Position p) {
        return new Positions(lines, dev.memlens.syntax.LineMap.Encoding.UTF16).offset(p);
    }
}
