package dev.memlens.analysis;

import dev.memlens.analysis.PartialAnalysis.Cause;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Where and why the analysis of a file was cut, one entry per body run that did not finish, and which statements
 * each run recorded (those keep their facts when the run is cut). An unexpected exception is a bug: it is logged
 * with its trace and, when the system property {@value #STRICT} is true (the tests set it), rethrown.
 */
final class Partials {
    /** The system property that makes internal errors fail instead of becoming partial results. */
    static final String STRICT = "memlens.analysis.strict";
    private static final System.Logger LOG = System.getLogger("dev.memlens.analysis");

    private final String source;
    /** Made when a line is first asked for: most analyses are cut nowhere and never ask. */
    private LineMap lines;
    private final List<PartialAnalysis> list = new ArrayList<>();
    private Run current;

    /** One body run: its scope, and the statements it recorded. */
    static final class Run {
        final String scope;
        private final Set<Stmt> recorded;

        private Run(String scope) {
            this(scope, 16);
        }

        private Run(String scope, int expectedStatements) {
            this.scope = scope;
            this.recorded = Collections.newSetFromMap(new IdentityHashMap<>(expectedStatements));
        }

        boolean recorded(Stmt s) {
            return recorded.contains(s);
        }
    }

    /** @param source the file's text, for line numbers (null: lines are reported as 0) */
    Partials(String source) {
        this.source = source;
    }

    /** A body run starts: the statements recorded from now on are its. */
    Run startRun(String scope) {
        return startRun(scope, 16);
    }

    /** {@link #startRun(String)} of a run expected to record about {@code expectedStatements} (the module's). */
    Run startRun(String scope, int expectedStatements) {
        current = new Run(scope, Math.max(16, expectedStatements));
        return current;
    }

    /** A run of {@code scope} nested in the current one (an effect run): it records nothing of its own. */
    static Run nested(String scope) {
        return new Run(scope);
    }

    void recorded(Stmt s) {
        if (current != null) {
            current.recorded.add(s);
        }
    }

    /** A run stopped on a budget (or cancellation) while running {@code at}, inside the loops listed. */
    void cut(Run run, Cause cause, Deque<Stmt> loops, Stmt at) {
        Stmt loop = outermost(loops);
        Node where = loop != null ? loop : at;
        String what = switch (cause) {
            case STEPS -> "step budget";
            case TIME -> "time budget";
            case HEAP -> "heap budget";
            case CANCELLED -> "cancelled";
            case INTERNAL_ERROR -> "internal error";
        };
        String place = where == null ? "" : (loop != null ? ": loop at line " : ": at line ") + line(where);
        list.add(new PartialAnalysis(run.scope, line(where), cause, what + place));
    }

    /**
     * A loop that did not settle within its rounds and was widened: what it changes became unknown, every other fact
     * of the body holds. Reported as a step-budget entry, but the run goes on.
     */
    void widened(String scope, Node loop) {
        list.add(new PartialAnalysis(scope, line(loop), Cause.STEPS, "loop at line " + line(loop)
                + " did not settle: what it changes was widened"));
    }

    /** A function the file budget left no time for. */
    void skipped(String scope, Node def, Cause cause) {
        list.add(new PartialAnalysis(scope, line(def), cause, (cause == Cause.CANCELLED ? "cancelled"
                : "file budget ran out") + " before this function was analyzed"));
    }

    /** A bug: logged with its trace, rethrown in strict mode, else reported as a cut of the run. */
    void internalError(Run run, Throwable e, Deque<Stmt> loops, Stmt at) {
        String where = run.scope + (at == null ? "" : " (line " + line(at) + ")");
        if (Boolean.getBoolean(STRICT)) {
            throw new IllegalStateException("internal error analyzing " + where, e);
        }
        LOG.log(System.Logger.Level.WARNING, "internal error analyzing " + where, e);
        list.add(new PartialAnalysis(run.scope, at == null ? 0 : line(at), Cause.INTERNAL_ERROR,
                "internal error: " + e.getClass().getSimpleName() + (at == null ? "" : " at line " + line(at))));
    }

    /** The cuts in source order. */
    List<PartialAnalysis> list() {
        List<PartialAnalysis> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt(PartialAnalysis::line));
        return List.copyOf(out);
    }

    private static Stmt outermost(Deque<Stmt> loops) {
        Iterator<Stmt> it = loops.descendingIterator();
        return it.hasNext() ? it.next() : null;
    }

    private int line(Node n) {
        if (source == null || n == null) {
            return 0;
        }
        if (lines == null) {
            lines = new LineMap(source);
        }
        return lines.line(n.span().start()) + 1;
    }
}
