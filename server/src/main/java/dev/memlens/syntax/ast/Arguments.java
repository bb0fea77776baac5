package dev.memlens.syntax.ast;

import java.util.List;

/**
 * A parameter list. {@code defaults} belong to the last positional parameters (posonly + args);
 * {@code kwDefaults} is parallel to {@code kwonlyargs} with null where there is no default.
 */
public record Arguments(List<Arg> posonlyargs, List<Arg> args, /* nullable */ Arg vararg, List<Arg> kwonlyargs,
                        List<Expr> kwDefaults, /* nullable */ Arg kwarg, List<Expr> defaults) {

    public static final Arguments EMPTY =
            new Arguments(List.of(), List.of(), null, List.of(), List.of(), null, List.of());
}
