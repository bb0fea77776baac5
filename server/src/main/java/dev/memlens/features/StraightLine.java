package dev.memlens.features;

import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * The simple statements that run one after another, every time, whenever their body runs: the top-level statements
 * of the module and of each function body (not those under an if, a loop or a try). Between two of one body nothing
 * else of that body runs, so comparing what holds after each (the same object? another?) is a fact of every run.
 */
final class StraightLine {

    private StraightLine() {
    }

    /** Per body, its simple statements in source order; a compound statement in between ends the run. */
    static List<List<Stmt>> runs(Module module) {
        List<List<Stmt>> out = new ArrayList<>();
        collect(module.body(), out);
        return out;
    }

    private static void collect(List<Stmt> body, List<List<Stmt>> out) {
        List<Stmt> run = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.FunctionDef f) {
                collect(f.body(), out);
                continue; // a def only binds a name: the statements around it still run one after another
            }
            if (!FactIndex.isSimple(s)) {
                if (!run.isEmpty()) {
                    out.add(run);
                }
                run = new ArrayList<>();
                nested(s, out);
                continue;
            }
            run.add(s);
        }
        if (!run.isEmpty()) {
            out.add(run);
        }
    }

    /** Function bodies below a compound statement (a method, a def under an if) still start runs of their own. */
    private static void nested(Stmt s, List<List<Stmt>> out) {
        for (List<Stmt> block : dev.memlens.syntax.AstWalker.blocks(s)) {
            for (Stmt x : block) {
                if (x instanceof Stmt.FunctionDef f) {
                    collect(f.body(), out);
                } else if (!FactIndex.isSimple(x)) {
                    nested(x, out);
                }
            }
        }
    }
}
