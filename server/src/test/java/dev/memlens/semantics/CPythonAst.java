package dev.memlens.semantics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.BoolOperator;
import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.UnaryOperator;
import dev.memlens.syntax.ast.WithItem;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test support: CPython's own AST (dumped by {@code symtable_dump.py}) converted into MemLens' AST records, so the
 * scope analysis can be checked against CPython independently of our parser. Identifiers CPython keeps as bare
 * strings (def names, {@code as} names) get the span of their first occurrence after the node's start.
 */
final class CPythonAst {
    private final String src;

    private CPythonAst(String src) {
        this.src = src;
    }

    static Module convert(String src, JsonElement ast) {
        return new CPythonAst(src).module(ast.getAsJsonArray());
    }

    static boolean pythonAvailable() {
        return dev.memlens.testing.TestSources.pythonAtLeast(3, 11);
    }

    static Path dumpScript() {
        return Path.of("src/test/resources/semantics/symtable_dump.py").toAbsolutePath();
    }

    /** Parses one source string with CPython (through a temporary file); the JSON line of the dump script. */
    static com.google.gson.JsonObject dumpSource(String source) throws IOException, InterruptedException {
        Path tmp = java.nio.file.Files.createTempFile("memlens", ".py");
        try {
            java.nio.file.Files.writeString(tmp, source, StandardCharsets.UTF_8);
            List<com.google.gson.JsonObject> out = new ArrayList<>();
            dump(List.of(tmp.toString()), out::add);
            return out.get(0);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Runs the dump script over the files in one Python process, handing each file's JSON to the consumer. */
    static void dump(List<String> files, java.util.function.Consumer<com.google.gson.JsonObject> each)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", dumpScript().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (BufferedWriter w = new BufferedWriter(
                    new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
                for (String f : files) {
                    w.write(f);
                    w.write('\n');
                }
            } catch (IOException ignored) {
                // the reader below notices the missing output
            }
        });
        feeder.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                each.accept(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        feeder.join();
        p.waitFor();
    }

    // ---- conversion

    private Span span(JsonArray n) {
        int s = n.get(1).getAsInt();
        int e = n.get(2).getAsInt();
        if (s < 0) {
            return Span.EMPTY;
        }
        return new Span(s, Math.max(s, e));
    }

    private static String type(JsonArray n) {
        return n.get(0).getAsString().substring(1);
    }

    private static boolean isNull(JsonElement e) {
        return e == null || e.isJsonNull();
    }

    private Identifier ident(String name, int from) {
        int i = from < 0 ? -1 : src.indexOf(name, from);
        while (i >= 0) {
            boolean before = i == 0 || !Character.isJavaIdentifierPart(src.charAt(i - 1));
            int end = i + name.length();
            boolean after = end >= src.length() || !Character.isJavaIdentifierPart(src.charAt(end));
            if (before && after) {
                return new Identifier(new Span(i, end), name);
            }
            i = src.indexOf(name, i + 1);
        }
        int at = Math.max(0, from);
        return new Identifier(new Span(at, at), name);
    }

    private Module module(JsonArray n) {
        return new Module(new Span(0, src.length()), stmts(n.get(3)));
    }

    private List<Stmt> stmts(JsonElement list) {
        List<Stmt> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            out.add(stmt(e.getAsJsonArray()));
        }
        return out;
    }

    private List<Expr> exprs(JsonElement list) {
        List<Expr> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            out.add(isNull(e) ? null : expr(e.getAsJsonArray()));
        }
        return out;
    }

    private Expr optExpr(JsonElement e) {
        return isNull(e) ? null : expr(e.getAsJsonArray());
    }

    private List<Identifier> idents(JsonElement list, int from) {
        List<Identifier> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            out.add(ident(e.getAsString(), from));
        }
        return out;
    }

    private List<TypeParam> typeParams(JsonArray n, int index) {
        List<TypeParam> out = new ArrayList<>();
        if (n.size() > index && !isNull(n.get(index))) {
            for (JsonElement e : n.get(index).getAsJsonArray()) {
                JsonArray t = e.getAsJsonArray();
                Span sp = span(t);
                Identifier name = ident(t.get(3).getAsString(), sp.start());
                switch (type(t)) {
                    case "TypeVar" -> out.add(new TypeParam.TypeVar(sp, name, optExpr(t.get(4)),
                            t.size() > 5 ? optExpr(t.get(5)) : null));
                    case "ParamSpec" -> out.add(new TypeParam.ParamSpec(sp, name, t.size() > 4 ? optExpr(t.get(4)) : null));
                    default -> out.add(new TypeParam.TypeVarTuple(sp, name, t.size() > 4 ? optExpr(t.get(4)) : null));
                }
            }
        }
        return out;
    }

    private Stmt stmt(JsonArray n) {
        Span sp = span(n);
        String t = type(n);
        switch (t) {
            case "FunctionDef":
            case "AsyncFunctionDef": {
                String name = n.get(3).getAsString();
                int from = src.indexOf("def", sp.start()) + 3;
                return new Stmt.FunctionDef(sp, ident(name, from), typeParams(n, 8), arguments(n.get(4).getAsJsonArray()),
                        stmts(n.get(5)), exprs(n.get(6)), optExpr(n.get(7)), t.startsWith("Async"));
            }
            case "ClassDef": {
                String name = n.get(3).getAsString();
                return new Stmt.ClassDef(sp, ident(name, sp.start() + 5), typeParams(n, 8), exprs(n.get(4)),
                        keywords(n.get(5)), stmts(n.get(6)), exprs(n.get(7)));
            }
            case "Return":
                return new Stmt.Return(sp, optExpr(n.get(3)));
            case "Delete":
                return new Stmt.Delete(sp, exprs(n.get(3)));
            case "Assign":
                return new Stmt.Assign(sp, exprs(n.get(3)), expr(n.get(4).getAsJsonArray()));
            case "TypeAlias":
                return new Stmt.TypeAlias(sp, (Expr.Name) expr(n.get(3).getAsJsonArray()), typeParams(n, 4),
                        expr(n.get(5).getAsJsonArray()));
            case "AugAssign":
                return new Stmt.AugAssign(sp, expr(n.get(3).getAsJsonArray()), operator(n.get(4).getAsString()),
                        expr(n.get(5).getAsJsonArray()));
            case "AnnAssign":
                return new Stmt.AnnAssign(sp, expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()),
                        optExpr(n.get(5)), n.get(6).getAsInt() != 0);
            case "For":
            case "AsyncFor":
                return new Stmt.For(sp, expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()),
                        stmts(n.get(5)), stmts(n.get(6)), t.startsWith("Async"));
            case "While":
                return new Stmt.While(sp, expr(n.get(3).getAsJsonArray()), stmts(n.get(4)), stmts(n.get(5)));
            case "If":
                return new Stmt.If(sp, expr(n.get(3).getAsJsonArray()), stmts(n.get(4)), stmts(n.get(5)));
            case "With":
            case "AsyncWith": {
                List<WithItem> items = new ArrayList<>();
                for (JsonElement e : n.get(3).getAsJsonArray()) {
                    JsonArray w = e.getAsJsonArray();
                    items.add(new WithItem(expr(w.get(3).getAsJsonArray()), optExpr(w.get(4))));
                }
                return new Stmt.With(sp, items, stmts(n.get(4)), t.startsWith("Async"));
            }
            case "Match": {
                List<MatchCase> cases = new ArrayList<>();
                for (JsonElement e : n.get(4).getAsJsonArray()) {
                    JsonArray c = e.getAsJsonArray();
                    cases.add(new MatchCase(pattern(c.get(3).getAsJsonArray()), optExpr(c.get(4)), stmts(c.get(5))));
                }
                return new Stmt.Match(sp, expr(n.get(3).getAsJsonArray()), cases);
            }
            case "Raise":
                return new Stmt.Raise(sp, optExpr(n.get(3)), optExpr(n.get(4)));
            case "Try":
            case "TryStar": {
                List<ExceptHandler> handlers = new ArrayList<>();
                for (JsonElement e : n.get(4).getAsJsonArray()) {
                    JsonArray h = e.getAsJsonArray();
                    Span hs = span(h);
                    Identifier name = null;
                    if (!isNull(h.get(4))) {
                        int as = src.indexOf(" as", hs.start());
                        name = ident(h.get(4).getAsString(), as < 0 ? hs.start() : as + 3);
                    }
                    handlers.add(new ExceptHandler(hs, optExpr(h.get(3)), name, stmts(h.get(5))));
                }
                return new Stmt.Try(sp, stmts(n.get(3)), handlers, stmts(n.get(5)), stmts(n.get(6)),
                        t.equals("TryStar"));
            }
            case "Assert":
                return new Stmt.Assert(sp, expr(n.get(3).getAsJsonArray()), optExpr(n.get(4)));
            case "Import":
                return new Stmt.Import(sp, aliases(n.get(3)));
            case "ImportFrom": {
                Identifier module = isNull(n.get(3)) ? null : ident(n.get(3).getAsString(), sp.start() + 4);
                return new Stmt.ImportFrom(sp, module, aliases(n.get(4)), isNull(n.get(5)) ? 0 : n.get(5).getAsInt());
            }
            case "Global":
                return new Stmt.Global(sp, idents(n.get(3), sp.start() + 6));
            case "Nonlocal":
                return new Stmt.Nonlocal(sp, idents(n.get(3), sp.start() + 8));
            case "Expr":
                return new Stmt.Expression(sp, expr(n.get(3).getAsJsonArray()));
            case "Pass":
                return new Stmt.Pass(sp);
            case "Break":
                return new Stmt.Break(sp);
            case "Continue":
                return new Stmt.Continue(sp);
            default:
                throw new IllegalArgumentException("statement " + t);
        }
    }

    private List<Alias> aliases(JsonElement list) {
        List<Alias> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            Span sp = span(a);
            Identifier as = null;
            if (!isNull(a.get(4))) {
                int at = src.indexOf(" as", sp.start());
                as = ident(a.get(4).getAsString(), at < 0 ? sp.start() : at + 3);
            }
            out.add(new Alias(sp, a.get(3).getAsString(), as));
        }
        return out;
    }

    private List<Keyword> keywords(JsonElement list) {
        List<Keyword> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            JsonArray k = e.getAsJsonArray();
            Span sp = span(k);
            Identifier arg = isNull(k.get(3)) ? null : ident(k.get(3).getAsString(), sp.start());
            out.add(new Keyword(sp, arg, expr(k.get(4).getAsJsonArray())));
        }
        return out;
    }

    private Arg arg(JsonElement e) {
        if (isNull(e)) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        return new Arg(span(a), a.get(3).getAsString(), optExpr(a.get(4)));
    }

    private List<Arg> args(JsonElement list) {
        List<Arg> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            out.add(arg(e));
        }
        return out;
    }

    private Arguments arguments(JsonArray a) {
        return new Arguments(args(a.get(3)), args(a.get(4)), arg(a.get(5)), args(a.get(6)), exprs(a.get(7)),
                arg(a.get(8)), exprs(a.get(9)));
    }

    private List<Comprehension> generators(JsonElement list) {
        List<Comprehension> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            JsonArray c = e.getAsJsonArray();
            out.add(new Comprehension(expr(c.get(3).getAsJsonArray()), expr(c.get(4).getAsJsonArray()),
                    exprs(c.get(5)), c.get(6).getAsInt() != 0));
        }
        return out;
    }

    private static Ctx ctx(JsonElement e) {
        return switch (e.getAsString()) {
            case "Store" -> Ctx.STORE;
            case "Del" -> Ctx.DEL;
            default -> Ctx.LOAD;
        };
    }

    private static final Map<String, Operator> OPERATORS = Map.ofEntries(
            Map.entry("Add", Operator.ADD), Map.entry("Sub", Operator.SUB), Map.entry("Mult", Operator.MULT),
            Map.entry("MatMult", Operator.MATMULT), Map.entry("Div", Operator.DIV), Map.entry("Mod", Operator.MOD),
            Map.entry("Pow", Operator.POW), Map.entry("LShift", Operator.LSHIFT), Map.entry("RShift", Operator.RSHIFT),
            Map.entry("BitOr", Operator.BITOR), Map.entry("BitXor", Operator.BITXOR),
            Map.entry("BitAnd", Operator.BITAND), Map.entry("FloorDiv", Operator.FLOORDIV));

    private static final Map<String, CmpOperator> COMPARISONS = Map.of(
            "Eq", CmpOperator.EQ, "NotEq", CmpOperator.NOT_EQ, "Lt", CmpOperator.LT, "LtE", CmpOperator.LT_E,
            "Gt", CmpOperator.GT, "GtE", CmpOperator.GT_E, "Is", CmpOperator.IS, "IsNot", CmpOperator.IS_NOT,
            "In", CmpOperator.IN, "NotIn", CmpOperator.NOT_IN);

    private static Operator operator(String name) {
        return OPERATORS.get(name);
    }

    private Expr expr(JsonArray n) {
        Span sp = span(n);
        String t = type(n);
        switch (t) {
            case "Name":
                return new Expr.Name(sp, n.get(3).getAsString(), ctx(n.get(4)));
            case "Constant":
                return new Expr.Constant(sp, ConstantKind.valueOf(n.get(3).getAsString()),
                        src.substring(sp.start(), Math.min(sp.end(), src.length())));
            case "Attribute": {
                Expr value = expr(n.get(3).getAsJsonArray());
                return new Expr.Attribute(sp, value, ident(n.get(4).getAsString(), value.span().end()), ctx(n.get(5)));
            }
            case "Call":
                return new Expr.Call(sp, expr(n.get(3).getAsJsonArray()), exprs(n.get(4)), keywords(n.get(5)));
            case "Subscript":
                return new Expr.Subscript(sp, expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()),
                        ctx(n.get(5)));
            case "BinOp":
                return new Expr.BinOp(sp, expr(n.get(3).getAsJsonArray()), operator(n.get(4).getAsString()),
                        expr(n.get(5).getAsJsonArray()));
            case "BoolOp":
                return new Expr.BoolOp(sp, n.get(3).getAsString().equals("And") ? BoolOperator.AND : BoolOperator.OR,
                        exprs(n.get(4)));
            case "NamedExpr":
                return new Expr.NamedExpr(sp, (Expr.Name) expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()));
            case "UnaryOp": {
                UnaryOperator op = switch (n.get(3).getAsString()) {
                    case "Invert" -> UnaryOperator.INVERT;
                    case "Not" -> UnaryOperator.NOT;
                    case "UAdd" -> UnaryOperator.UADD;
                    default -> UnaryOperator.USUB;
                };
                return new Expr.UnaryOp(sp, op, expr(n.get(4).getAsJsonArray()));
            }
            case "Lambda":
                return new Expr.Lambda(sp, arguments(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()));
            case "IfExp":
                return new Expr.IfExp(sp, expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()),
                        expr(n.get(5).getAsJsonArray()));
            case "Dict":
                return new Expr.DictDisplay(sp, exprs(n.get(3)), exprs(n.get(4)));
            case "Set":
                return new Expr.SetDisplay(sp, exprs(n.get(3)));
            case "ListComp":
                return new Expr.ListComp(sp, expr(n.get(3).getAsJsonArray()), generators(n.get(4)));
            case "SetComp":
                return new Expr.SetComp(sp, expr(n.get(3).getAsJsonArray()), generators(n.get(4)));
            case "GeneratorExp":
                return new Expr.GeneratorExp(sp, expr(n.get(3).getAsJsonArray()), generators(n.get(4)));
            case "DictComp":
                return new Expr.DictComp(sp, expr(n.get(3).getAsJsonArray()), expr(n.get(4).getAsJsonArray()),
                        generators(n.get(5)));
            case "Await":
                return new Expr.Await(sp, expr(n.get(3).getAsJsonArray()));
            case "Yield":
                return new Expr.Yield(sp, optExpr(n.get(3)));
            case "YieldFrom":
                return new Expr.YieldFrom(sp, expr(n.get(3).getAsJsonArray()));
            case "Compare": {
                List<CmpOperator> ops = new ArrayList<>();
                for (JsonElement e : n.get(4).getAsJsonArray()) {
                    ops.add(COMPARISONS.get(e.getAsString()));
                }
                return new Expr.Compare(sp, expr(n.get(3).getAsJsonArray()), ops, exprs(n.get(5)));
            }
            case "FormattedValue": {
                Expr spec = optExpr(n.get(5));
                return new Expr.FormattedValue(sp, expr(n.get(3).getAsJsonArray()), n.get(4).getAsInt(),
                        (Expr.JoinedStr) spec);
            }
            case "JoinedStr":
                return new Expr.JoinedStr(sp, exprs(n.get(3)));
            case "Starred":
                return new Expr.Starred(sp, expr(n.get(3).getAsJsonArray()), ctx(n.get(4)));
            case "List":
                return new Expr.ListDisplay(sp, exprs(n.get(3)), ctx(n.get(4)));
            case "Tuple":
                return new Expr.TupleDisplay(sp, exprs(n.get(3)), ctx(n.get(4)));
            case "Slice":
                return new Expr.Slice(sp, optExpr(n.get(3)), optExpr(n.get(4)), optExpr(n.get(5)));
            default:
                throw new IllegalArgumentException("expression " + t);
        }
    }

    private List<Pattern> patterns(JsonElement list) {
        List<Pattern> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            out.add(pattern(e.getAsJsonArray()));
        }
        return out;
    }

    private Pattern pattern(JsonArray n) {
        Span sp = span(n);
        switch (type(n)) {
            case "MatchValue":
                return new Pattern.MatchValue(sp, expr(n.get(3).getAsJsonArray()));
            case "MatchSingleton": {
                JsonElement v = n.get(3);
                ConstantKind k = isNull(v) ? ConstantKind.NONE : v.getAsBoolean() ? ConstantKind.TRUE : ConstantKind.FALSE;
                return new Pattern.MatchSingleton(sp, k);
            }
            case "MatchSequence":
                return new Pattern.MatchSequence(sp, patterns(n.get(3)));
            case "MatchMapping": {
                Identifier rest = isNull(n.get(5)) ? null : ident(n.get(5).getAsString(), src.lastIndexOf("**", sp.end()));
                return new Pattern.MatchMapping(sp, exprs(n.get(3)), patterns(n.get(4)), rest);
            }
            case "MatchClass":
                return new Pattern.MatchClass(sp, expr(n.get(3).getAsJsonArray()), patterns(n.get(4)),
                        idents(n.get(5), sp.start()), patterns(n.get(6)));
            case "MatchStar":
                return new Pattern.MatchStar(sp, isNull(n.get(3)) ? null : ident(n.get(3).getAsString(), sp.start()));
            case "MatchAs": {
                Pattern inner = isNull(n.get(3)) ? null : pattern(n.get(3).getAsJsonArray());
                Identifier name = null;
                if (!isNull(n.get(4))) {
                    name = ident(n.get(4).getAsString(), inner == null ? sp.start() : inner.span().end());
                }
                return new Pattern.MatchAs(sp, inner, name);
            }
            case "MatchOr":
                return new Pattern.MatchOr(sp, patterns(n.get(3)));
            default:
                throw new IllegalArgumentException("pattern " + type(n));
        }
    }
}
