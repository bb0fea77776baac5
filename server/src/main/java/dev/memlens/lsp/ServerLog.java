package dev.memlens.lsp;

import dev.memlens.features.FeatureLog;
import dev.memlens.features.Settings.LogLevel;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.PrintStream;

/**
 * The server's log: every line goes to stderr (editors keep it in their output panel) and, once connected, to the
 * client as {@code window/logMessage}. The level comes from {@code memlens.log.level}. Never stdout: that is the
 * protocol's.
 */
public final class ServerLog implements FeatureLog {

    private final PrintStream err;
    private volatile LanguageClient client;
    /**
     * Set while this thread sends a line to the client. lsp4j reports a failed send through its own logger, which
     * {@link Lsp4jLogBridge} routes back here: that report must not be sent again (a broken pipe would loop).
     */
    private final ThreadLocal<boolean[]> sending = ThreadLocal.withInitial(() -> new boolean[2]);
    private volatile LogLevel level = LogLevel.INFO;

    public ServerLog(PrintStream err) {
        this.err = err;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void setLevel(LogLevel level) {
        this.level = level;
    }

    public LogLevel level() {
        return level;
    }

    public void error(String message) {
        log(LogLevel.ERROR, MessageType.Error, message);
    }

    @Override
    public void warn(String message) {
        log(LogLevel.WARNING, MessageType.Warning, message);
    }

    public void info(String message) {
        log(LogLevel.INFO, MessageType.Info, message);
    }

    public void debug(String message) {
        log(LogLevel.DEBUG, MessageType.Log, message);
    }

    public boolean debugEnabled() {
        return level == LogLevel.DEBUG;
    }

    private void log(LogLevel at, MessageType type, String message) {
        LogLevel current = level;
        if (current == LogLevel.OFF || current.ordinal() < at.ordinal()) {
            return;
        }
        err.println("[memlens " + at.name().toLowerCase(java.util.Locale.ROOT) + "] " + message);
        LanguageClient c = client;
        boolean[] state = sending.get(); // [0]: sending now, [1]: something was logged while sending
        if (state[0]) {
            state[1] |= at.ordinal() <= LogLevel.WARNING.ordinal(); // lsp4j's "Failed to send" is a warning
            return;
        }
        if (c != null) {
            state[0] = true;
            state[1] = false;
            try {
                c.logMessage(new MessageParams(type, message));
            } catch (RuntimeException e) {
                state[1] = true;
            } finally {
                state[0] = false;
            }
            if (state[1] && client == c) {
                // the send failed (lsp4j said so, or threw): stop sending, or every later line fails again
                client = null;
                err.println("[memlens warning] the client's log cannot be reached; logging to stderr only");
            }
        }
    }
}
