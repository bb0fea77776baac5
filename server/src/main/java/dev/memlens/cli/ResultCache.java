package dev.memlens.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Fix;
import dev.memlens.rules.FixSafety;
import dev.memlens.rules.Related;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.Severity;
import dev.memlens.rules.TextEdit;
import dev.memlens.syntax.SourceDecoder;
import dev.memlens.syntax.ast.Span;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code memlens check}'s results per file, on disk: one small JSON file per entry, named by the SHA-256 of the
 * MemLens build, the file's effective rule configuration and its bytes, so an entry is right for every file with
 * that content and configuration wherever it lives, and never for anything else. Entries are written to a
 * temporary file and renamed into place, so a concurrent run sees a whole entry or none; an entry that cannot be
 * read or parsed is a miss, and is written again.
 */
class ResultCache {

    /** The cache that has nothing and keeps nothing ({@code --no-cache}). */
    static final ResultCache NONE = new ResultCache(null, "") {
        @Override
        Key key(byte[] bytes, RuleSettings settings, String variant) {
            return null;
        }
    };

    static final String DIR_NAME = ".memlens_cache";
    private static final long PROCESS = ProcessHandle.current().pid();
    private static final int FORMAT = 1;
    private static final Gson GSON = new Gson();

    /** An entry's name. */
    record Key(String hex) {
    }

    private final Path dir;
    private final String build;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile String writeProblem;
    /** Directories this run made or found (a fresh cache's first run writes two entries per file). */
    private final Set<Path> madeDirs = ConcurrentHashMap.newKeySet();
    /** Names this run's temporary files apart from each other; the process id apart from other runs'. */
    private final AtomicLong temporaries = new AtomicLong();
    private volatile boolean markersWritten;

    private ResultCache(Path dir, String build) {
        this.dir = dir;
        this.build = build;
    }

    /** A cache in {@code dir} (created on first write) for results of this MemLens build. */
    static ResultCache in(Path dir, String build) {
        return new ResultCache(dir, build);
    }

    /**
     * Where the cache goes when none is named: {@value #DIR_NAME} beside the nearest pyproject.toml at or above
     * {@code cwd}, else in {@code cwd}.
     */
    static Path defaultDir(Path cwd) {
        Path abs = cwd.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pyproject.toml"))) {
                return p.resolve(DIR_NAME);
            }
        }
        return abs.resolve(DIR_NAME);
    }

    /**
     * What tells one build of MemLens from another: its version and, when it runs from a jar, the jar's size and
     * time (a rebuilt jar of the same version may check differently).
     */
    static String thisBuild() {
        String stamp = "";
        try {
            Path jar = Path.of(ResultCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                stamp = Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
            }
        } catch (Exception e) {
            stamp = "unknown";
        }
        return ManifestVersion.version() + "/" + stamp;
    }

    int hits() {
        return hits.get();
    }

    int writes() {
        return writes.get();
    }

    /** The first reason an entry could not be written, or null. */
    String writeProblem() {
        return writeProblem;
    }

    Key key(byte[] bytes, RuleSettings settings) {
        return key(bytes, settings, "");
    }

    /**
     * The key of a file's entry. {@code variant} is what else decides the result besides the rules (the file's
     * target Python version), so a change of it is a miss.
     */
    Key key(byte[] bytes, RuleSettings settings, String variant) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String header = "memlens-cache " + FORMAT + "\n" + build + "\n" + canonical(settings) + variant + "\n";
        sha.update(header.getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
        return new Key(HexFormat.of().formatHex(sha.digest()));
    }

    /** A file's size and modification time, taken before its bytes are read. */
    record Stat(long size, long modifiedMillis) {
        static Stat of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stat(a.size(), a.lastModifiedTime().toMillis());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * A file modified this recently may change again within the same clock tick without changing its size, so its
     * stat says nothing (git's "racily clean" files): such a file is always read and hashed.
     */
    private static final long RACY_MILLIS = 3_000;

    /**
     * The content key last seen for this path with this size and modification time, or null. This saves reading
     * and hashing unchanged files on a warm run; the entry itself stays keyed by content.
     */
    Key keyByStat(Path path, RuleSettings settings, Stat stat) {
        return keyByStat(path, settings, "", stat);
    }

    Key keyByStat(Path path, RuleSettings settings, String variant, Stat stat) {
        if (dir == null || stat == null) {
            return null;
        }
        try {
            String[] parts = Files.readString(statFile(path, settings, variant), StandardCharsets.UTF_8).strip().split(" ");
            if (parts.length == 3 && Long.parseLong(parts[0]) == stat.size()
                    && Long.parseLong(parts[1]) == stat.modifiedMillis() && parts[2].length() == 64) {
                return new Key(parts[2]);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Remembers which content key this path had at {@code stat} (not for files modified a moment ago). */
    void rememberStat(Path path, RuleSettings settings, String variant, Stat stat, Key key) {
        if (dir == null || stat == null || System.currentTimeMillis() - stat.modifiedMillis() < RACY_MILLIS) {
            return;
        }
        write(statFile(path, settings, variant), stat.size() + " " + stat.modifiedMillis() + " " + key.hex() + "\n");
    }

    private Path statFile(Path path, RuleSettings settings, String variant) {
        String hex = CheckedFile.sha256("memlens-stat " + FORMAT + "\n" + build + "\n" + canonical(settings) + variant
                + "\n"
                + path.toAbsolutePath().normalize());
        return dir.resolve("paths").resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".txt");
    }

    /** The configuration in a form that does not depend on the order it was written in. */
    static String canonical(RuleSettings s) {
        Map<String, String> severities = new TreeMap<>();
        s.severities().forEach((k, v) -> severities.put(k, v.label()));
        return "select=" + new TreeSet<>(s.select()) + " ignore=" + new TreeSet<>(s.ignore()) + " severity="
                + severities;
    }

    private Path file(Key key) {
        return dir.resolve(key.hex().substring(0, 2)).resolve(key.hex().substring(2) + ".json");
    }

    /** The cached result for a file with these bytes, or null. */
    CheckEngine.FileResult get(Key key, Path path, byte[] bytes) {
        return get(key, path, () -> bytes);
    }

    /** The cached result, reading the file's bytes only if its findings need the text; null when there is none. */
    CheckEngine.FileResult get(Key key, Path path, Supplier<byte[]> bytes) {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file(key), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            CheckEngine.FileResult r = decode(o, path, bytes);
            hits.incrementAndGet();
            return r;
        } catch (RuntimeException e) {
            return null; // a damaged or foreign entry: analyze again, and the entry is rewritten
        }
    }

    void put(Key key, CheckEngine.FileResult r) {
        write(file(key), GSON.toJson(encode(r)));
    }

    private void write(Path target, String content) {
        try {
            Path parent = target.getParent();
            if (madeDirs.add(parent)) {
                Files.createDirectories(parent);
            }
            writeMarkers();
            // a name no other live writer uses (this process's id and a counter; a dead process's leftover of
            // the same name is overwritten): cheaper than Files.createTempFile's random names and permission
            // attributes, twice per file on a first run
            Path tmp = parent.resolve(PROCESS + "-" + temporaries.incrementAndGet() + ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            writes.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            if (writeProblem == null) {
                writeProblem = "cannot write the cache in " + dir + ": " + SourceFiles.reason(e);
            }
        }
    }

    /** A cache directory ignores itself in git, and says what it is to backup tools (CACHEDIR.TAG). */
    private void writeMarkers() throws IOException {
        if (markersWritten) {
            return;
        }
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            Files.writeString(ignore, "# made by memlens check\n*\n");
            Files.writeString(dir.resolve("CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n"
                    + "# memlens check's result cache; delete it freely.\n");
        }
        markersWritten = true;
    }

    private static JsonObject encode(CheckEngine.FileResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("parsed", r.parsed());
        if (r.skipped() != null) {
            o.addProperty("skipped", r.skipped());
        }
        // the same content may be checked again under another path: problems are kept without theirs
        JsonArray problems = new JsonArray();
        String prefix = r.path() + ": ";
        for (String p : r.problems()) {
            problems.add(p.startsWith(prefix) ? p.substring(prefix.length()) : p);
        }
        o.add("problems", problems);
        JsonArray partials = new JsonArray();
        for (PartialAnalysis p : r.partials()) {
            JsonObject po = new JsonObject();
            po.addProperty("scope", p.scope());
            po.addProperty("line", p.line());
            po.addProperty("cause", p.cause().name());
            po.addProperty("detail", p.detail());
            partials.add(po);
        }
        o.add("partials", partials);
        JsonArray findings = new JsonArray();
        for (Finding f : r.findings()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("code", f.code());
            fo.addProperty("name", f.name());
            fo.addProperty("severity", f.severity().name());
            fo.add("span", span(f.span()));
            fo.addProperty("message", f.message());
            JsonArray related = new JsonArray();
            for (Related rel : f.related()) {
                JsonObject ro = new JsonObject();
                ro.add("span", span(rel.span()));
                ro.addProperty("message", rel.message());
                related.add(ro);
            }
            fo.add("related", related);
            JsonArray fixes = new JsonArray();
            for (Fix x : f.fixes()) {
                JsonObject xo = new JsonObject();
                xo.addProperty("title", x.title());
                xo.addProperty("safety", x.safety().name());
                xo.addProperty("preferred", x.preferred());
                JsonArray edits = new JsonArray();
                for (TextEdit e : x.edits()) {
                    JsonArray eo = new JsonArray();
                    eo.add(e.start());
                    eo.add(e.end());
                    eo.add(e.replacement());
                    edits.add(eo);
                }
                xo.add("edits", edits);
                fixes.add(xo);
            }
            fo.add("fixes", fixes);
            findings.add(fo);
        }
        o.add("findings", findings);
        return o;
    }

    private static JsonArray span(Span s) {
        JsonArray a = new JsonArray();
        a.add(s.start());
        a.add(s.end());
        return a;
    }

    private static Span span(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        return new Span(a.get(0).getAsInt(), a.get(1).getAsInt());
    }

    private static CheckEngine.FileResult decode(JsonObject o, Path path, Supplier<byte[]> bytes) {
        if (o.get("format").getAsInt() != FORMAT) {
            throw new IllegalArgumentException("another format");
        }
        List<String> problems = new ArrayList<>();
        for (JsonElement p : o.getAsJsonArray("problems")) {
            problems.add(path + ": " + p.getAsString());
        }
        List<PartialAnalysis> partials = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("partials")) {
            JsonObject p = e.getAsJsonObject();
            partials.add(new PartialAnalysis(p.get("scope").getAsString(), p.get("line").getAsInt(),
                    PartialAnalysis.Cause.valueOf(p.get("cause").getAsString()), p.get("detail").getAsString()));
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            List<Related> related = new ArrayList<>();
            for (JsonElement r : f.getAsJsonArray("related")) {
                JsonObject ro = r.getAsJsonObject();
                related.add(new Related(span(ro.get("span")), ro.get("message").getAsString()));
            }
            List<Fix> fixes = new ArrayList<>();
            for (JsonElement x : f.getAsJsonArray("fixes")) {
                JsonObject xo = x.getAsJsonObject();
                List<TextEdit> edits = new ArrayList<>();
                for (JsonElement ed : xo.getAsJsonArray("edits")) {
                    JsonArray a = ed.getAsJsonArray();
                    edits.add(new TextEdit(a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsString()));
                }
                fixes.add(new Fix(xo.get("title").getAsString(), FixSafety.valueOf(xo.get("safety").getAsString()),
                        xo.get("preferred").getAsBoolean(), edits));
            }
            findings.add(new Finding(f.get("code").getAsString(), f.get("name").getAsString(),
                    Severity.valueOf(f.get("severity").getAsString()), span(f.get("span")),
                    f.get("message").getAsString(), related, fixes));
        }
        // the text is only needed to place findings; decoding every unchanged file would cost a warm run dearly
        String text = findings.isEmpty() ? "" : SourceDecoder.decode(bytes.get()).text();
        if (!findings.isEmpty() && findings.get(findings.size() - 1).span().end() > text.length()) {
            throw new IllegalArgumentException("an entry for another text");
        }
        String skipped = o.has("skipped") ? o.get("skipped").getAsString() : null;
        return new CheckEngine.FileResult(path, text, findings, problems, 0, o.get("parsed").getAsBoolean(), skipped,
                partials);
    }
}
