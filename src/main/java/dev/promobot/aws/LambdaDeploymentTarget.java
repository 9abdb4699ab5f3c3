package dev.promobot.aws;

import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.DeploymentFailed;
import dev.promobot.promotion.DeploymentTarget;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.FunctionImage;
import dev.promobot.rules.Image;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda functions of each environment, through the AWS SDK. A deployment updates the functions one after the
 * other, waits for each update with the SDK's waiter, and checks the digest Lambda resolved; on any failure it puts
 * the functions it already changed back on their previous image.
 */
public class LambdaDeploymentTarget implements DeploymentTarget {

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
    public Deployed deploy(Environment environment, Image image, String imageUri) {
        Instant started = clock.instant();
        // Read every function first: if one cannot be read, nothing has been touched yet.
        Map<String, FunctionImage> before = new LinkedHashMap<>();
        for (String function : environment.functions()) {
            before.put(function, functionImage(function, getFunction(function, "reading")));
        }
        List<String> touched = new ArrayList<>();
        List<FunctionImage> after = new ArrayList<>();
        for (String function : environment.functions()) {
            try {
                update(function, imageUri);
                touched.add(function);
                FunctionImage now = waitUntilUpdated(function);
                if (!now.resolvedDigest().equals(Optional.of(image.digest()))) {
                    throw new UpdateFailed("it runs digest " + now.resolvedDigest().map(Digest::shortForm)
                            .orElse("(none)") + " instead of " + image.digest().shortForm() + " (" + image.label()
                            + ")", null);
                }
                after.add(now);
            } catch (UpdateFailed | AwsProblem failure) {
                String reason = failure instanceof AwsProblem problem ? problem.sentence() : failure.getMessage();
                List<String> restored = new ArrayList<>();
                List<String> notRestored = new ArrayList<>();
                putBack(touched, before, restored, notRestored);
                throw new DeploymentFailed(function, reason, restored, notRestored, failure);
            }
        }
        return new Deployed(environment, image, after, Duration.between(started, clock.instant()));
    }

    private void putBack(List<String> touched, Map<String, FunctionImage> before, List<String> restored,
                         List<String> notRestored) {
        for (String function : touched) {
            FunctionImage previous = before.get(function);
            try {
                FunctionImage current = functionImage(function, getFunction(function, "checking"));
                if (current.resolvedDigest().equals(previous.resolvedDigest())) {
                    continue; // the failed update left it on its previous image
                }
                String previousUri = previous.imageUri().orElseThrow(() -> new UpdateFailed("no previous image", null));
                update(function, previousUri);
                FunctionImage now = waitUntilUpdated(function);
                if (now.resolvedDigest().equals(previous.resolvedDigest())) {
                    restored.add(function);
                } else {
                    notRestored.add(function);
                }
            } catch (UpdateFailed | AwsProblem e) {
                LOG.errorf(e, "Could not put %s back on %s", function, previous.imageUri().orElse("its previous image"));
                notRestored.add(function);
            }
        }
    }

    private void update(String function, String imageUri) {
        try {
            lambda.updateFunctionCode(request -> request.functionName(function).imageUri(imageUri));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "updating Lambda function " + function, functionNotFound(function));
        }
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
            String reason = Optional.ofNullable(failed.configuration().lastUpdateStatusReason())
                    .filter(text -> !text.isBlank()).orElse("the update did not finish (" + e.getMessage() + ")");
            throw new UpdateFailed("Lambda reports " + failed.configuration().lastUpdateStatusAsString() + ": "
                    + reason, e);
        }
        throw new UpdateFailed("the update did not finish", null);
    }

    private GetFunctionResponse getFunction(String function, String doing) {
        try {
            return lambda.getFunction(request -> request.functionName(function));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, doing + " Lambda function " + function, functionNotFound(function));
        }
    }

    private static String functionNotFound(String function) {
        return "Lambda function " + function + " was not found";
    }

    private static FunctionImage functionImage(String function, GetFunctionResponse response) {
        FunctionCodeLocation code = response.code();
        Optional<String> imageUri = Optional.ofNullable(code).map(FunctionCodeLocation::imageUri);
        Optional<Digest> digest = Optional.ofNullable(code).map(FunctionCodeLocation::resolvedImageUri)
                .filter(uri -> uri.contains("@"))
                .flatMap(uri -> Digest.parse(uri.substring(uri.lastIndexOf('@') + 1)).value());
        return new FunctionImage(function, imageUri, digest);
    }

    /** A function update that did not end with the function on the wanted image. */
    private static final class UpdateFailed extends RuntimeException {
        UpdateFailed(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
