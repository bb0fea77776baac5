package dev.memlens.rules;

import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.Parsing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fix fixtures: {@code fixes/NAME.before.py} starts with {@code # fix: MEM101 N}; applying the N-th fix of every
 * MEM101 finding must give {@code NAME.after.py} exactly, which must parse. Where python3 is present, the before
 * file must fail when run (its asserts show the bug) and the after file must pass (the bug is gone).
 */
class FixFixturesTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/rules/fixes");
    private static final Pattern HEADER = Pattern.compile("#\\s*fix:\\s*(MEM\\d+)\\s+(\\d+)");

    @TestFactory
    Stream<DynamicTest> fixes() throws IOException {
        List<Path> befores;
        try (Stream<Path> s = Files.list(DIR)) {
            befores = s.filter(p -> p.toString().endsWith(".before.py")).sorted().toList();
        }
        boolean python = dev.memlens.testing.TestSources.pythonAvailable();
        return befores.stream().map(b -> DynamicTest.dynamicTest(b.getFileName().toString(), () -> {
            String before = Files.readString(b, StandardCharsets.UTF_8);
            Path afterPath = Path.of(b.toString().replace(".before.py", ".after.py"));
            String after = Files.readString(afterPath, StandardCharsets.UTF_8);
            Matcher m = HEADER.matcher(before);
            assertTrue(m.find(), b + " lacks a `# fix: CODE N` header");
            String code = m.group(1);
            int index = Integer.parseInt(m.group(2)) - 1;
            ParseResult parsed = Parsing.parseText(b.toString(), before);
            List<Fix> chosen = new ArrayList<>();
            for (Finding f : new Checker(RuleRegistry.all()).check(parsed,
                    RuleSettings.DEFAULT.withSelect(List.of(code)), msg -> fail(msg))) {
                if (f.fixes().size() > index) {
                    chosen.add(f.fixes().get(index));
                }
            }
            assertTrue(!chosen.isEmpty(), "no " + code + " fix #" + (index + 1) + " offered in " + b);
            String fixed = FixApplier.apply(before, chosen).text();
            assertEquals(after, fixed, "fixing " + b.getFileName());
            ParseResult again = Parsing.parseText(afterPath.toString(), fixed);
            assertTrue(!again.hasErrors(), "the fixed text does not parse: " + again.errors());
            if (python) {
                assertNotEquals(0, run(b), b.getFileName() + " should show the bug when run");
                assertEquals(0, run(afterPath), afterPath.getFileName() + " should run cleanly after the fix");
            }
        }));
    }


    private static int run(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-W", "ignore", file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
