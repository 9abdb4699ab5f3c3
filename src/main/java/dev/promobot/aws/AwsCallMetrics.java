package dev.promobot.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Locale;

/**
 * Counts the AWS calls that failed after the SDK's own retries, by service, operation and kind of failure
 * (throttled, access_denied, not_found, timed_out, failed), through the SDK's interceptor hook, so no call site
 * can forget to.
 */
final class AwsCallMetrics implements ExecutionInterceptor {

    private final MeterRegistry registry;

    AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Counter.builder("promobot.aws.errors")
                .description("AWS calls that failed after the SDK's retries, by service, operation and kind")
                .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
                .tag("operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
                .tag("kind", AwsErrors.kindOf(context.exception()).name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }
}
