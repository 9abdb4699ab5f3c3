package dev.promobot.aws;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * An implementation of the ECR and Lambda APIs the adapters are proven against, seeded with the standard data:
 * repository {@value #REPOSITORY} (IMMUTABLE tags) with 40 sha- images over 40 days, the newest also tagged
 * latest, the keep-30 lifecycle policy, and image functions for dev (newest image), staging (3rd newest) and prod
 * (10th newest).
 */
interface AwsBackend {

    String REPOSITORY = "dr-daily-report-telegram-api";
    String REGION = "ap-southeast-1";
    String DEV = "telegram-api-dev";
    String STAGING = "telegram-api-staging";
    String PROD = "telegram-api-prod";

    /** Clients configured as promobot configures them, pointed at this backend. */
    EcrClient ecr();

    LambdaClient lambda();

    /** Puts the seed back, undoing whatever a test changed. */
    void reseed();
}
