package dev.memlens.syntax;

import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Identifier;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.WithItem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Copies of AST nodes with every offset moved by {@code delta}: the statements after an edit are the same records
 * a fresh parse would make, only later or earlier in the text ({@link SourceParser#reparse} keeps them instead of
 * parsing them again). Copying is a walk that allocates; parsing the same statements costs about ten times more.
 * The visitors are exhaustive, so a new node kind fails to compile until it is shifted here.
 */
final class SpanShifter implements Stmt.Visitor<Stmt>, Expr.Visitor<Expr> {

    private final int delta;

    private SpanShifter(int delta) {
        this.delta = delta;
    }

    /** {@code statements} moved by {@code delta} characters (the same list when it is zero). */
    static List<Stmt> shift(List<Stmt> statements, int delta) {
        return delta == 0 ? statements : new SpanShifter(delta).stmts(statements);
    }

    private Span span(Span s) {
        return new Span(s.start() + delta, s.end() + delta);
    }

    private List<Stmt> stmts(List<Stmt> in) {
        return map(in, s -> s.accept(this));
    }

    private List<Expr> exprs(List<Expr> in) {
        return map(in, this::expr);
    }

    private Expr expr(Expr e) {
        return e == null ? null : e.accept(this);
    }

    private Identifier id(Identifier i) {
        return i == null ? null : new Identifier(span(i.span()), i.name());
    }

    private Arg arg(Arg a) {
        return a == null ? null : new Arg(span(a.span()), a.name(), expr(a.annotation()));
    }

    private Arguments args(Arguments a) {
        return new Arguments(map(a.posonlyargs(), this::arg), map(a.args(), this::arg), arg(a.vararg()),
                map(a.kwonlyargs(), this::arg), exprs(a.kwDefaults()), arg(a.kwarg()), exprs(a.defaults()));
    }

    private Keyword keyword(Keyword k) {
        return new Keyword(span(k.span()), id(k.arg()), expr(k.value()));
    }

    private List<TypeParam> typeParams(List<TypeParam> in) {
        return map(in, p -> {
            if (p instanceof TypeParam.TypeVar v) {
                return new TypeParam.TypeVar(span(v.span()), id(v.name()), expr(v.bound()), expr(v.defaultValue()));
            }
            if (p instanceof TypeParam.ParamSpec s) {
                return new TypeParam.ParamSpec(span(s.span()), id(s.name()), expr(s.defaultValue()));
            }
            TypeParam.TypeVarTuple t = (TypeParam.TypeVarTuple) p;
            return new TypeParam.TypeVarTuple(span(t.span()), id(t.name()), expr(t.defaultValue()));
        });
    }

    private List<Comprehension> generators(List<Comprehension> in) {
        return map(in, c -> new Comprehension(expr(c.target()), expr(c.iter()), exprs(c.ifs()), c.isAsync()));
    }

    private Expr.JoinedStr joined(Expr.JoinedStr j) {
        return j == null ? null : (Expr.JoinedStr) visitJoinedStr(j);
    }

    private Pattern pattern(Pattern p) {
        if (p == null) {
            return null;
        }
        if (p instanceof Pattern.MatchValue v) {
            return new Pattern.MatchValue(span(v.span()), expr(v.value()));
        }
        if (p instanceof Pattern.MatchSingleton s) {
            return new Pattern.MatchSingleton(span(s.span()), s.value());
        }
        if (p instanceof Pattern.MatchSequence s) {
            return new Pattern.MatchSequence(span(s.span()), map(s.patterns(), this::pattern));
        }
        if (p instanceof Pattern.MatchMapping m) {
            return new Pattern.MatchMapping(span(m.span()), exprs(m.keys()), map(m.patterns(), this::pattern),
                    id(m.rest()));
        }
        if (p instanceof Pattern.MatchClass c) {
            return new Pattern.MatchClass(span(c.span()), expr(c.cls()), map(c.patterns(), this::pattern),
                    map(c.kwdAttrs(), this::id), map(c.kwdPatterns(), this::pattern));
        }
        if (p instanceof Pattern.MatchStar s) {
            return new Pattern.MatchStar(span(s.span()), id(s.name()));
        }
        if (p instanceof Pattern.MatchAs a) {
            return new Pattern.MatchAs(span(a.span()), pattern(a.pattern()), id(a.name()));
        }
        Pattern.MatchOr o = (Pattern.MatchOr) p;
        return new Pattern.MatchOr(span(o.span()), map(o.patterns(), this::pattern));
    }

    /** Unmodifiable, as the parser's lists are (a shifted tree is compared with a parsed one by equals). */
    private static <T> List<T> map(List<T> in, UnaryOperator<T> f) {
        if (in.isEmpty()) {
            return in;
        }
        List<T> out = new ArrayList<>(in.size());
        for (T t : in) {
            out.add(f.apply(t));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    // ------------------------------------------------------------------ statements

    @Override
    public Stmt visitFunctionDef(Stmt.FunctionDef s) {
        return new Stmt.FunctionDef(span(s.span()), id(s.name()), typeParams(s.typeParams()), args(s.args()),
                stmts(s.body()), exprs(s.decorators()), expr(s.returns()), s.isAsync());
    }

    @Override
    public Stmt visitClassDef(Stmt.ClassDef s) {
        return new Stmt.ClassDef(span(s.span()), id(s.name()), typeParams(s.typeParams()), exprs(s.bases()),
                map(s.keywords(), this::keyword), stmts(s.body()), exprs(s.decorators()));
    }

    @Override
    public Stmt visitReturn(Stmt.Return s) {
        return new Stmt.Return(span(s.span()), expr(s.value()));
    }

    @Override
    public Stmt visitDelete(Stmt.Delete s) {
        return new Stmt.Delete(span(s.span()), exprs(s.targets()));
    }

    @Override
    public Stmt visitAssign(Stmt.Assign s) {
        return new Stmt.Assign(span(s.span()), exprs(s.targets()), expr(s.value()));
    }

    @Override
    public Stmt visitTypeAlias(Stmt.TypeAlias s) {
        return new Stmt.TypeAlias(span(s.span()), (Expr.Name) expr(s.name()), typeParams(s.typeParams()),
                expr(s.value()));
    }

    @Override
    public Stmt visitAugAssign(Stmt.AugAssign s) {
        return new Stmt.AugAssign(span(s.span()), expr(s.target()), s.op(), expr(s.value()));
    }

    @Override
    public Stmt visitAnnAssign(Stmt.AnnAssign s) {
        return new Stmt.AnnAssign(span(s.span()), expr(s.target()), expr(s.annotation()), expr(s.value()),
                s.simple());
    }

    @Override
    public Stmt visitFor(Stmt.For s) {
        return new Stmt.For(span(s.span()), expr(s.target()), expr(s.iter()), stmts(s.body()), stmts(s.orelse()),
                s.isAsync());
    }

    @Override
    public Stmt visitWhile(Stmt.While s) {
        return new Stmt.While(span(s.span()), expr(s.test()), stmts(s.body()), stmts(s.orelse()));
    }

    @Override
    public Stmt visitIf(Stmt.If s) {
        return new Stmt.If(span(s.span()), expr(s.test()), stmts(s.body()), stmts(s.orelse()));
    }

    @Override
    public Stmt visitWith(Stmt.With s) {
        return new Stmt.With(span(s.span()),
                map(s.items(), i -> new WithItem(expr(i.contextExpr()), expr(i.optionalVars()))), stmts(s.body()),
                s.isAsync());
    }

    @Override
    public Stmt visitMatch(Stmt.Match s) {
        return new Stmt.Match(span(s.span()), expr(s.subject()),
                map(s.cases(), c -> new MatchCase(pattern(c.pattern()), expr(c.guard()), stmts(c.body()))));
    }

    @Override
    public Stmt visitRaise(Stmt.Raise s) {
        return new Stmt.Raise(span(s.span()), expr(s.exc()), expr(s.cause()));
    }

    @Override
    public Stmt visitTry(Stmt.Try s) {
        return new Stmt.Try(span(s.span()), stmts(s.body()),
                map(s.handlers(), h -> new ExceptHandler(span(h.span()), expr(h.type()), id(h.name()),
                        stmts(h.body()))),
                stmts(s.orelse()), stmts(s.finalbody()), s.isStar());
    }

    @Override
    public Stmt visitAssert(Stmt.Assert s) {
        return new Stmt.Assert(span(s.span()), expr(s.test()), expr(s.msg()));
    }

    @Override
    public Stmt visitImport(Stmt.Import s) {
        return new Stmt.Import(span(s.span()), map(s.names(), this::alias), s.isLazy());
    }

    @Override
    public Stmt visitImportFrom(Stmt.ImportFrom s) {
        return new Stmt.ImportFrom(span(s.span()), id(s.module()), map(s.names(), this::alias), s.level(),
                s.isLazy());
    }

    private Alias alias(Alias a) {
        return new Alias(span(a.span()), a.name(), id(a.asname()));
    }

    @Override
    public Stmt visitGlobal(Stmt.Global s) {
        return new Stmt.Global(span(s.span()), map(s.names(), this::id));
    }

    @Override
    public Stmt visitNonlocal(Stmt.Nonlocal s) {
        return new Stmt.Nonlocal(span(s.span()), map(s.names(), this::id));
    }

    @Override
    public Stmt visitExpression(Stmt.Expression s) {
        return new Stmt.Expression(span(s.span()), expr(s.value()));
    }

    @Override
    public Stmt visitPass(Stmt.Pass s) {
        return new Stmt.Pass(span(s.span()));
    }

    @Override
    public Stmt visitBreak(Stmt.Break s) {
        return new Stmt.Break(span(s.span()));
    }

    @Override
    public Stmt visitContinue(Stmt.Continue s) {
        return new Stmt.Continue(span(s.span()));
    }

    @Override
    public Stmt visitInvalid(Stmt.Invalid s) {
        return new Stmt.Invalid(span(s.span()));
    }

    // ------------------------------------------------------------------ expressions

    @Override
    public Expr visitBoolOp(Expr.BoolOp e) {
        return new Expr.BoolOp(span(e.span()), e.op(), exprs(e.values()));
    }

    @Override
    public Expr visitNamedExpr(Expr.NamedExpr e) {
        return new Expr.NamedExpr(span(e.span()), (Expr.Name) expr(e.target()), expr(e.value()));
    }

    @Override
    public Expr visitBinOp(Expr.BinOp e) {
        return new Expr.BinOp(span(e.span()), expr(e.left()), e.op(), expr(e.right()));
    }

    @Override
    public Expr visitUnaryOp(Expr.UnaryOp e) {
        return new Expr.UnaryOp(span(e.span()), e.op(), expr(e.operand()));
    }

    @Override
    public Expr visitLambda(Expr.Lambda e) {
        return new Expr.Lambda(span(e.span()), args(e.args()), expr(e.body()));
    }

    @Override
    public Expr visitIfExp(Expr.IfExp e) {
        return new Expr.IfExp(span(e.span()), expr(e.test()), expr(e.body()), expr(e.orelse()));
    }

    @Override
    public Expr visitDictDisplay(Expr.DictDisplay e) {
        return new Expr.DictDisplay(span(e.span()), exprs(e.keys()), exprs(e.values()));
    }

    @Override
    public Expr visitSetDisplay(Expr.SetDisplay e) {
        return new Expr.SetDisplay(span(e.span()), exprs(e.elts()));
    }

    @Override
    public Expr visitListComp(Expr.ListComp e) {
        return new Expr.ListComp(span(e.span()), expr(e.elt()), generators(e.generators()));
    }

    @Override
    public Expr visitSetComp(Expr.SetComp e) {
        return new Expr.SetComp(span(e.span()), expr(e.elt()), generators(e.generators()));
    }

    @Override
    public Expr visitDictComp(Expr.DictComp e) {
        return new Expr.DictComp(span(e.span()), expr(e.key()), expr(e.value()), generators(e.generators()));
    }

    @Override
    public Expr visitGeneratorExp(Expr.GeneratorExp e) {
        return new Expr.GeneratorExp(span(e.span()), expr(e.elt()), generators(e.generators()));
    }

    @Override
    public Expr visitAwait(Expr.Await e) {
        return new Expr.Await(span(e.span()), expr(e.value()));
    }

    @Override
    public Expr visitYield(Expr.Yield e) {
        return new Expr.Yield(span(e.span()), expr(e.value()));
    }

    @Override
    public Expr visitYieldFrom(Expr.YieldFrom e) {
        return new Expr.YieldFrom(span(e.span()), expr(e.value()));
    }

    @Override
    public Expr visitCompare(Expr.Compare e) {
        return new Expr.Compare(span(e.span()), expr(e.left()), e.ops(), exprs(e.comparators()));
    }

    @Override
    public Expr visitCall(Expr.Call e) {
        return new Expr.Call(span(e.span()), expr(e.func()), exprs(e.args()), map(e.keywords(), this::keyword));
    }

    @Override
    public Expr visitFormattedValue(Expr.FormattedValue e) {
        return new Expr.FormattedValue(span(e.span()), expr(e.value()), e.conversion(), joined(e.formatSpec()));
    }

    @Override
    public Expr visitJoinedStr(Expr.JoinedStr e) {
        return new Expr.JoinedStr(span(e.span()), exprs(e.values()));
    }

    @Override
    public Expr visitInterpolation(Expr.Interpolation e) {
        return new Expr.Interpolation(span(e.span()), expr(e.value()), e.str(), e.conversion(),
                joined(e.formatSpec()));
    }

    @Override
    public Expr visitTemplateStr(Expr.TemplateStr e) {
        return new Expr.TemplateStr(span(e.span()), exprs(e.values()));
    }

    @Override
    public Expr visitConstant(Expr.Constant e) {
        return new Expr.Constant(span(e.span()), e.kind(), e.raw());
    }

    @Override
    public Expr visitAttribute(Expr.Attribute e) {
        return new Expr.Attribute(span(e.span()), expr(e.value()), id(e.attr()), e.ctx());
    }

    @Override
    public Expr visitSubscript(Expr.Subscript e) {
        return new Expr.Subscript(span(e.span()), expr(e.value()), expr(e.slice()), e.ctx());
    }

    @Override
    public Expr visitStarred(Expr.Starred e) {
        return new Expr.Starred(span(e.span()), expr(e.value()), e.ctx());
    }

    @Override
    public Expr visitName(Expr.Name e) {
        return new Expr.Name(span(e.span()), e.id(), e.ctx());
    }

    @Override
    public Expr visitListDisplay(Expr.ListDisplay e) {
        return new Expr.ListDisplay(span(e.span()), exprs(e.elts()), e.ctx());
    }

    @Override
    public Expr visitTupleDisplay(Expr.TupleDisplay e) {
        return new Expr.TupleDisplay(span(e.span()), exprs(e.elts()), e.ctx());
    }

    @Override
    public Expr visitSlice(Expr.Slice e) {
        return new Expr.Slice(span(e.span()), expr(e.lower()), expr(e.upper()), expr(e.step()));
    }

    @Override
    public Expr visitInvalid(Expr.Invalid e) {
        return new Expr.Invalid(span(e.span()));
    }
}
