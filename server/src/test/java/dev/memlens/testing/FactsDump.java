package dev.memlens.testing;

import com.google.gson.GsonBuilder;
import dev.memlens.analysis.FactsReport;
import dev.memlens.analysis.Interpreter;
import java.nio.file.Path;

/** Development aid: {@code memlens facts} through {@link TestSources} (works before the parser lands). */
public final class FactsDump {
    private FactsDump() {
    }

    public static void main(String[] args) throws Exception {
        Path p = Path.of(args[0]);
        TestSources.Parsed parsed = TestSources.parse(p);
        var r = Interpreter.analyze(parsed.module());
        System.out.println(new GsonBuilder().setPrettyPrinting().create()
                .toJson(FactsReport.toJson(args[0], parsed.text(), r)));
    }
}
