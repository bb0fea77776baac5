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
        if (c != null) {
            try {
                c.logMessage(new MessageParams(type, message));
            } catch (RuntimeException ignored) {
                // the connection is gone; stderr already has the line
            }
        }
    }
}
