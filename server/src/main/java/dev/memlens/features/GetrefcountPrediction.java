package dev.memlens.features;

import dev.memlens.analysis.RefCount;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.semantics.SymbolKind;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.ast.Expr;

/**
 * What {@code sys.getrefcount(name)} prints under a target version, from the references the program holds.
 * Measured with CPython 3.11, 3.12, 3.13 and 3.14/3.15 (Pyodide):
 * <ul>
 * <li>the argument adds one reference while the call runs; from 3.14 a plain local of a function is passed as a
 * borrowed reference ({@code LOAD_FAST_BORROW}) and adds none, so a fresh local list prints 1 on 3.14 and 2 on 3.11.
 * Module and class globals and closure cells still add one;</li>
 * <li>from 3.12 small ints, None, True/False and interned strings are immortal: a fixed large number; before 3.12
 * they print a large count shared by the whole interpreter.</li>
 * </ul>
 *
 * @param lo       the smallest value printed; for {@code notACount} the references as MemLens counts them
 * @param hi       the largest, or {@link RefCount#UNBOUNDED}
 * @param notACount immortal (3.12+: a fixed large number), or shared with the compiled code or the interpreter
 */
public record GetrefcountPrediction(int lo, int hi, boolean notACount, PythonVersion target, boolean borrowed) {

    /** The prediction for {@code sys.getrefcount(arg)} where the program holds {@code rc} references. */
    public static GetrefcountPrediction of(RefCount rc, PythonVersion target, boolean borrowed) {
        int extra = borrowed ? 0 : 1;
        if (rc.immortal()) {
            return new GetrefcountPrediction(rc.lo(), RefCount.UNBOUNDED, true, target, borrowed);
        }
        int hi = rc.hi() == RefCount.UNBOUNDED ? RefCount.UNBOUNDED : rc.hi() + extra;
        return new GetrefcountPrediction(rc.lo() + extra, hi, false, target, borrowed);
    }

    /**
     * Whether passing {@code arg} borrows its reference under {@code target}: 3.14+ and a plain (not captured) local
     * of a function-like scope. Unknown scopes count as not borrowed.
     */
    public static boolean borrowed(/* nullable */ ScopeTree scopes, Expr.Name arg, PythonVersion target) {
        if (scopes == null || target.before(PythonVersion.PY314)) {
            return false;
        }
        Resolution r = scopes.resolve(arg);
        return r != null && r.symbol() != null && r.symbol().kind() == SymbolKind.LOCAL && r.scope() != null
                && r.scope().kind() == ScopeKind.FUNCTION;
    }

    public boolean exact() {
        return !notACount && lo == hi;
    }

    /** The printed value in words: "3", "at least 2", "2 to 4". */
    public String printed() {
        if (exact()) {
            return Integer.toString(lo);
        }
        return hi == RefCount.UNBOUNDED ? "at least " + lo : lo + " to " + hi;
    }

    /** Why it prints that, for a tooltip or hover. */
    public String why() {
        if (notACount) {
            return target.atLeast(PythonVersion.PY312)
                    ? "the object is immortal (small int, interned string, None…) or also held by the compiled "
                    + "code: CPython " + target + " prints a fixed large number (or a count that includes the "
                    + "code's own references), not the program's references."
                    : "the object is shared by the whole interpreter (small int, interned string, None…) or held "
                    + "by the compiled code: CPython " + target + " prints a large count, not the program's "
                    + "references.";
        }
        return borrowed
                ? "CPython " + target + " passes a function's local variable as a borrowed reference, so the "
                + "argument adds none: it prints the program's references."
                : "the argument is one more reference while `getrefcount` runs (CPython " + target + ").";
    }

    /** Whether a value CPython printed agrees with this prediction. */
    public boolean agrees(long printedValue) {
        if (notACount) {
            return target.atLeast(PythonVersion.PY312) ? printedValue >= (1L << 28) || printedValue > lo
                    : printedValue > lo;
        }
        return printedValue >= lo && (hi == RefCount.UNBOUNDED || printedValue <= hi);
    }
}
