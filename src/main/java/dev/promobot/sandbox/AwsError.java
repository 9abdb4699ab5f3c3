package dev.promobot.sandbox;

import java.util.Map;

/**
 * An error a stand-in service answers with. It carries only what both wire protocols need; {@link AwsStandIn}
 * renders it the way the service in question does (JSON 1.1 {@code __type} for ECR, {@code x-amzn-ErrorType}
 * for Lambda).
 */
final class AwsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    AwsError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    AwsError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
