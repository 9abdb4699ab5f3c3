package dev.promobot.aws;

import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.DeploymentFailed;
import dev.promobot.promotion.DeploymentTarget;
import dev.promobot.promotion.FunctionStatus;
import dev.promobot.promotion.OwnerCheck;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.FunctionImage;
import dev.promobot.rules.Image;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The Lambda functions of each environment, through the AWS SDK. A deployment updates the functions one after the
 * other, by digest and fenced by each function's RevisionId, waits for each update with the SDK's waiter, and checks
 * the digest Lambda resolved; on any failure it puts the functions it already changed back on their previous digest.
 */
public class LambdaDeploymentTarget implements DeploymentTarget {

    /**
     * Lambda allows an account 100 GetFunction requests a second. At most 4 at once keeps promobot near 80 a second
     * at 50 ms a call, however many services a /status reads side by side, and leaves room for the account's
     * other callers.
     */
    static final int CONCURRENT_READS = 4;

    private final Semaphore reads = new Semaphore(CONCURRENT_READS, true);

    private static final Logger LOG = Logger.getLogger(LambdaDeploymentTarget.class);

    /** How often to ask Lambda whether an update has finished, and for how long at most. */
    public record Waiting(Duration pollEvery, Duration atMost) {
        /** Image updates usually finish within a minute; large images can take several. */
        public static final Waiting DEFAULT = new Waiting(Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    private final LambdaClient lambda;
    private final LambdaWaiter waiter;
    private final Waiting waiting;
    private final Clock clock;

    public LambdaDeploymentTarget(LambdaClient lambda, Waiting waiting, Clock clock) {
        this.lambda = lambda;
        this.waiter = lambda.waiter();
        this.waiting = waiting;
        this.clock = clock;
    }

    @Override
    public EnvironmentState running(Environment environment) {
        return new EnvironmentState(environment.name(), environment.functions().stream()
                .map(function -> functionImage(function, getFunction(function, "reading"))).toList());
    }

    @Override
    public List<FunctionStatus> inspect(Environment environment) {
        return environment.functions().stream()
                .map(function -> functionStatus(function, getFunction(function, "reading"))).toList();
    }

    @Override
    public Duration longestWait() {
        return waiting.atMost();
    }

    @Override
    public Deployed deploy(Environment environment, Image image, String imageUri, OwnerCheck owner) {
        Instant started = clock.instant();
        // Read every function first: if one cannot be read, nothing has been touched yet. Each read's RevisionId
        // fences the update that follows it: a function changed meanwhile refuses the update.
        Map<String, GetFunctionResponse> before = new LinkedHashMap<>();
        for (String function : environment.functions()) {
            before.put(function, getFunction(function, "reading"));
        }
        List<String> touched = new ArrayList<>();
        Map<String, Optional<Digest>> landed = new LinkedHashMap<>();
        List<FunctionImage> after = new ArrayList<>();
        for (String function : environment.functions()) {
            try {
                owner.confirm();
                update(function, imageUri, before.get(function).configuration().revisionId(), image.digest());
                touched.add(function);
                FunctionImage now = waitUntilUpdated(function);
                landed.put(function, now.resolvedDigest());
                if (!now.resolvedDigest().equals(Optional.of(image.digest()))) {
                    throw new UpdateFailed("it runs digest " + now.resolvedDigest().map(Digest::shortForm)
                            .orElse("(none)") + " instead of " + image.digest().shortForm() + " (" + image.label()
                            + ")", null);
                }
                after.add(now);
            } catch (StillUpdating | OwnerCheck.LeaseLost undecided) {
                throw undecided; // nothing to put back while an update runs, or once the deployment is another's
            } catch (UpdateFailed | AwsProblem failure) {
                String reason = failure instanceof AwsProblem problem ? problem.sentence() : failure.getMessage();
                List<String> restored = new ArrayList<>();
                List<String> notRestored = new ArrayList<>();
                putBack(touched, before, name -> landed.getOrDefault(name, Optional.of(image.digest())),
                        restored, notRestored, owner);
                throw new DeploymentFailed(function, reason, restored, notRestored, failure);
            }
        }
        return new Deployed(environment, image, after, Duration.between(started, clock.instant()));
    }

    /**
     * Puts each function this deployment changed back on the digest it ran before, by digest, never by tag, and
     * only while it runs what this deployment put there: an image someone else deployed meanwhile stays.
     */
    private void putBack(List<String> touched, Map<String, GetFunctionResponse> before,
                         Function<String, Optional<Digest>> deployed, List<String> restored, List<String> notRestored,
                         OwnerCheck owner) {
        for (String function : touched) {
            FunctionImage previous = functionImage(function, before.get(function));
            try {
                GetFunctionResponse current = getFunction(function, "checking");
                Optional<Digest> runs = functionImage(function, current).resolvedDigest();
                if (runs.equals(previous.resolvedDigest())) {
                    continue; // the failed update left it on its previous image
                }
                if (!runs.equals(deployed.apply(function))) {
                    LOG.warnf("Not putting %s back: it runs %s, deployed outside promobot meanwhile", function,
                            runs.map(Digest::shortForm).orElse("an unknown image"));
                    notRestored.add(function);
                    continue;
                }
                Digest digest = previous.resolvedDigest()
                        .orElseThrow(() -> new UpdateFailed("its previous digest is unknown", null));
                String previousUri = repositoryOf(previous.imageUri()
                        .orElseThrow(() -> new UpdateFailed("no previous image", null))) + "@" + digest.value();
                owner.confirm();
                update(function, previousUri, current.configuration().revisionId(), digest);
                FunctionImage now = waitUntilUpdated(function);
                if (now.resolvedDigest().equals(previous.resolvedDigest())) {
                    restored.add(function);
                } else {
                    notRestored.add(function);
                }
            } catch (OwnerCheck.LeaseLost lost) {
                throw lost;
            } catch (UpdateFailed | AwsProblem e) {
                LOG.errorf(e, "Could not put %s back on %s", function,
                        previous.imageUri().orElse("its previous image"));
                notRestored.add(function);
            }
        }
    }

    /**
     * One UpdateFunctionCode, fenced by the RevisionId read before it. When its outcome is unknown (Lambda
     * refused it for a conflict or a changed revision, or did not answer after it may have accepted it), the
     * function is read until no update runs: if it then runs the wanted digest, the update took effect.
     */
    private void update(String function, String imageUri, String revisionId, Digest wanted) {
        try {
            lambda.updateFunctionCode(request -> request.functionName(function).imageUri(imageUri)
                    .revisionId(revisionId));
        } catch (ResourceConflictException | PreconditionFailedException | ServiceException | SdkClientException e) {
            LOG.warnf("UpdateFunctionCode of %s ended without a clear answer (%s); reading the function",
                    function, e.getMessage());
            FunctionImage now = waitUntilUpdated(function);
            if (!now.resolvedDigest().equals(Optional.of(wanted))) {
                throw AwsErrors.translate(e, "updating Lambda function " + function, functionNotFound(function));
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "updating Lambda function " + function, functionNotFound(function));
        }
    }

    /** {@code repo:tag} or {@code repo@sha256:...} to {@code repo}. */
    static String repositoryOf(String imageUri) {
        int at = imageUri.indexOf('@');
        if (at >= 0) {
            return imageUri.substring(0, at);
        }
        int colon = imageUri.lastIndexOf(':');
        return colon > imageUri.lastIndexOf('/') ? imageUri.substring(0, colon) : imageUri;
    }

    private FunctionImage waitUntilUpdated(String function) {
        WaiterOverrideConfiguration config = WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BackoffStrategy.fixedDelay(waiting.pollEvery()))
                .waitTimeout(waiting.atMost())
                .maxAttempts(Integer.MAX_VALUE)
                .build();
        try {
            var outcome = waiter.waitUntilFunctionUpdatedV2(
                    GetFunctionRequest.builder().functionName(function).build(), config).matched();
            if (outcome.response().isPresent()) {
                return functionImage(function, outcome.response().get());
            }
        } catch (SdkException e) {
            // The waiter ends in failure when the update failed; Lambda says why in the function's configuration.
            GetFunctionResponse failed = getFunction(function, "checking");
            if (failed.configuration().lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
                throw new StillUpdating(function, waiting.atMost(), e);
            }
            String reason = Optional.ofNullable(failed.configuration().lastUpdateStatusReason())
                    .filter(text -> !text.isBlank()).orElse("the update did not finish (" + e.getMessage() + ")");
            throw new UpdateFailed("Lambda reports " + failed.configuration().lastUpdateStatusAsString() + ": "
                    + reason, e);
        }
        throw new UpdateFailed("the update did not finish", null);
    }

    private GetFunctionResponse getFunction(String function, String doing) {
        try {
            reads.acquireUninterruptibly();
            try {
                return lambda.getFunction(request -> request.functionName(function));
            } finally {
                reads.release();
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, doing + " Lambda function " + function, functionNotFound(function));
        }
    }

    private static String functionNotFound(String function) {
        return "Lambda function " + function + " was not found";
    }

    private static FunctionStatus functionStatus(String function, GetFunctionResponse response) {
        FunctionStatus.Update update = switch (Optional.ofNullable(response.configuration())
                .map(configuration -> configuration.lastUpdateStatus()).orElse(LastUpdateStatus.SUCCESSFUL)) {
            case IN_PROGRESS -> FunctionStatus.Update.IN_PROGRESS;
            case FAILED -> FunctionStatus.Update.FAILED;
            default -> FunctionStatus.Update.SUCCESSFUL;
        };
        return new FunctionStatus(functionImage(function, response), update);
    }

    private static FunctionImage functionImage(String function, GetFunctionResponse response) {
        FunctionCodeLocation code = response.code();
        Optional<String> imageUri = Optional.ofNullable(code).map(FunctionCodeLocation::imageUri);
        Optional<Digest> digest = Optional.ofNullable(code).map(FunctionCodeLocation::resolvedImageUri)
                .filter(uri -> uri.contains("@"))
                .flatMap(uri -> Digest.parse(uri.substring(uri.lastIndexOf('@') + 1)).value());
        return new FunctionImage(function, imageUri, digest);
    }

    /** Lambda still reports the update in progress after the longest wait: the deployment is not decided yet. */
    private static final class StillUpdating extends AwsProblem {
        StillUpdating(String function, Duration waited, Throwable cause) {
            super(Kind.TIMED_OUT, "Lambda was still updating " + function + " after " + waited.toMinutes()
                    + " minutes", cause);
        }
    }

    /** A function update that did not end with the function on the wanted image. */
    private static final class UpdateFailed extends RuntimeException {
        UpdateFailed(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
