package dev.memlens.lsp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.memlens.lsp.EditorFeaturesTest.described;
import static dev.memlens.lsp.EditorFeaturesTest.hints;
import static dev.memlens.lsp.EditorFeaturesTest.hover;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server never starves: with a heavy file open and being edited, hovers and inlay hints on another open file are
 * answered, also after that file was edited (its analysis needs a thread while the heavy one holds another). The
 * heavy file is numpy's {@code f2py/crackfortran.py} from the machine python3's site-packages when it is there (read
 * in place, never copied), else a generated one. The latencies are printed as figures; only that answers arrive is
 * asserted.
 */
class HeavyFileIT {

    private static final String HEAVY = "file:///tmp/ws/heavy.py";
    private static final String SMALL = "file:///tmp/ws/small.py";

    @Test
    void anotherFileIsAnsweredWhileAHeavyOneIsAnalyzedAndEdited() {
        Heavy heavy = heavyFile();
        System.err.println("HeavyFileIT: heavy file " + heavy.name() + " (" + heavy.text().lines().count()
                + " lines)");
        try (LspSession s = LspSession.overStdio(EditorFeaturesIT.JAR)) {
            s.initialize("vscode-initialize.json");
            s.open(SMALL, "nums = [1, 2]\nalias = nums\n");
            Await.condition("hints of the small file", () -> described(hints(s, SMALL)).contains("2:≡ nums"));

            s.open(HEAVY, heavy.text());
            List<String> figures = new ArrayList<>();
            int lines = (int) heavy.text().lines().count();
            for (int round = 1; round <= 5; round++) {
                // the heavy file is being edited: each edit supersedes its analysis under way
                int line = (round * 37) % lines;
                s.change(HEAVY, round + 1, LspSession.edit(line, 0, line, 0, "# edited " + round + "\n"));

                long start = System.nanoTime();
                String h = hover(s, SMALL, 1, 0);
                double hoverMs = (System.nanoTime() - start) / 1e6;
                assertNotNull(h, "a hover on the small file in round " + round);

                // the small file is edited too, so its new analysis has to find a thread beside the heavy one
                s.change(SMALL, round + 1, LspSession.edit(round + 1, 0, round + 1, 0,
                        "copy_" + round + " = nums\n"));
                start = System.nanoTime();
                List<String> hints = described(hints(s, SMALL));
                double hintMs = (System.nanoTime() - start) / 1e6;
                // the new line's alias hint (its list of names is cut short once it grows long)
                String expected = (round + 2) + ":≡ alias";
                assertTrue(hints.stream().anyMatch(x -> x.startsWith(expected)),
                        "round " + round + ": the hints of the edited small file, fresh: " + hints);
                figures.add(String.format("round %d: hover %.0f ms, edit -> fresh hints %.0f ms", round, hoverMs,
                        hintMs));
            }
            System.err.println("HeavyFileIT: the small file's answers while " + heavy.name()
                    + " is analyzed and edited (figures, not asserted; load average "
                    + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()) + "):");
            figures.forEach(f -> System.err.println("HeavyFileIT:   " + f));
        }
    }

    private record Heavy(String name, String text) {
    }

    private static Heavy heavyFile() {
        Path crackfortran = sitePackages().map(p -> p.resolve("numpy/f2py/crackfortran.py")).orElse(null);
        if (crackfortran != null && Files.isRegularFile(crackfortran)) {
            try {
                return new Heavy(crackfortran.toString(), Files.readString(crackfortran, StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.err.println("HeavyFileIT: cannot read " + crackfortran + " (" + e + "); a generated file");
            }
        } else {
            System.err.println("HeavyFileIT: no numpy/f2py/crackfortran.py in python3's site-packages; a generated "
                    + "heavy file instead");
        }
        return new Heavy("a generated heavy file", generatedHeavy());
    }

    /** Many functions whose loops mutate items and attributes of parameters, and a long module body. */
    static String generatedHeavy() {
        StringBuilder sb = new StringBuilder("import re\n\ngroups = {}\nstate = {'lines': [], 'names': {}}\n\n");
        for (int f = 0; f < 400; f++) {
            sb.append("def handle_").append(f).append("(block, counts, table=[]):\n")
                    .append("    for item in block:\n")
                    .append("        for key in item.keys():\n")
                    .append("            counts[key] += 1\n")
                    .append("            item.quantity += len(table)\n")
                    .append("            table.append({key: [item, counts, groups]})\n")
                    .append("            state['names'][key] = table[-1]\n")
                    .append("        if counts:\n")
                    .append("            block = handle_").append(Math.max(0, f - 1)).append("(table, counts)\n")
                    .append("    groups[").append(f).append("] = (block, counts, table)\n")
                    .append("    return table\n\n");
        }
        for (int i = 0; i < 400; i++) {
            sb.append("result_").append(i).append(" = handle_").append(i).append("(state['lines'], groups)\n");
        }
        return sb.toString();
    }

    private static java.util.Optional<Path> sitePackages() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import site; print(site.getsitepackages()[0])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? java.util.Optional.of(Path.of(out))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
