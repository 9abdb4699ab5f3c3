package dev.promobot.promotion;

import org.jboss.logging.MDC;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the log context (the update, deployment or request a line is about) into work handed to another thread,
 * so the lines logged there name it too, and leaves that thread's own context as it found it. A pooled thread
 * otherwise keeps whatever context it inherited when it was created, which belongs to another action.
 */
public final class LogContext {

    private LogContext() {
    }

    public static <T> Supplier<T> carried(Supplier<T> work) {
        Map<String, Object> context = MDC.getMap();
        return () -> {
            Map<String, Object> own = MDC.getMap();
            replace(context);
            try {
                return work.get();
            } finally {
                replace(own);
            }
        };
    }

    public static Runnable carried(Runnable work) {
        Supplier<Void> carried = carried(() -> {
            work.run();
            return null;
        });
        return carried::get;
    }

    private static void replace(Map<String, Object> context) {
        MDC.clear();
        context.forEach(MDC::put);
    }
}
