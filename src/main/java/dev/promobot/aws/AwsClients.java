package dev.promobot.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.config.Settings;
import dev.promobot.promotion.DeploymentTarget;
import dev.promobot.promotion.ImageRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS SDK clients promobot uses, built from its settings: region, optional endpoint override (emulators), the
 * default credentials provider chain, explicit timeouts, and the SDK's standard retry strategy for throttling.
 */
@ApplicationScoped
public class AwsClients {

    /** Per attempt and per call including retries: a slow AWS answer must not hold a chat command forever. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** Shared by the SDK clients and safe to reuse; its timeouts bound connecting and each read. */
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** The SDK's standard strategy, with more patience for throttling than for other errors. */
    public static ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(6)
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200),
                                Duration.ofSeconds(10)))
                        .build())
                .build();
    }

    /** An ECR client as promobot configures it; tests pass the credentials of their emulator. */
    public static EcrClient ecrClient(String region, Optional<URI> endpointOverride, AwsCredentialsProvider credentials) {
        return configure(EcrClient.builder(), region, endpointOverride, credentials, overrideConfiguration()).build();
    }

    /** A Lambda client as promobot configures it; tests pass the credentials of their emulator. */
    public static LambdaClient lambdaClient(String region, Optional<URI> endpointOverride,
                                            AwsCredentialsProvider credentials) {
        return configure(LambdaClient.builder(), region, endpointOverride, credentials, overrideConfiguration())
                .build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, String region, Optional<URI> endpointOverride, AwsCredentialsProvider credentials,
            ClientOverrideConfiguration override) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(httpClient())
                .overrideConfiguration(override);
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The standard configuration, with every failed call counted in /q/metrics. */
    private static ClientOverrideConfiguration counted(MeterRegistry registry) {
        return overrideConfiguration().toBuilder().addExecutionInterceptor(new AwsCallMetrics(registry)).build();
    }

    @Produces
    @Singleton
    EcrClient ecr(Settings settings, MeterRegistry registry) {
        return configure(EcrClient.builder(), settings.awsRegion(), settings.awsEndpointOverride(),
                DefaultCredentialsProvider.builder().build(), counted(registry)).build();
    }

    @Produces
    @Singleton
    LambdaClient lambda(Settings settings, MeterRegistry registry) {
        return configure(LambdaClient.builder(), settings.awsRegion(), settings.awsEndpointOverride(),
                DefaultCredentialsProvider.builder().build(), counted(registry)).build();
    }

    void close(@Disposes EcrClient ecr) {
        ecr.close();
    }

    void close(@Disposes LambdaClient lambda) {
        lambda.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /*
     * The adapters are application-scoped, so the SDK clients behind them (and their several hundred classes) are
     * built at their first use, not during start-up.
     */
    @Produces
    @ApplicationScoped
    ImageRegistries imageRegistries(EcrClient ecr, ObjectMapper json) {
        return new EcrImageRegistries(ecr, json);
    }

    @Produces
    @ApplicationScoped
    DeploymentTarget deploymentTarget(LambdaClient lambda, Clock clock) {
        return new LambdaDeploymentTarget(lambda, LambdaDeploymentTarget.Waiting.DEFAULT, clock);
    }
}
