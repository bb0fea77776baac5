package dev.memlens.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: CPython's own {@code ast} of a file, converted to MemLens AST records. Lets the rule tests run on
 * real ASTs independently of the ANTLR grammar, and can cross-check it. Needs {@code python3} on PATH.
 */
public final class CPythonAst {
    private CPythonAst() {
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import ast").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Parses each file with CPython; files CPython rejects get an empty module and one error. */
    public static Map<Path, ParseResult> parse(List<Path> files) throws IOException {
        Path script = Files.createTempFile("cpython_ast_json", ".py");
        try (InputStream in = CPythonAst.class.getResourceAsStream("/tools/cpython_ast_json.py")) {
            Files.write(script, in.readAllBytes());
        }
        Map<Path, ParseResult> out = new LinkedHashMap<>();
        int batch = 400;
        try {
            for (int i = 0; i < files.size(); i += batch) {
                List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
                List<Path> chunk = files.subList(i, Math.min(files.size(), i + batch));
                for (Path f : chunk) {
                    cmd.add(f.toString());
                }
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    int k = 0;
                    for (String line; (line = r.readLine()) != null; k++) {
                        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                        Path f = chunk.get(k);
                        if (o.get("ok").getAsBoolean()) {
                            SourceText src = new SourceText(f.toString(), o.get("text").getAsString());
                            Module m = new Converter().module(o.getAsJsonObject("module"));
                            out.put(f, new ParseResult(src, m, List.of()));
                        } else {
                            String text = "";
                            SourceText src = new SourceText(f.toString(), text);
                            out.put(f, new ParseResult(src, new Module(Span.EMPTY, List.of()),
                                    List.of(new ParseError(o.get("error").getAsString(), Span.EMPTY))));
                        }
                    }
                }
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        } finally {
            Files.deleteIfExists(script);
        }
        return out;
    }

    public static ParseResult parse(Path file) throws IOException {
        return parse(List.of(file)).get(file);
    }

    /** Parses a snippet given as text (written to a temporary file). */
    public static ParseResult parseText(String name, String text) throws IOException {
        Path tmp = Files.createTempFile("snippet", ".py");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            ParseResult r = parse(tmp);
            return new ParseResult(new SourceText(name, text), r.module(), r.errors());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final class Converter {
        Module module(JsonObject o) {
            return new Module(span(o), stmts(o.getAsJsonArray("body")));
        }

        static Span span(JsonObject o) {
            JsonArray a = o.getAsJsonArray("span");
            return spanOf(a);
        }

        static Span spanOf(JsonArray a) {
            int s = a.get(0).getAsInt();
            int e = a.get(1).getAsInt();
            return new Span(s, Math.max(s, e));
        }

        static boolean isNull(JsonObject o, String f) {
            return !o.has(f) || o.get(f).isJsonNull();
        }

        List<Stmt> stmts(JsonArray a) {
            List<Stmt> out = new ArrayList<>();
            for (JsonElement e : a) {
                out.add(stmt(e.getAsJsonObject()));
            }
            return out;
        }

        List<Expr> exprs(JsonArray a) {
            List<Expr> out = new ArrayList<>();
            if (a == null) {
                return out;
            }
            for (JsonElement e : a) {
                out.add(e.isJsonNull() ? null : expr(e.getAsJsonObject()));
            }
            return out;
        }

        Expr exprOrNull(JsonObject o, String f) {
            return isNull(o, f) ? null : expr(o.getAsJsonObject(f));
        }

        Identifier ident(JsonObject o, String nameField, String spanField) {
            if (isNull(o, nameField)) {
                return null;
            }
            Span sp = o.has(spanField) ? spanOf(o.getAsJsonArray(spanField)) : Span.EMPTY;
            return new Identifier(sp, o.get(nameField).getAsString());
        }

        Stmt stmt(JsonObject o) {
            String t = o.get("_t").getAsString();
            Span sp = span(o);
            switch (t) {
                case "FunctionDef":
                case "AsyncFunctionDef":
                    return new Stmt.FunctionDef(sp, ident(o, "name", "name_span"), List.of(),
                            arguments(o.getAsJsonObject("args")), stmts(o.getAsJsonArray("body")),
                            exprs(o.getAsJsonArray("decorator_list")), exprOrNull(o, "returns"),
                            t.startsWith("Async"));
                case "ClassDef":
                    return new Stmt.ClassDef(sp, ident(o, "name", "name_span"), List.of(),
                            exprs(o.getAsJsonArray("bases")), keywords(o.getAsJsonArray("keywords")),
                            stmts(o.getAsJsonArray("body")), exprs(o.getAsJsonArray("decorator_list")));
                case "Return":
                    return new Stmt.Return(sp, exprOrNull(o, "value"));
                case "Delete":
                    return new Stmt.Delete(sp, exprs(o.getAsJsonArray("targets")));
                case "Assign":
                    return new Stmt.Assign(sp, exprs(o.getAsJsonArray("targets")), expr(o.getAsJsonObject("value")));
                case "AugAssign":
                    return new Stmt.AugAssign(sp, expr(o.getAsJsonObject("target")), operator(o.get("op").getAsString()),
                            expr(o.getAsJsonObject("value")));
                case "AnnAssign":
                    return new Stmt.AnnAssign(sp, expr(o.getAsJsonObject("target")),
                            expr(o.getAsJsonObject("annotation")), exprOrNull(o, "value"),
                            o.get("simple").getAsInt() != 0);
                case "For":
                case "AsyncFor":
                    return new Stmt.For(sp, expr(o.getAsJsonObject("target")), expr(o.getAsJsonObject("iter")),
                            stmts(o.getAsJsonArray("body")), stmts(o.getAsJsonArray("orelse")), t.startsWith("Async"));
                case "While":
                    return new Stmt.While(sp, expr(o.getAsJsonObject("test")), stmts(o.getAsJsonArray("body")),
                            stmts(o.getAsJsonArray("orelse")));
                case "If":
                    return new Stmt.If(sp, expr(o.getAsJsonObject("test")), stmts(o.getAsJsonArray("body")),
                            stmts(o.getAsJsonArray("orelse")));
                case "With":
                case "AsyncWith": {
                    List<WithItem> items = new ArrayList<>();
                    for (JsonElement e : o.getAsJsonArray("items")) {
                        JsonObject w = e.getAsJsonObject();
                        items.add(new WithItem(expr(w.getAsJsonObject("context_expr")), exprOrNull(w, "optional_vars")));
                    }
                    return new Stmt.With(sp, items, stmts(o.getAsJsonArray("body")), t.startsWith("Async"));
                }
                case "Match": {
                    List<MatchCase> cases = new ArrayList<>();
                    for (JsonElement e : o.getAsJsonArray("cases")) {
                        JsonObject c = e.getAsJsonObject();
                        cases.add(new MatchCase(pattern(c.getAsJsonObject("pattern")), exprOrNull(c, "guard"),
                                stmts(c.getAsJsonArray("body"))));
                    }
                    return new Stmt.Match(sp, expr(o.getAsJsonObject("subject")), cases);
                }
                case "Raise":
                    return new Stmt.Raise(sp, exprOrNull(o, "exc"), exprOrNull(o, "cause"));
                case "Try":
                case "TryStar": {
                    List<ExceptHandler> hs = new ArrayList<>();
                    for (JsonElement e : o.getAsJsonArray("handlers")) {
                        JsonObject h = e.getAsJsonObject();
                        hs.add(new ExceptHandler(span(h), exprOrNull(h, "type"), ident(h, "name", "name_span"),
                                stmts(h.getAsJsonArray("body"))));
                    }
                    return new Stmt.Try(sp, stmts(o.getAsJsonArray("body")), hs, stmts(o.getAsJsonArray("orelse")),
                            stmts(o.getAsJsonArray("finalbody")), t.equals("TryStar"));
                }
                case "Assert":
                    return new Stmt.Assert(sp, expr(o.getAsJsonObject("test")), exprOrNull(o, "msg"));
                case "Import":
                    return new Stmt.Import(sp, aliases(o.getAsJsonArray("names")));
                case "ImportFrom": {
                    Identifier mod = isNull(o, "module") ? null
                            : new Identifier(o.has("module_span") ? spanOf(o.getAsJsonArray("module_span")) : sp,
                            o.get("module").getAsString());
                    return new Stmt.ImportFrom(sp, mod, aliases(o.getAsJsonArray("names")),
                            isNull(o, "level") ? 0 : o.get("level").getAsInt());
                }
                case "Global":
                case "Nonlocal": {
                    List<Identifier> ids = new ArrayList<>();
                    JsonArray names = o.getAsJsonArray("names");
                    JsonArray spans = o.getAsJsonArray("name_spans");
                    for (int i = 0; i < names.size(); i++) {
                        ids.add(new Identifier(spanOf(spans.get(i).getAsJsonArray()), names.get(i).getAsString()));
                    }
                    return t.equals("Global") ? new Stmt.Global(sp, ids) : new Stmt.Nonlocal(sp, ids);
                }
                case "Expr":
                    return new Stmt.Expression(sp, expr(o.getAsJsonObject("value")));
                case "Pass":
                    return new Stmt.Pass(sp);
                case "Break":
                    return new Stmt.Break(sp);
                case "Continue":
                    return new Stmt.Continue(sp);
                default:
                    return new Stmt.Invalid(sp);
            }
        }

        List<Alias> aliases(JsonArray a) {
            List<Alias> out = new ArrayList<>();
            for (JsonElement e : a) {
                JsonObject o = e.getAsJsonObject();
                Span sp = o.has("span") ? span(o) : Span.EMPTY;
                out.add(new Alias(sp, o.get("name").getAsString(), ident(o, "asname", "asname_span")));
            }
            return out;
        }

        List<Keyword> keywords(JsonArray a) {
            List<Keyword> out = new ArrayList<>();
            for (JsonElement e : a) {
                JsonObject o = e.getAsJsonObject();
                out.add(new Keyword(span(o), ident(o, "arg", "arg_span"), expr(o.getAsJsonObject("value"))));
            }
            return out;
        }

        Arg arg(JsonObject o) {
            return new Arg(span(o), o.get("arg").getAsString(), exprOrNull(o, "annotation"));
        }

        List<Arg> args(JsonArray a) {
            List<Arg> out = new ArrayList<>();
            for (JsonElement e : a) {
                out.add(arg(e.getAsJsonObject()));
            }
            return out;
        }

        Arguments arguments(JsonObject o) {
            return new Arguments(args(o.getAsJsonArray("posonlyargs")), args(o.getAsJsonArray("args")),
                    isNull(o, "vararg") ? null : arg(o.getAsJsonObject("vararg")), args(o.getAsJsonArray("kwonlyargs")),
                    exprs(o.getAsJsonArray("kw_defaults")),
                    isNull(o, "kwarg") ? null : arg(o.getAsJsonObject("kwarg")), exprs(o.getAsJsonArray("defaults")));
        }

        List<Comprehension> comps(JsonArray a) {
            List<Comprehension> out = new ArrayList<>();
            for (JsonElement e : a) {
                JsonObject o = e.getAsJsonObject();
                out.add(new Comprehension(expr(o.getAsJsonObject("target")), expr(o.getAsJsonObject("iter")),
                        exprs(o.getAsJsonArray("ifs")), o.get("is_async").getAsInt() != 0));
            }
            return out;
        }

        static Ctx ctx(JsonObject o) {
            String c = isNull(o, "ctx") ? "Load" : o.get("ctx").getAsString();
            return c.equals("Store") ? Ctx.STORE : c.equals("Del") ? Ctx.DEL : Ctx.LOAD;
        }

        static Operator operator(String s) {
            switch (s) {
                case "Add": return Operator.ADD;
                case "Sub": return Operator.SUB;
                case "Mult": return Operator.MULT;
                case "MatMult": return Operator.MATMULT;
                case "Div": return Operator.DIV;
                case "Mod": return Operator.MOD;
                case "Pow": return Operator.POW;
                case "LShift": return Operator.LSHIFT;
                case "RShift": return Operator.RSHIFT;
                case "BitOr": return Operator.BITOR;
                case "BitXor": return Operator.BITXOR;
                case "BitAnd": return Operator.BITAND;
                default: return Operator.FLOORDIV;
            }
        }

        static CmpOperator cmp(String s) {
            switch (s) {
                case "Eq": return CmpOperator.EQ;
                case "NotEq": return CmpOperator.NOT_EQ;
                case "Lt": return CmpOperator.LT;
                case "LtE": return CmpOperator.LT_E;
                case "Gt": return CmpOperator.GT;
                case "GtE": return CmpOperator.GT_E;
                case "Is": return CmpOperator.IS;
                case "IsNot": return CmpOperator.IS_NOT;
                case "In": return CmpOperator.IN;
                default: return CmpOperator.NOT_IN;
            }
        }

        Expr expr(JsonObject o) {
            String t = o.get("_t").getAsString();
            Span sp = span(o);
            switch (t) {
                case "BoolOp":
                    return new Expr.BoolOp(sp, o.get("op").getAsString().equals("And") ? BoolOperator.AND
                            : BoolOperator.OR, exprs(o.getAsJsonArray("values")));
                case "NamedExpr":
                    return new Expr.NamedExpr(sp, (Expr.Name) expr(o.getAsJsonObject("target")),
                            expr(o.getAsJsonObject("value")));
                case "BinOp":
                    return new Expr.BinOp(sp, expr(o.getAsJsonObject("left")), operator(o.get("op").getAsString()),
                            expr(o.getAsJsonObject("right")));
                case "UnaryOp": {
                    String op = o.get("op").getAsString();
                    UnaryOperator u = op.equals("Not") ? UnaryOperator.NOT : op.equals("USub") ? UnaryOperator.USUB
                            : op.equals("UAdd") ? UnaryOperator.UADD : UnaryOperator.INVERT;
                    return new Expr.UnaryOp(sp, u, expr(o.getAsJsonObject("operand")));
                }
                case "Lambda":
                    return new Expr.Lambda(sp, arguments(o.getAsJsonObject("args")), expr(o.getAsJsonObject("body")));
                case "IfExp":
                    return new Expr.IfExp(sp, expr(o.getAsJsonObject("test")), expr(o.getAsJsonObject("body")),
                            expr(o.getAsJsonObject("orelse")));
                case "Dict":
                    return new Expr.DictDisplay(sp, exprs(o.getAsJsonArray("keys")), exprs(o.getAsJsonArray("values")));
                case "Set":
                    return new Expr.SetDisplay(sp, exprs(o.getAsJsonArray("elts")));
                case "ListComp":
                    return new Expr.ListComp(sp, expr(o.getAsJsonObject("elt")), comps(o.getAsJsonArray("generators")));
                case "SetComp":
                    return new Expr.SetComp(sp, expr(o.getAsJsonObject("elt")), comps(o.getAsJsonArray("generators")));
                case "DictComp":
                    return new Expr.DictComp(sp, expr(o.getAsJsonObject("key")), expr(o.getAsJsonObject("value")),
                            comps(o.getAsJsonArray("generators")));
                case "GeneratorExp":
                    return new Expr.GeneratorExp(sp, expr(o.getAsJsonObject("elt")),
                            comps(o.getAsJsonArray("generators")));
                case "Await":
                    return new Expr.Await(sp, expr(o.getAsJsonObject("value")));
                case "Yield":
                    return new Expr.Yield(sp, exprOrNull(o, "value"));
                case "YieldFrom":
                    return new Expr.YieldFrom(sp, expr(o.getAsJsonObject("value")));
                case "Compare": {
                    List<CmpOperator> ops = new ArrayList<>();
                    for (JsonElement e : o.getAsJsonArray("ops")) {
                        ops.add(cmp(e.getAsString()));
                    }
                    return new Expr.Compare(sp, expr(o.getAsJsonObject("left")), ops,
                            exprs(o.getAsJsonArray("comparators")));
                }
                case "Call":
                    return new Expr.Call(sp, expr(o.getAsJsonObject("func")), exprs(o.getAsJsonArray("args")),
                            keywords(o.getAsJsonArray("keywords")));
                case "FormattedValue": {
                    Expr spec = exprOrNull(o, "format_spec");
                    return new Expr.FormattedValue(sp, expr(o.getAsJsonObject("value")),
                            o.get("conversion").isJsonNull() ? -1 : o.get("conversion").getAsInt(),
                            spec instanceof Expr.JoinedStr j ? j : null);
                }
                case "JoinedStr":
                    return new Expr.JoinedStr(sp, exprs(o.getAsJsonArray("values")));
                case "Constant":
                    return new Expr.Constant(sp, ConstantKind.valueOf(o.get("kind").getAsString()),
                            o.get("raw").getAsString());
                case "Attribute":
                    return new Expr.Attribute(sp, expr(o.getAsJsonObject("value")),
                            new Identifier(spanOf(o.getAsJsonArray("attr_span")), o.get("attr").getAsString()), ctx(o));
                case "Subscript":
                    return new Expr.Subscript(sp, expr(o.getAsJsonObject("value")), expr(o.getAsJsonObject("slice")),
                            ctx(o));
                case "Starred":
                    return new Expr.Starred(sp, expr(o.getAsJsonObject("value")), ctx(o));
                case "Name":
                    return new Expr.Name(sp, o.get("id").getAsString(), ctx(o));
                case "List":
                    return new Expr.ListDisplay(sp, exprs(o.getAsJsonArray("elts")), ctx(o));
                case "Tuple":
                    return new Expr.TupleDisplay(sp, exprs(o.getAsJsonArray("elts")), ctx(o));
                case "Slice":
                    return new Expr.Slice(sp, exprOrNull(o, "lower"), exprOrNull(o, "upper"), exprOrNull(o, "step"));
                default:
                    return new Expr.Invalid(sp);
            }
        }

        Pattern pattern(JsonObject o) {
            String t = o.get("_t").getAsString();
            Span sp = span(o);
            switch (t) {
                case "MatchValue":
                    return new Pattern.MatchValue(sp, expr(o.getAsJsonObject("value")));
                case "MatchSingleton":
                    {
                    JsonElement v = o.get("value");
                    ConstantKind k = v == null || v.isJsonNull() ? ConstantKind.NONE
                            : v.getAsBoolean() ? ConstantKind.TRUE : ConstantKind.FALSE;
                    return new Pattern.MatchSingleton(sp, k);
                }
                case "MatchSequence":
                    return new Pattern.MatchSequence(sp, patterns(o.getAsJsonArray("patterns")));
                case "MatchMapping":
                    return new Pattern.MatchMapping(sp, exprs(o.getAsJsonArray("keys")),
                            patterns(o.getAsJsonArray("patterns")), ident(o, "rest", "rest_span"));
                case "MatchClass": {
                    List<Identifier> kw = new ArrayList<>();
                    JsonArray names = o.getAsJsonArray("kwd_attrs");
                    JsonArray spans = o.getAsJsonArray("kwd_spans");
                    for (int i = 0; i < names.size(); i++) {
                        kw.add(new Identifier(spanOf(spans.get(i).getAsJsonArray()), names.get(i).getAsString()));
                    }
                    return new Pattern.MatchClass(sp, expr(o.getAsJsonObject("cls")),
                            patterns(o.getAsJsonArray("patterns")), kw, patterns(o.getAsJsonArray("kwd_patterns")));
                }
                case "MatchStar":
                    return new Pattern.MatchStar(sp, ident(o, "name", "name_span"));
                case "MatchAs":
                    return new Pattern.MatchAs(sp, isNull(o, "pattern") ? null : pattern(o.getAsJsonObject("pattern")),
                            ident(o, "name", "name_span"));
                default:
                    return new Pattern.MatchOr(sp, patterns(o.getAsJsonArray("patterns")));
            }
        }

        List<Pattern> patterns(JsonArray a) {
            List<Pattern> out = new ArrayList<>();
            for (JsonElement e : a) {
                out.add(pattern(e.getAsJsonObject()));
            }
            return out;
        }
    }
}
