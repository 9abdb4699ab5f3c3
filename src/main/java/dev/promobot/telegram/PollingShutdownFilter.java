package dev.promobot.telegram;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps the long-polling library's complaints about its own poll, which promobot cancels on purpose when it stops,
 * out of the log: without it every clean shutdown ends in an ERROR with a stack trace. Only while stopping, and
 * only the long-polling library's records.
 */
@LoggingFilter(name = "telegram-polling-shutdown")
public final class PollingShutdownFilter implements Filter {

    private static final String LONG_POLLING = "org.telegram.telegrambots.longpolling";

    /** Static: Quarkus creates log filters before any bean, so the connection reaches it here. */
    private static volatile boolean stopping;

    static void stopping(boolean value) {
        stopping = value;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(stopping && record.getLoggerName() != null && record.getLoggerName().startsWith(LONG_POLLING));
    }
}
