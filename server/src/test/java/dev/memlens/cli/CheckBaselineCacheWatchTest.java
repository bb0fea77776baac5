package dev.memlens.cli;

import com.google.gson.JsonParser;
import dev.memlens.rules.Checker;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.config.ConfigFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --baseline}, the result cache and {@code --watch}. */
class CheckBaselineCacheWatchTest {
    @TempDir
    Path dir;

    static final String BUGGY = CheckFormatsTest.BUGGY;

    @Test
    void aBaselineIsWrittenOnceAndThenHidesWhatItLists() throws Exception {
        Path a = Cli.write(dir.resolve("src/a.py"), BUGGY);
        Path baseline = dir.resolve("memlens-baseline.json");
        Cli.Run first = Cli.run("check", "--no-cache", "--baseline", baseline.toString(), dir.resolve("src").toString());
        assertEquals(ExitCodes.OK, first.exit(), first.toString());
        assertTrue(first.err().contains("wrote 2 findings to the baseline"), first.err());
        var listed = JsonParser.parseString(Files.readString(baseline)).getAsJsonObject().getAsJsonArray("findings");
        assertEquals("src/a.py", listed.get(0).getAsJsonObject().get("file").getAsString());

        Cli.Run again = Cli.run("check", "--no-cache", "--baseline", baseline.toString(), dir.resolve("src").toString());
        assertEquals(ExitCodes.OK, again.exit(), again.toString());
        assertEquals("", again.out());
        assertTrue(again.err().contains("0 findings (2 more in the baseline)"), again.err());

        // lines above move: still the same findings; a new one is reported
        Files.writeString(a, "import os\n\n" + BUGGY + "w = y is 'b'\n");
        Cli.Run moved = Cli.run("check", "--no-cache", "--format", "concise", "--baseline", baseline.toString(),
                dir.resolve("src").toString());
        assertEquals(ExitCodes.PROBLEMS, moved.exit(), moved.toString());
        assertEquals(1, moved.outLines().size(), moved.toString());
        assertTrue(moved.out().contains("a.py:9:5: MEM301"), moved.out());

        Cli.Run update = Cli.run("check", "--no-cache", "--baseline", baseline.toString(), "--update-baseline",
                dir.resolve("src").toString());
        assertEquals(ExitCodes.OK, update.exit(), update.toString());
        assertTrue(update.err().contains("wrote 3 findings"), update.err());
        Files.writeString(baseline, "{ not json");
        assertEquals(ExitCodes.USAGE, Cli.run("check", "--no-cache", "--baseline", baseline.toString(),
                a.toString()).exit());
    }

    private static CheckEngine engine(ResultCache cache) {
        return new CheckEngine(new Checker(RuleRegistry.all()), new ConfigFinder(), s -> s).withCache(cache);
    }

    private static List<Path> entries(Path cache) throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    @Test
    void theCacheAnswersForUnchangedContentAndOnlyForIt() throws Exception {
        Path a = Cli.write(dir.resolve("a.py"), BUGGY);
        Path cacheDir = dir.resolve("cache");
        ResultCache first = ResultCache.in(cacheDir, "test-build");
        CheckEngine.FileResult fresh = engine(first).check(a, false, false);
        assertEquals(1, first.writes());
        assertEquals(1, entries(cacheDir).size());
        assertTrue(Files.readString(cacheDir.resolve(".gitignore")).contains("*"));

        ResultCache second = ResultCache.in(cacheDir, "test-build");
        CheckEngine.FileResult cached = engine(second).check(a, false, false);
        assertEquals(1, second.hits());
        assertEquals(fresh.findings(), cached.findings());
        assertEquals(fresh.text(), cached.text());

        // another build, other settings, other content: misses
        ResultCache otherBuild = ResultCache.in(cacheDir, "other-build");
        engine(otherBuild).check(a, false, false);
        assertEquals(0, otherBuild.hits());
        ResultCache same = ResultCache.in(cacheDir, "test-build");
        assertFalse(same.key(Files.readAllBytes(a), RuleSettings.DEFAULT).equals(
                same.key(Files.readAllBytes(a), RuleSettings.DEFAULT.withSelect(List.of("MEM1")))));
        Files.writeString(a, BUGGY + "w = 1\n");
        ResultCache edited = ResultCache.in(cacheDir, "test-build");
        engine(edited).check(a, false, false);
        assertEquals(0, edited.hits());
    }

    @Test
    void aCorruptEntryIsIgnoredAndWrittenAgain() throws Exception {
        Path a = Cli.write(dir.resolve("a.py"), BUGGY);
        Path cacheDir = dir.resolve("cache");
        CheckEngine.FileResult fresh = engine(ResultCache.in(cacheDir, "b")).check(a, false, false);
        Path entry = entries(cacheDir).get(0);
        for (String damage : List.of("{\"format\": 1, \"findings\": [", "", "[1, 2]",
                "{\"format\":1,\"parsed\":true,\"problems\":[],\"partials\":[],\"findings\":[{\"code\":\"MEM101\"}]}")) {
            Files.writeString(entry, damage);
            ResultCache c = ResultCache.in(cacheDir, "b");
            CheckEngine.FileResult r = engine(c).check(a, false, false);
            assertEquals(0, c.hits(), damage);
            assertEquals(fresh.findings(), r.findings(), damage);
            assertEquals(1, c.writes(), "rewritten: " + damage);
        }
        assertNotNull(JsonParser.parseString(Files.readString(entry)).getAsJsonObject().get("findings"));
    }

    @Test
    void concurrentRunsShareOneCacheSafely() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            files.add(Cli.write(dir.resolve("src/f" + i + ".py"), BUGGY + "v" + i + " = [" + i + "]\n"));
        }
        Path cacheDir = dir.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                Callable<String> run = () -> Cli.run("check", "--cache-dir", cacheDir.toString(), "--format",
                        "concise", dir.resolve("src").toString()).out();
                runs.add(pool.submit(run));
            }
            String expected = Cli.run("check", "--no-cache", "--format", "concise", dir.resolve("src").toString()).out();
            for (Future<String> f : runs) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(30, entries(cacheDir).size());
        try (Stream<Path> s = Files.walk(cacheDir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no half-written entries left");
        }
        String warm = Cli.run("check", "--cache-dir", cacheDir.toString(), "--format", "concise",
                dir.resolve("src").toString()).out();
        assertEquals(Cli.run("check", "--no-cache", "--format", "concise", dir.resolve("src").toString()).out(), warm);
    }

    @Test
    void theDefaultCacheSitsBesideTheNearestPyproject() throws Exception {
        Cli.write(dir.resolve("proj/pyproject.toml"), "[project]\nname = \"x\"\n");
        Files.createDirectories(dir.resolve("proj/pkg/sub"));
        assertEquals(dir.resolve("proj/.memlens_cache").toAbsolutePath(),
                ResultCache.defaultDir(dir.resolve("proj/pkg/sub")));
        assertEquals(dir.resolve("lonely/.memlens_cache").toAbsolutePath(), ResultCache.defaultDir(dir.resolve("lonely")));
    }

    @Test
    void watchChecksAgainWhatChanges() throws Exception {
        Path a = Cli.write(dir.resolve("w/a.py"), "x = [1]\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread watcher = new Thread(() -> Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("check", "--no-cache", "--watch", "--format", "concise", dir.resolve("w").toString()));
        watcher.start();
        try {
            awaitText(err, "watching 1 files");
            assertEquals("", out.toString());
            Files.writeString(a, "x = [1]\nz = x is 'a'\n", StandardCharsets.UTF_8);
            awaitText(out, "a.py:2:5: MEM301");
            Cli.write(dir.resolve("w/b.py"), "def f(items=[]):\n    items.append(1)\n");
            awaitText(out, "b.py:1:13: MEM201");
            assertFalse(out.toString().substring(out.toString().indexOf("MEM201")).contains("a.py"),
                    "only the changed file is checked again: " + out);
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertFalse(watcher.isAlive(), "an interrupt ends the watch");
    }

    private static void awaitText(StringWriter w, String text) throws InterruptedException {
        for (int i = 0; i < 600 && !w.toString().contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(w.toString().contains(text), "waited 60 s for '" + text + "', got:\n" + w);
    }

    @Test
    void anUnchangedFileIsFoundByItsStatWithoutHashingAndAChangedOneIsNot() throws Exception {
        Path a = Cli.write(dir.resolve("a.py"), BUGGY);
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path cacheDir = dir.resolve("cache");
        CheckEngine.FileResult fresh = engine(ResultCache.in(cacheDir, "b")).check(a, false, false);
        ResultCache warm = ResultCache.in(cacheDir, "b");
        ResultCache.Stat stat = ResultCache.Stat.of(a);
        assertNotNull(warm.keyByStat(a, RuleSettings.DEFAULT, stat), "the path's stat was remembered");
        CheckEngine.FileResult cached = engine(warm).check(a, false, false);
        assertEquals(1, warm.hits());
        assertEquals(fresh.findings(), cached.findings());
        assertEquals(fresh.text(), cached.text(), "the text is read to place the findings");

        // same size, other content, other time: the stat no longer matches, the content is hashed again
        Files.writeString(a, BUGGY.replace("'a'", "'b'"));
        assertNull(warm.keyByStat(a, RuleSettings.DEFAULT, ResultCache.Stat.of(a)));
        CheckEngine.FileResult changed = engine(ResultCache.in(cacheDir, "b")).check(a, false, false);
        assertTrue(changed.text().contains("'b'"), changed.text());
        // modified a moment ago: not remembered (it could change again within the same clock tick)
        assertNull(ResultCache.in(cacheDir, "b").keyByStat(a, RuleSettings.DEFAULT, ResultCache.Stat.of(a)));
    }

    @Test
    void noCacheMeansNothingIsWritten() throws Exception {
        Path a = Cli.write(dir.resolve("a.py"), BUGGY);
        Path cacheDir = dir.resolve("cache");
        Cli.run("check", "--no-cache", "--cache-dir", cacheDir.toString(), a.toString());
        assertFalse(Files.exists(cacheDir));
        Cli.run("check", "--cache-dir", cacheDir.toString(), a.toString());
        assertTrue(Files.exists(cacheDir));
        assertNull(ResultCache.NONE.key(new byte[0], RuleSettings.DEFAULT));
    }
}
