package dev.memlens.rules;

import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.CPythonAst;
import dev.memlens.syntax.LineMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dev tool: runs every rule on files parsed by CPython and prints findings (java -cp ... dev.memlens.rules.Scratch FILE...). */
public final class Scratch {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        Map<Path, ParseResult> parsed = CPythonAst.parse(files);
        Checker checker = new Checker(RuleRegistry.all());
        for (Map.Entry<Path, ParseResult> e : parsed.entrySet()) {
            if (e.getValue().hasErrors()) {
                continue;
            }
            LineMap lm = new LineMap(e.getValue().source().text());
            for (Finding f : checker.check(e.getValue(), RuleSettings.DEFAULT, System.err::println)) {
                System.out.println(e.getKey() + ":" + (lm.line(f.span().start()) + 1) + ": " + f.code() + " " + f.message());
                for (Fix fx : f.fixes()) {
                    System.out.println("    fix(" + fx.safety() + "): " + fx.title() + " " + fx.edits());
                }
            }
        }
    }
}
