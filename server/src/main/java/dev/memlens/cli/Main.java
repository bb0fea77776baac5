package dev.memlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Temporary entry point of the lsp branch, so that {@code memlens serve} runs; the CLI branch owns the real one and
 * only needs to list {@link ServeCommand} and {@link BenchLspCommand} among its subcommands.
 */
@Command(name = "memlens", mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class, BenchLspCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        Integer served = ServeCommand.fastPath(args);
        if (served != null) {
            System.exit(served);
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
