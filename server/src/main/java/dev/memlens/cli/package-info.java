/**
 * The {@code memlens} command line (picocli): {@code check}, {@code explain}, {@code facts}, {@code parse},
 * {@code bench-lsp} and {@code serve}. It sits at the right end of the layers and may import any of them.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Exit codes are fixed ({@code ExitCodes}): 0 clean, 1 problems found or unreadable input, 2 usage error,
 *       3 internal error.</li>
 *   <li>Output is in file order whatever the thread count; diagnostics go to standard output, the summary line
 *       to standard error.</li>
 *   <li>The commands use the same features and analysis code as the language server: no logic of their own about
 *       Python's memory model.</li>
 * </ul>
 */
package dev.memlens.cli;
