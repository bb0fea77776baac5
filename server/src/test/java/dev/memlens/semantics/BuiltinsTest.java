package dev.memlens.semantics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BuiltinsTest {

    @Test
    void documentedNamesAreBuiltinsAndOthersAreNot() {
        for (String n : new String[] {"print", "len", "super", "__import__", "NotImplemented", "Ellipsis",
                "__debug__", "ValueError", "ExceptionGroup", "UserWarning", "exit"}) {
            assertTrue(Builtins.isBuiltin(n), n);
        }
        for (String n : new String[] {"True", "None", "self", "os", "__name__", "__file__", "reduce", "unicode"}) {
            assertFalse(Builtins.isBuiltin(n), n);
        }
        assertTrue(Builtins.isModuleAttribute("__name__"));
        assertTrue(Builtins.isException("KeyError"));
        assertFalse(Builtins.isFunction("KeyError"));
    }

    /** Our list, written from the documentation, against the running CPython's builtins module. */
    @Test
    void agreesWithCPythonsBuiltinsModule() throws Exception {
        assumeTrue(CPythonAst.pythonAvailable(), "python3 is not on the PATH");
        Process p = new ProcessBuilder("python3", "-c",
                "import builtins, sys; print(sys.version_info[1]); print(' '.join(dir(builtins)))")
                .redirectErrorStream(true).start();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        p.waitFor();
        int minor = Integer.parseInt(out[0].trim());
        Set<String> cpython = new TreeSet<>(Set.of(out[1].trim().split(" ")));
        // Keywords, module attributes of the builtins module itself, and an undocumented 3.13 helper.
        cpython.removeAll(Set.of("True", "False", "None", "__doc__", "__loader__", "__name__", "__package__", "__spec__",
                "_IncompleteInputError", "WindowsError"));
        Set<String> missing = new TreeSet<>(cpython);
        missing.removeAll(Builtins.all());
        assertEquals(Set.of(), missing, "builtins CPython has and we do not");
        Set<String> extra = new TreeSet<>(Builtins.all());
        extra.removeAll(cpython);
        Set<String> newer = new TreeSet<>();
        if (minor < 13) {
            newer.add("PythonFinalizationError");
        }
        assertEquals(newer, extra, "names we call builtin that this CPython does not have");
    }
}
