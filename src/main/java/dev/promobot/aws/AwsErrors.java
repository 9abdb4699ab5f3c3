package dev.promobot.aws;

import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.AwsProblem.Kind;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.Set;

/**
 * Turns AWS SDK exceptions into {@link AwsProblem}s: one short sentence for the chat, the whole story in the log.
 */
final class AwsErrors {

    private static final Logger LOG = Logger.getLogger(AwsErrors.class);

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "UnauthorizedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch");

    private static final Set<String> NOT_FOUND = Set.of("RepositoryNotFoundException", "ResourceNotFoundException",
            "LifecyclePolicyNotFoundException");

    private AwsErrors() {
    }

    /**
     * @param doing    what promobot was doing, for sentences like "while reading repository x"
     * @param notFound the sentence to give when AWS says the thing does not exist
     */
    static AwsProblem translate(SdkException e, String doing, String notFound) {
        AwsProblem problem = classify(e, doing, notFound);
        LOG.warnf(e, "AWS call failed while %s%s: %s", doing, actionOf(), problem.sentence());
        return problem;
    }

    /** The update or deployment the call was made for, as the log context names it (JSON logs carry it anyway). */
    private static String actionOf() {
        StringBuilder action = new StringBuilder();
        for (String key : new String[] {"update", "deployment"}) {
            Object id = MDC.get(key);
            if (id != null) {
                action.append(action.isEmpty() ? " (" : ", ").append(key).append(' ').append(id);
            }
        }
        return action.isEmpty() ? "" : action.append(')').toString();
    }

    /** The kind of failure alone, for counting: the same decisions as the sentences. */
    static Kind kindOf(Throwable e) {
        return e instanceof SdkException sdk ? classify(sdk, "calling AWS", "not found").kind() : Kind.FAILED;
    }

    private static AwsProblem classify(SdkException e, String doing, String notFound) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            if (service.isThrottlingException()) {
                return new AwsProblem(Kind.THROTTLED, "AWS kept throttling promobot while " + doing
                        + "; try again in a minute", e);
            }
            if (ACCESS_DENIED.contains(code) || service.statusCode() == 403) {
                return new AwsProblem(Kind.ACCESS_DENIED, "AWS denied promobot access while " + doing + " ("
                        + code + "); check the IAM permissions of its credentials", e);
            }
            if (NOT_FOUND.contains(code) || service.statusCode() == 404) {
                return new AwsProblem(Kind.NOT_FOUND, notFound, e);
            }
            if ("ImageNotFoundException".equals(code)) {
                // Lambda names the missing image when a function is pointed at one; the subject is the image.
                return new AwsProblem(Kind.NOT_FOUND, "AWS found no such image while " + doing
                        + message(service).map(m -> ": " + m).orElse(""), e);
            }
            return new AwsProblem(Kind.FAILED, "AWS refused a call while " + doing + " (" + code + ")"
                    + message(service).map(m -> ": " + m).orElse(""), e);
        }
        if (timedOut(e)) {
            return new AwsProblem(Kind.TIMED_OUT, "AWS did not answer in time while " + doing, e);
        }
        return new AwsProblem(Kind.FAILED, "could not reach AWS while " + doing, e);
    }

    private static Optional<String> message(AwsServiceException service) {
        return Optional.ofNullable(service.awsErrorDetails()).map(d -> d.errorMessage())
                .filter(m -> !m.isBlank()).map(AwsErrors::abbreviate);
    }

    /** AWS messages are meant for people but can be long; a chat line keeps the start. */
    private static String abbreviate(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "…";
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
