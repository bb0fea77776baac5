package dev.memlens.semantics;

import java.util.Set;

/**
 * The names Python provides without an import, written from the Python 3.13 library reference: "Built-in Functions",
 * "Built-in Constants" (including those the site module adds) and "Built-in Exceptions". Names that only some
 * versions have (aiter and anext from 3.10, ExceptionGroup from 3.11, PythonFinalizationError from 3.13) are
 * included: a file written for an older Python that binds such a name itself shadows it like any other builtin.
 */
public final class Builtins {
    private Builtins() {
    }

    private static final Set<String> FUNCTIONS = Set.of(
            "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
            "callable", "chr", "classmethod", "compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate",
            "eval", "exec", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help",
            "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max",
            "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr",
            "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple",
            "type", "vars", "zip", "__import__", "__build_class__");

    /** True, False and None are keywords, not names, so they never reach name resolution. */
    private static final Set<String> CONSTANTS = Set.of(
            "NotImplemented", "Ellipsis", "__debug__", "quit", "exit", "copyright", "credits", "license");

    private static final Set<String> EXCEPTIONS = Set.of(
            "BaseException", "BaseExceptionGroup", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "Exception",
            "ArithmeticError", "FloatingPointError", "OverflowError", "ZeroDivisionError", "AssertionError",
            "AttributeError", "BufferError", "EOFError", "ExceptionGroup", "ImportError", "ModuleNotFoundError",
            "LookupError", "IndexError", "KeyError", "MemoryError", "NameError", "UnboundLocalError", "OSError",
            "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
            "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError",
            "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError",
            "TimeoutError", "ReferenceError", "RuntimeError", "NotImplementedError", "PythonFinalizationError",
            "RecursionError", "StopAsyncIteration", "StopIteration", "SyntaxError", "IndentationError", "TabError",
            "SystemError", "TypeError", "ValueError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError",
            "UnicodeTranslateError", "EnvironmentError", "IOError",
            "Warning", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
            "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning",
            "UserWarning");

    /** Attributes every module has before its first line runs (the import system sets them). */
    private static final Set<String> MODULE_ATTRIBUTES = Set.of(
            "__name__", "__doc__", "__file__", "__package__", "__spec__", "__loader__", "__builtins__", "__cached__",
            "__path__", "__annotations__", "__dict__");

    public static boolean isBuiltin(String name) {
        return FUNCTIONS.contains(name) || CONSTANTS.contains(name) || EXCEPTIONS.contains(name);
    }

    public static boolean isFunction(String name) {
        return FUNCTIONS.contains(name);
    }

    public static boolean isException(String name) {
        return EXCEPTIONS.contains(name);
    }

    /** {@code __name__}, {@code __file__}...: module globals no statement binds. */
    public static boolean isModuleAttribute(String name) {
        return MODULE_ATTRIBUTES.contains(name);
    }

    public static Set<String> all() {
        var all = new java.util.TreeSet<String>();
        all.addAll(FUNCTIONS);
        all.addAll(CONSTANTS);
        all.addAll(EXCEPTIONS);
        return java.util.Collections.unmodifiableSet(all);
    }
}
