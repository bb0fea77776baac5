package dev.memlens.semantics;

/**
 * Private name mangling: inside a class {@code C}, {@code __x} is stored as {@code _C__x}. CPython applies it to
 * every identifier in the class body and in functions nested in it, so the symbol names follow it too.
 */
final class NameMangling {
    private NameMangling() {
    }

    static String mangle(/* nullable */ String className, String name) {
        if (className == null || name.length() < 3 || name.charAt(0) != '_' || name.charAt(1) != '_') {
            return name;
        }
        int n = name.length();
        if ((name.charAt(n - 1) == '_' && name.charAt(n - 2) == '_') || name.indexOf('.') >= 0) {
            return name;
        }
        int i = 0;
        while (i < className.length() && className.charAt(i) == '_') {
            i++;
        }
        if (i == className.length()) {
            return name;
        }
        return "_" + className.substring(i) + name;
    }
}
