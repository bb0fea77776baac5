package dev.memlens.lsp;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * lsp4j reports through java.util.logging (an unparseable message, an unknown notification); without this its
 * multi-line stack traces go to stderr around our log. Through here each becomes one line of the server log, at our
 * level: warnings stay warnings, lsp4j's informational chatter ({@code $/} notifications we ignore) is debug.
 */
final class Lsp4jLogBridge extends Handler {

    private static final SimpleFormatter FORMAT = new SimpleFormatter();
    private final ServerLog log;

    private Lsp4jLogBridge(ServerLog log) {
        this.log = log;
    }

    /** Routes lsp4j's logger to {@code log}; returns the logger, which the caller keeps so it is not collected. */
    static Logger install(ServerLog log) {
        Logger lsp4j = Logger.getLogger("org.eclipse.lsp4j");
        for (Handler h : lsp4j.getHandlers()) {
            lsp4j.removeHandler(h);
        }
        lsp4j.setUseParentHandlers(false);
        lsp4j.addHandler(new Lsp4jLogBridge(log));
        return lsp4j;
    }

    @Override
    public void publish(LogRecord record) {
        String message = FORMAT.formatMessage(record);
        if (record.getThrown() != null) {
            message += ": " + record.getThrown();
        }
        message = "lsp4j: " + message.replace('\n', ' ');
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            log.error(message);
        } else if (level >= Level.WARNING.intValue()) {
            log.warn(message);
        } else {
            log.debug(message);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
