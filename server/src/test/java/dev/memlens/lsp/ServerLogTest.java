package dev.memlens.lsp;

import dev.memlens.features.Settings.LogLevel;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server log: stderr always, the client while it can be reached, and never a loop through lsp4j's logger. */
class ServerLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ServerLog log = new ServerLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    /** A client that only takes log messages. */
    private static LanguageClient client(java.util.function.Consumer<MessageParams> logMessage) {
        return (LanguageClient) java.lang.reflect.Proxy.newProxyInstance(ServerLogTest.class.getClassLoader(),
                new Class<?>[] {LanguageClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("logMessage")) {
                        logMessage.accept((MessageParams) args[0]);
                    }
                    return null;
                });
    }

    private String stderr() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesReachTheClientAndStderrAtTheirLevel() {
        List<String> sent = new ArrayList<>();
        log.connect(client(params -> sent.add(params.getMessage())));
        log.info("one");
        log.debug("hidden at info");
        log.setLevel(LogLevel.DEBUG);
        log.debug("two");
        assertEquals(List.of("one", "two"), sent);
        assertEquals("[memlens info] one\n[memlens debug] two\n", stderr().replace("\r\n", "\n"));
    }

    /** A client whose output is gone: lsp4j logs "Failed to send" for each notification, through our bridge. */
    @Test
    void aClientThatCannotBeReachedIsDroppedAfterOneFailedSend() {
        Logger keep = Lsp4jLogBridge.install(log);
        int[] attempts = {0};
        log.connect(client(params -> {
            attempts[0]++;
            // what lsp4j's RemoteEndpoint does when writing the notification fails
            Logger.getLogger("org.eclipse.lsp4j.jsonrpc.RemoteEndpoint").warning("Failed to send notification message.");
        }));
        for (int i = 0; i < 100; i++) {
            log.warn("line " + i);
        }
        assertEquals(1, attempts[0], "one failed send, then stderr only");
        String err = stderr();
        assertTrue(err.contains("[memlens warning] line 99"), err);
        assertEquals(1, err.split("Failed to send", -1).length - 1, "lsp4j's report appears once: " + err);
        assertTrue(err.contains("the client's log cannot be reached"), err);
        assertTrue(keep.getHandlers().length == 1);
    }
}
