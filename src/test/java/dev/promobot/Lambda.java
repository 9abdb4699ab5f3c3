package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;

import java.util.Map;

/**
 * The image digest an environment's Lambda function runs now, as the AWS stand-in resolved it: what a test
 * compares before and after a promotion, a rollback or a deployment made outside promobot.
 */
public final class Lambda {

    private static final Map<String, String> FUNCTIONS = Map.of(
            "dev", Seed.DEV_FUNCTION,
            "staging", Seed.STAGING_FUNCTION,
            "prod", Seed.PROD_FUNCTION);

    private Lambda() {
    }

    /** The digest dev runs in the Quarkus tests' AWS stand-in. */
    public static String dev() {
        return digestRunningIn("dev");
    }

    /** The digest staging runs in the Quarkus tests' AWS stand-in. */
    public static String staging() {
        return digestRunningIn("staging");
    }

    /** The digest prod runs in the Quarkus tests' AWS stand-in. */
    public static String prod() {
        return digestRunningIn("prod");
    }

    /** The digest {@code environment} runs in the Quarkus tests' AWS stand-in ({@link StandIns#aws()}). */
    public static String digestRunningIn(String environment) {
        return digestRunningIn(StandIns.aws(), environment);
    }

    /** The digest {@code environment} (dev, staging or prod, as {@link Seed} creates them) runs in {@code aws}. */
    public static String digestRunningIn(AwsStandIn aws, String environment) {
        String function = FUNCTIONS.get(environment);
        if (function == null) {
            throw new IllegalArgumentException("the seed has no environment '" + environment
                    + "'; it has dev, staging and prod");
        }
        return aws.resolvedDigestOf(function);
    }
}
