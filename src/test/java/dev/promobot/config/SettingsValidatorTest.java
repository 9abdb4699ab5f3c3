package dev.promobot.config;

import dev.promobot.Cast;
import dev.promobot.config.SettingsValidator.Problem;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Pipeline;
import dev.promobot.rules.Role;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Cast.STRANGER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

/** Each way an operator can get the configuration wrong, and the one line that tells them. */
class SettingsValidatorTest {

    /** The sample from the operator documentation, as a team would configure it. */
    private static final Map<String, String> SAMPLE = Map.ofEntries(
            Map.entry("promobot.telegram.token", "123456:abc"),
            Map.entry("promobot.telegram.chats", String.valueOf(TEAM_CHAT)),
            Map.entry("promobot.telegram.channel", String.valueOf(TEAM_CHAT)),
            Map.entry("promobot.access.deployers", Cast.idsOf(Role.DEPLOYER)),
            Map.entry("promobot.access.approvers", Cast.idsOf(Role.APPROVER)),
            Map.entry("promobot.access.admins", Cast.idsOf(Role.ADMIN)),
            Map.entry("promobot.environments.dev.functions", "telegram-api-dev"),
            Map.entry("promobot.environments.staging.functions", "telegram-api-staging"),
            Map.entry("promobot.environments.staging.source", "dev"),
            Map.entry("promobot.environments.prod.functions", "telegram-api-prod"),
            Map.entry("promobot.environments.prod.source", "staging"),
            Map.entry("promobot.environments.prod.approvals", "1"),
            Map.entry("promobot.environments.prod.release-tag", "true"));

    private static SettingsValidator.Result validate(String... overrides) {
        return Configurations.validate(SAMPLE, overrides);
    }

    private static Problem onlyProblem(SettingsValidator.Result result) {
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).hasSize(1);
        return result.problems().get(0);
    }

    @Test
    void theDocumentedSampleIsValidAndReadsAsThePipelineDevStagingProd() {
        SettingsValidator.Result result = validate();

        assertThat(result.problems()).isEmpty();
        Settings settings = result.settings().orElseThrow();
        assertThat(settings.services().only().orElseThrow().pipeline().names())
                .containsExactly("dev", "staging", "prod");
        Environment prod = settings.services().only().orElseThrow().pipeline().environment("prod").orElseThrow();
        assertThat(prod.approvals()).isEqualTo(1);
        assertThat(prod.releaseTagRequired()).isTrue();
        assertThat(prod.functions()).containsExactly("telegram-api-prod");
        assertThat(settings.roleOf(DEPLOYER.id())).contains(Role.DEPLOYER);
        assertThat(settings.roleOf(SECOND_APPROVER.id())).contains(Role.APPROVER);
        assertThat(settings.roleOf(ADMIN.id())).contains(Role.ADMIN);
        assertThat(settings.roleOf(STRANGER.id())).isEmpty();
        assertThat(settings.chats()).containsExactly(TEAM_CHAT);
        assertThat(settings.telegramApiUrl()).hasToString("https://api.telegram.org");
        assertThat(settings.telegramMode()).isEqualTo(Settings.TelegramMode.LONG_POLLING);
        assertThat(settings.approvalTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(settings.services().only().orElseThrow().repository()).isEqualTo("dr-daily-report-telegram-api");
        assertThat(settings.awsRegion()).isEqualTo("ap-southeast-1");
    }

    @Test
    void aDeploymentRolledBackWithinADayIsAFailedOneUnlessTheOperatorSaysOtherwise() {
        assertThat(validate().settings().orElseThrow().doraFailureWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(validate("promobot.dora.failure-window", "2D").settings().orElseThrow().doraFailureWindow())
                .isEqualTo(Duration.ofDays(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0H", "-2H", "soon"})
    void aFailureWindowThatIsNotAPositiveDurationIsRefusedNamingItsKey(String window) {
        Problem problem = onlyProblem(validate("promobot.dora.failure-window", window));

        assertThat(problem.toString()).isEqualTo("promobot.dora.failure-window: '" + window
                + "' is not a positive duration such as 24H, 90M or 2D");
    }

    @Test
    void anEnvironmentWhoseSourceDoesNotExistIsRefusedNamingTheSourceKey() {
        Problem problem = onlyProblem(validate("promobot.environments.staging.source", "nosuch"));

        assertThat(problem.key()).isEqualTo("promobot.environments.staging.source");
        assertThat(problem.toString()).startsWith("promobot.environments.staging.source: names source 'nosuch'")
                .contains("configured: dev, prod, staging");
    }

    @Test
    void aCycleOfSourcesIsRefusedShowingTheCycle() {
        Problem problem = onlyProblem(validate("promobot.environments.dev.source", "prod"));

        assertThat(problem.key()).startsWith("promobot.environments.").endsWith(".source");
        assertThat(problem.sentence()).startsWith("sources form a cycle: ")
                .contains("dev").contains("staging").contains("prod");
    }

    @Test
    void aNonNumericUserIdIsRefusedNamingTheRoleKey() {
        String username = "@" + DEPLOYER.username();
        Problem problem = onlyProblem(validate("promobot.access.deployers", DEPLOYER.id() + "," + username));

        assertThat(problem.toString()).isEqualTo("promobot.access.deployers: '" + username + "' is not a numeric "
                + "Telegram user id (usernames can change; ids cannot)");
    }

    @Test
    void aUserListedInTwoRolesIsRefused() {
        Problem problem = onlyProblem(validate("promobot.access.admins", ADMIN.id() + "," + DEPLOYER.id()));

        assertThat(problem.toString()).isEqualTo("promobot.access.admins: user " + DEPLOYER.id() + " is also listed "
                + "in promobot.access.deployers; list each user once, under their highest role");
    }

    @Test
    void anInvalidCronIsRefusedNamingItsKey() {
        Problem problem = onlyProblem(validate("promobot.audit.cron", "0 0 25 * * ?"));

        assertThat(problem.key()).isEqualTo("promobot.audit.cron");
        assertThat(problem.sentence()).startsWith("'0 0 25 * * ?' is not a valid cron expression");
    }

    @Test
    void aSummaryCronThatIsNotCronAtAllIsRefused() {
        Problem problem = onlyProblem(validate("promobot.summary.cron", "every morning"));

        assertThat(problem.key()).isEqualTo("promobot.summary.cron");
    }

    @Test
    void zeroApprovalsOnAnEnvironmentThatNeedsApprovalIsRefused() {
        Problem problem = onlyProblem(validate("promobot.environments.prod.approvals", "0"));

        assertThat(problem.toString()).isEqualTo("promobot.environments.prod.approvals: is 0, but prod needs "
                + "approval (it requires a release tag); set it to 1 or more");
    }

    @Test
    void approvalsDefaultToOneWhereAReleaseTagIsRequiredAndZeroElsewhere() {
        Map<String, String> withoutApprovals = new HashMap<>(SAMPLE);
        withoutApprovals.remove("promobot.environments.prod.approvals");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PromobotConfig.class)
                .withSources(new PropertiesConfigSource(withoutApprovals, "test", 500)).build();

        Settings settings = SettingsValidator.validate(config.getConfigMapping(PromobotConfig.class))
                .settings().orElseThrow();

        Pipeline pipeline = settings.services().only().orElseThrow().pipeline();
        assertThat(pipeline.environment("prod").orElseThrow().approvals()).isEqualTo(1);
        assertThat(pipeline.environment("staging").orElseThrow().approvals()).isZero();
    }

    @Test
    void aNonNumericApprovalCountIsRefused() {
        Problem problem = onlyProblem(validate("promobot.environments.prod.approvals", "two"));

        assertThat(problem.toString()).isEqualTo("promobot.environments.prod.approvals: 'two' is not a whole number");
    }

    @Test
    void aMissingTelegramTokenSaysWhichVariableToSet() {
        Problem problem = onlyProblem(validate("promobot.telegram.token", ""));

        assertThat(problem.key()).isEqualTo("promobot.telegram.token");
        assertThat(problem.sentence()).contains("PROMOBOT_TELEGRAM_TOKEN");
    }

    @Test
    void webhookModeWithoutASecretIsRefused() {
        Problem problem = onlyProblem(validate("promobot.telegram.mode", "webhook"));

        assertThat(problem.toString()).isEqualTo("promobot.telegram.webhook-secret: is required in webhook mode");
    }

    @Test
    void aWebhookSecretWithCharactersTelegramRefusesIsRefused() {
        Problem problem = onlyProblem(validate("promobot.telegram.mode", "webhook",
                "promobot.telegram.webhook-secret", "a secret with spaces!"));

        assertThat(problem.toString()).isEqualTo("promobot.telegram.webhook-secret: may hold only A-Z, a-z, 0-9, _ "
                + "and - (at most 256), as Telegram requires");
    }

    @Test
    void aWebhookSecretLongerThanTelegramTakesIsRefused() {
        Problem problem = onlyProblem(validate("promobot.telegram.mode", "webhook",
                "promobot.telegram.webhook-secret", "a".repeat(257)));

        assertThat(problem.key()).isEqualTo("promobot.telegram.webhook-secret");
    }

    @Test
    void aShortWebhookSecretIsRefusedAsGuessable() {
        Problem problem = onlyProblem(validate("promobot.telegram.mode", "webhook",
                "promobot.telegram.webhook-secret", "s3cret"));

        assertThat(problem.toString()).isEqualTo("promobot.telegram.webhook-secret: is 6 characters; use at least 16 "
                + "random ones, e.g. the output of `openssl rand -hex 24`");
    }

    @Test
    void aSixteenCharacterWebhookSecretOfTelegramsAlphabetIsTaken() {
        assertThat(validate("promobot.telegram.mode", "webhook",
                "promobot.telegram.webhook-secret", "Ab0_-Ab0_-Ab0_-A").valid()).isTrue();
    }

    @Test
    void theSettingsNeverShowATokenOrSecretWhenPrinted() {
        Settings settings = validate("promobot.telegram.token", "987654:telegram-token-value",
                "promobot.telegram.mode", "webhook", "promobot.telegram.webhook-secret", "webhook-secret-value-0001",
                "promobot.api.token", "decision-api-token-value",
                "promobot.github.repository", "team/service", "promobot.github.token", "github-token-value")
                .settings().orElseThrow();

        assertThat(settings.toString())
                .doesNotContain("telegram-token-value", "webhook-secret-value-0001", "decision-api-token-value",
                        "github-token-value")
                .contains("telegramToken=<redacted>", "webhookSecret=<redacted>", "apiToken=<redacted>",
                        "GitHub[https://api.github.com]");
    }

    @Test
    void anUnknownTelegramModeIsRefused() {
        Problem problem = onlyProblem(validate("promobot.telegram.mode", "push"));

        assertThat(problem.key()).isEqualTo("promobot.telegram.mode");
    }

    @Test
    void aNonNumericChatIdIsRefused() {
        Problem problem = onlyProblem(validate("promobot.telegram.chats", TEAM_CHAT + ",team"));

        assertThat(problem.toString()).isEqualTo("promobot.telegram.chats: 'team' is not a numeric Telegram chat id");
    }

    @Test
    void anEnvironmentWithoutFunctionsIsRefused() {
        Problem problem = onlyProblem(validate("promobot.environments.qa.source", "dev"));

        assertThat(problem.toString()).isEqualTo("promobot.environments.qa.functions: is empty; name the Lambda "
                + "functions of qa");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        Problem problem = onlyProblem(validate("promobot.time-zone", "Mars/Olympus"));

        assertThat(problem.key()).isEqualTo("promobot.time-zone");
    }

    @Test
    void anApprovalTtlThatIsNotADurationIsRefused() {
        Problem problem = onlyProblem(validate("promobot.approval.ttl", "a day"));

        assertThat(problem.key()).isEqualTo("promobot.approval.ttl");
    }

    @Test
    void deploymentLeasesDefaultToAMinuteSweptEveryFifteenSeconds() {
        Settings settings = validate().settings().orElseThrow();

        assertThat(settings.deploymentLease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aSweepIntervalLongerThanHalfTheLeaseIsRefusedSinceARenewalCouldComeTooLate() {
        Problem problem = onlyProblem(validate("promobot.deployments.lease", "20S",
                "promobot.deployments.sweep-interval", "15S"));

        assertThat(problem.toString()).isEqualTo("promobot.deployments.sweep-interval: is 15S; it must be at most "
                + "half of promobot.deployments.lease (20S)");
    }

    @Test
    void anEndpointOverrideThatIsNotAUrlIsRefused() {
        Problem problem = onlyProblem(validate("promobot.aws.endpoint-override", "localhost 5000"));

        assertThat(problem.key()).isEqualTo("promobot.aws.endpoint-override");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        SettingsValidator.Result result = validate(
                "promobot.environments.staging.source", "nosuch",
                "promobot.access.deployers", DEPLOYER.username(),
                "promobot.audit.cron", "nope");

        assertThat(result.problems()).extracting(Problem::key).containsExactlyInAnyOrder(
                "promobot.environments.staging.source", "promobot.access.deployers", "promobot.audit.cron");
    }

    // ---- freeze windows -------------------------------------------------------------------------------------------

    @Test
    void aFreezeWindowWithoutEnvironmentsFreezesEveryEnvironmentThatTakesAReleaseTag() {
        Settings settings = validate("promobot.freeze-windows.weekend.schedule", "0 0 16 ? * FRI",
                "promobot.freeze-windows.weekend.duration", "64H",
                "promobot.freeze-windows.weekend.reason", "weekend").settings().orElseThrow();

        assertThat(settings.freezeWindows()).singleElement().satisfies(window -> {
            assertThat(window.name()).isEqualTo("weekend");
            assertThat(window.environments()).containsExactly("prod");
            assertThat(window.duration()).isEqualTo(Duration.ofHours(64));
            assertThat(window.reason()).isEqualTo("weekend");
        });
    }

    @Test
    void aFreezeWindowWithABadCronIsRefusedNamingItsScheduleKey() {
        Problem problem = onlyProblem(validate("promobot.freeze-windows.weekend.schedule", "0 0 16 * * FRI",
                "promobot.freeze-windows.weekend.duration", "64H"));

        assertThat(problem.key()).isEqualTo("promobot.freeze-windows.weekend.schedule");
        assertThat(problem.sentence()).startsWith("'0 0 16 * * FRI' is not a valid cron expression")
                .endsWith("Quartz syntax, e.g. 0 0 16 ? * FRI");
    }

    @Test
    void aFreezeWindowOfZeroDurationIsRefusedNamingItsDurationKey() {
        Problem problem = onlyProblem(validate("promobot.freeze-windows.weekend.schedule", "0 0 16 ? * FRI",
                "promobot.freeze-windows.weekend.duration", "0H"));

        assertThat(problem.toString()).isEqualTo("promobot.freeze-windows.weekend.duration: '0H' is not a positive "
                + "duration such as 24H, 90M or 2D");
    }

    @Test
    void aFreezeWindowOnAnUnknownEnvironmentIsRefusedNamingItsEnvironmentsKey() {
        Problem problem = onlyProblem(validate("promobot.freeze-windows.weekend.schedule", "0 0 16 ? * FRI",
                "promobot.freeze-windows.weekend.duration", "64H",
                "promobot.freeze-windows.weekend.environments", "prod,qa"));

        assertThat(problem.toString()).isEqualTo("promobot.freeze-windows.weekend.environments: names environment "
                + "'qa', which is not a configured environment (configured: dev, prod, staging)");
    }

    @Test
    void aFreezeWindowWithoutAScheduleIsRefusedNamingItsScheduleKey() {
        Problem problem = onlyProblem(validate("promobot.freeze-windows.night.duration", "8H"));

        assertThat(problem.key()).isEqualTo("promobot.freeze-windows.night.schedule");
        assertThat(problem.sentence()).startsWith("is not set");
    }
}
