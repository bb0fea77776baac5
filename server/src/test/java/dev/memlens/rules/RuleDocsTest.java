package dev.memlens.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/rules/CODE.md are generated from each rule's own explanation and must not drift: this test fails when one
 * differs. Regenerate with {@code mvn test -Dtest=RuleDocsTest -Dmemlens.docs.write=true}.
 */
class RuleDocsTest {
    private static final Path DOCS = Path.of("../docs/rules");
    private static final List<String> SECTIONS = List.of("## What it does", "## Why is this bad", "## Example",
            "## Use instead", "## Fix safety", "## Known limits");

    @Test
    void everyRuleHasCompleteMetadata() {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule r : RuleRegistry.all()) {
            assertTrue(r.code().matches("MEM\\d{3}"), r.code());
            assertTrue(r.name().matches("[a-z]+(-[a-z]+)*"), r.name());
            assertTrue(codes.add(r.code()) && names.add(r.name()), "duplicate " + r.code());
            assertTrue(!r.summary().endsWith("."), r.code() + " summary ends with a period");
            int last = -1;
            for (String s : SECTIONS) {
                int at = r.explanation().indexOf(s);
                assertTrue(at > last, r.code() + " lacks or misorders section " + s);
                last = at;
            }
            assertEquals(r, RuleRegistry.find(r.name()).orElseThrow());
            assertEquals(r, RuleRegistry.find(r.code().toLowerCase()).orElseThrow());
        }
    }

    @Test
    void docsPagesMatchExplanations() throws IOException {
        boolean write = Boolean.getBoolean("memlens.docs.write");
        StringBuilder stale = new StringBuilder();
        for (Rule r : RuleRegistry.all()) {
            Path page = DOCS.resolve(r.code() + ".md");
            String want = RuleDocs.page(r);
            String have = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : null;
            if (!want.equals(have)) {
                if (write) {
                    Files.createDirectories(DOCS);
                    Files.writeString(page, want, StandardCharsets.UTF_8);
                } else {
                    stale.append(page).append('\n');
                }
            }
        }
        if (stale.length() > 0) {
            fail("rule pages out of date (run mvn test -Dtest=RuleDocsTest -Dmemlens.docs.write=true):\n" + stale);
        }
    }
}
