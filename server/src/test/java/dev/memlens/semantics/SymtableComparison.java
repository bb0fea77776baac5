package dev.memlens.semantics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares our scope tree with CPython's symtable for one file after another and keeps the score.
 * The classification compared is CPython's raw scope (LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE, CELL) plus the
 * nonlocal and parameter flags, i.e. everything is_local/is_global/is_nonlocal/is_free/is_parameter derive from.
 * Flags assigned/referenced/imported/annotated are counted separately.
 */
final class SymtableComparison {
    int files;
    int lines;
    int scopes;
    int symbols;
    int classificationMismatches;
    int flagMismatches;
    int scopeMismatches;
    int qualnames;
    int qualnameMismatches;
    final List<String> report = new ArrayList<>();

    void compareFile(JsonObject dump) {
        String file = dump.get("file").getAsString();
        String src = dump.get("src").getAsString();
        Module module = CPythonAst.convert(src, dump.get("ast"));
        ScopeTree tree = ScopeTree.build(module, LanguageLevel.PY311);
        LineMap lines = new LineMap(src);
        files++;
        this.lines += lines.lineCount();
        compareScope(file, lines, tree.module(), dump.get("st").getAsJsonArray());
        if (dump.has("qn") && !dump.get("qn").isJsonNull()) {
            compareQualnames(file, tree, dump.get("qn").getAsJsonArray());
        }
    }

    private void note(String line) {
        if (report.size() < 200) {
            report.add(line);
        }
    }

    static String symtableType(Scope s) {
        return switch (s.kind()) {
            case MODULE -> "module";
            case CLASS -> "class";
            default -> "function";
        };
    }

    static String symtableName(Scope s) {
        return switch (s.kind()) {
            case MODULE -> "top";
            case LAMBDA -> "lambda";
            case COMPREHENSION -> s.name().substring(1, s.name().length() - 1);
            default -> s.name();
        };
    }

    private static int line(LineMap lines, Scope s) {
        return s.kind() == ScopeKind.MODULE ? 0 : lines.line(s.span().start()) + 1;
    }

    static int scopeCode(Symbol sym) {
        return switch (sym.kind()) {
            case LOCAL -> 1;
            case GLOBAL_EXPLICIT -> 2;
            case GLOBAL_IMPLICIT, BUILTIN -> 3;
            case FREE, NONLOCAL -> 4;
            case CELL -> 5;
        };
    }

    private static String key(String type, String name, int line) {
        return type + " " + name + "@" + line;
    }

    private void compareScope(String file, LineMap lines, Scope ours, JsonArray theirs) {
        scopes++;
        String where = file + ": " + ours.kind() + " " + ours.qualname() + " (line " + line(lines, ours) + ")";
        Map<String, JsonArray> theirSymbols = new HashMap<>();
        for (JsonElement e : theirs.get(3).getAsJsonArray()) {
            JsonArray s = e.getAsJsonArray();
            String name = s.get(0).getAsString();
            if (!name.startsWith(".")) {
                theirSymbols.put(name, s);
            }
        }
        for (Symbol sym : ours.symbols()) {
            JsonArray t = theirSymbols.remove(sym.name());
            symbols++;
            if (t == null) {
                classificationMismatches++;
                note(where + ": symbol " + sym.name() + " (" + sym.kind() + ") unknown to CPython");
                continue;
            }
            int theirScope = t.get(1).getAsInt();
            String flags = t.get(2).getAsString();
            boolean nonlocal = flags.indexOf('N') >= 0;
            boolean param = flags.indexOf('P') >= 0;
            if (theirScope != scopeCode(sym) || nonlocal != sym.has(SymbolFlag.DECLARED_NONLOCAL)
                    || param != sym.has(SymbolFlag.PARAMETER)) {
                classificationMismatches++;
                note(where + ": " + sym.name() + " ours " + sym.kind() + flagString(sym) + ", CPython scope "
                        + theirScope + " " + flags);
            }
            if ((flags.indexOf('A') >= 0) != sym.has(SymbolFlag.ASSIGNED)
                    || (flags.indexOf('R') >= 0) != sym.has(SymbolFlag.REFERENCED)
                    || (flags.indexOf('I') >= 0) != sym.has(SymbolFlag.IMPORTED)
                    || (flags.indexOf('T') >= 0) != sym.has(SymbolFlag.ANNOTATED)) {
                flagMismatches++;
                note(where + ": flags of " + sym.name() + " ours " + flagString(sym) + ", CPython " + flags);
            }
        }
        for (String missing : theirSymbols.keySet()) {
            symbols++;
            classificationMismatches++;
            note(where + ": CPython has symbol " + missing + " " + theirSymbols.get(missing) + ", we do not");
        }
        // Children: pair by (type, name, line); order within equal keys is source order on both sides.
        Map<String, List<Scope>> ourChildren = new HashMap<>();
        for (Scope c : ours.children()) {
            ourChildren.computeIfAbsent(key(symtableType(c), symtableName(c), line(lines, c)), k -> new ArrayList<>())
                    .add(c);
        }
        for (JsonElement e : theirs.get(4).getAsJsonArray()) {
            JsonArray c = e.getAsJsonArray();
            String k = key(c.get(0).getAsString(), c.get(1).getAsString(), c.get(2).getAsInt());
            List<Scope> candidates = ourChildren.getOrDefault(k, Collections.emptyList());
            if (candidates.isEmpty()) {
                scopeMismatches++;
                note(where + ": CPython has child scope " + k + ", we do not");
                continue;
            }
            compareScope(file, lines, candidates.remove(bestCandidate(candidates, c)), c);
        }
        for (List<Scope> left : ourChildren.values()) {
            for (Scope s : left) {
                scopeMismatches++;
                note(where + ": we have child scope " + s.kind() + " " + s.qualname() + ", CPython does not");
            }
        }
    }

    /** Several scopes on one line (two lambdas): pick the one with the same names, as visiting orders differ. */
    private static int bestCandidate(List<Scope> candidates, JsonArray theirs) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonElement e : theirs.get(3).getAsJsonArray()) {
            String n = e.getAsJsonArray().get(0).getAsString();
            if (!n.startsWith(".")) {
                names.add(n);
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            java.util.Set<String> ours = new java.util.HashSet<>();
            for (Symbol sym : candidates.get(i).symbols()) {
                ours.add(sym.name());
            }
            if (ours.equals(names)) {
                return i;
            }
        }
        return 0;
    }

    private static String flagString(Symbol sym) {
        StringBuilder sb = new StringBuilder("[");
        for (SymbolFlag f : sym.flags()) {
            sb.append(f.name().charAt(0));
        }
        return sb.append(']').toString();
    }

    private void compareQualnames(String file, ScopeTree tree, JsonArray theirs) {
        Map<String, Integer> ours = new HashMap<>();
        for (Scope s : tree.scopes()) {
            if (s.kind() != ScopeKind.MODULE) {
                ours.merge(s.qualname(), 1, Integer::sum);
            }
        }
        for (JsonElement e : theirs) {
            qualnames++;
            String q = e.getAsString();
            Integer n = ours.get(q);
            if (n == null || n == 0) {
                qualnameMismatches++;
                note(file + ": CPython qualname " + q + " not among ours");
            } else {
                ours.put(q, n - 1);
            }
        }
    }

    String summary() {
        double pct = symbols == 0 ? 100.0 : 100.0 * (symbols - classificationMismatches) / symbols;
        return String.format("%d files, %d lines, %d scopes (%d unmatched), %d symbols: classification agrees on %.4f%%"
                        + " (%d differ), other flags differ on %d, qualnames %d/%d",
                files, lines, scopes, scopeMismatches, symbols, pct, classificationMismatches, flagMismatches,
                qualnames - qualnameMismatches, qualnames);
    }
}
