package dev.memlens.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "bench-lsp", description = "Measure language server latency, startup and memory.")
public final class BenchLspCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
