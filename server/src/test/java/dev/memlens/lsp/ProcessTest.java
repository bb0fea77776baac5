package dev.memlens.lsp;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memlens serve --stdio} as its own process, started from the test classpath (so it runs before the jar is
 * packaged): stdout must carry nothing but protocol, and the exit code must follow shutdown/exit.
 */
class ProcessTest {

    @TempDir
    Path dir;

    static Process start(Path stderr, String... args) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "-cp", System.getProperty("java.class.path"), "dev.memlens.cli.Main", "serve"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    @Test
    void servesOverStdioAndExitsZeroAfterShutdown() throws Exception {
        Path err = dir.resolve("stderr.txt");
        long started = System.nanoTime();
        Process p = start(err, "--stdio");
        try (RawSession c = new RawSession(p.getInputStream(), p.getOutputStream())) {
            JsonObject init = c.initialize("vscode-initialize.json");
            long initMs = (System.nanoTime() - started) / 1_000_000;
            System.err.println("process start to initialize answered: " + initMs + " ms");
            assertEquals("memlens", init.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name")
                    .getAsString());
            String text = LspSession.resource("seed_tour.py");
            String uri = "file:///tmp/ws/seed_tour.py";
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":" + RawSession.quote(text) + "}}");
            JsonObject report = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + uri + "\"}}");
            assertEquals(ExpectedDiagnostics.count(text),
                    report.getAsJsonObject("result").getAsJsonArray("items").size());
            String broken = "def f(:\n    return [1, 2\n";
            String brokenUri = "file:///tmp/ws/broken.py";
            c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + brokenUri
                    + "\",\"languageId\":\"python\",\"version\":1,\"text\":" + RawSession.quote(broken) + "}}");
            JsonObject brokenReport = c.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + brokenUri
                    + "\"}}");
            assertEquals(ExpectedDiagnostics.count(broken),
                    brokenReport.getAsJsonObject("result").getAsJsonArray("items").size());
            c.call("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + uri
                    + "\"},\"position\":{\"line\":4,\"character\":0}}");
            assertTrue(c.call("shutdown", "null").has("result"));
            c.notify("exit", "null");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(err));
            assertTrue(c.garbage.isEmpty(), "stdout held more than protocol: " + c.garbage);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.readString(err).contains("memlens dev serving Visual Studio Code")
                || Files.readString(err).contains("serving Visual Studio Code"), Files.readString(err));
    }

    @Test
    void servesOneClientOnALocalSocket() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path err = dir.resolve("stderr.txt");
        Process p = start(err, "--socket", String.valueOf(port));
        try {
            java.net.Socket socket = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (socket == null) {
                try {
                    socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                } catch (java.net.ConnectException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
            try (RawSession c = new RawSession(socket.getInputStream(), socket.getOutputStream())) {
                c.initialize("neovim-0.7-initialize.json");
                assertTrue(c.call("shutdown", "null").has("result"));
                c.notify("exit", "null");
                assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), Files.readString(err));
            }
            assertTrue(Files.readString(err).contains("listening on"), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void exitWithoutShutdownIsOneAndSoIsAVanishedClient() throws Exception {
        Path err = dir.resolve("stderr.txt");
        Process p = start(err);
        try (RawSession c = new RawSession(p.getInputStream(), p.getOutputStream())) {
            c.initialize("neovim-0.7-initialize.json");
            c.notify("exit", "null");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
        Process q = start(err, "--stdio");
        try {
            q.getOutputStream().close();
            assertTrue(q.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, q.exitValue());
        } finally {
            q.destroyForcibly();
        }
    }
}
