package dev.memlens.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void versionIsPrintedAndExitsZero() {
        Cli.Run run = Cli.run("--version");
        assertEquals(0, run.exit(), run::toString);
        // from target/classes there is no manifest: the fallback
        assertTrue(run.out().matches("memlens \\S+\\R"), run::toString);
        assertEquals("memlens " + ManifestVersion.version() + System.lineSeparator(), run.out());
    }

    @Test
    void helpListsTheSubcommands() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Usage: memlens"), run::toString);
        assertTrue(run.out().contains("parse"), run::toString);
    }

    @Test
    void helpOfASubcommand() {
        Cli.Run run = Cli.run("help", "parse");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Usage: memlens parse"), run::toString);
        assertTrue(run.out().contains("--bench"), run::toString);
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        var subcommands = Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())).getSubcommands();
        for (String name : subcommands.keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Cli.Run help = Cli.run(name, "--help");
            assertEquals(0, help.exit(), help::toString);
            // an alias (show) prints its command's own name (annotate)
            assertTrue(help.out().contains("Usage: memlens " + subcommands.get(name).getCommandName()),
                    help::toString);
            Cli.Run version = Cli.run(name, "--version");
            assertEquals(0, version.exit(), version::toString);
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli.Run run = Cli.run();
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("missing subcommand"), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Cli.Run run = Cli.run("frobnicate");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().startsWith("memlens: "), run::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Run run = Cli.run("parse", "--no-such-option", ".");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().startsWith("memlens parse: "), run::toString);
        assertTrue(run.err().contains("Try 'memlens parse --help'"), run::toString);
    }
}
