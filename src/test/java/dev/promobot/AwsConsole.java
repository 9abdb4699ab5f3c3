package dev.promobot;

import dev.promobot.aws.AwsClients;
import dev.promobot.sandbox.AwsStandIn;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Changes made behind promobot's back, the way CI or a person in the AWS console would make them. */
public final class AwsConsole {

    private AwsConsole() {
    }

    /** Points a function at an image URI and waits until Lambda has finished the update. */
    public static void deploy(String function, String imageUri) {
        deploy(StandIns.aws(), function, imageUri);
    }

    /** Reads the function, as anyone watching it would, until no update of it is in progress. */
    public static void waitUntilUpdated(AwsStandIn aws, String function) {
        try (LambdaClient lambda = client(aws)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !"InProgress".equals(lambda.getFunction(
                    request -> request.functionName(function)).configuration().lastUpdateStatusAsString()));
        }
    }

    private static LambdaClient client(AwsStandIn aws) {
        return AwsClients.lambdaClient(aws.region(), Optional.of(aws.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("console", "console")));
    }

    /** The same, on a stand-in of the test's own. */
    public static void deploy(AwsStandIn aws, String function, String imageUri) {
        try (LambdaClient lambda = client(aws)) {
            lambda.updateFunctionCode(request -> request.functionName(function).imageUri(imageUri));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Successful".equals(lambda.getFunction(
                    request -> request.functionName(function)).configuration().lastUpdateStatusAsString()));
        }
    }
}
