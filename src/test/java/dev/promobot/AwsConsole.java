package dev.promobot;

import dev.promobot.aws.AwsClients;
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
        try (LambdaClient lambda = AwsClients.lambdaClient(StandIns.aws().region(),
                Optional.of(StandIns.aws().endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("console", "console")))) {
            lambda.updateFunctionCode(request -> request.functionName(function).imageUri(imageUri));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Successful".equals(lambda.getFunction(
                    request -> request.functionName(function)).configuration().lastUpdateStatusAsString()));
        }
    }
}
