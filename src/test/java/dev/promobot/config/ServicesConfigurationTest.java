package dev.promobot.config;

import dev.promobot.Cast;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Role;
import dev.promobot.rules.Service;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

/** Several services in one promobot: how their keys read, what they inherit, and every mistake named by its key. */
class ServicesConfigurationTest {

    /** Today's single-service keys, unchanged, plus a report worker under promobot.services. */
    private static final Map<String, String> TWO_SERVICES = Map.ofEntries(
            Map.entry("promobot.telegram.token", "123456:abc"),
            Map.entry("promobot.telegram.chats", TEAM_CHAT + ",-1009"),
            Map.entry("promobot.access.deployers", Cast.idsOf(Role.DEPLOYER)),
            Map.entry("promobot.ecr.repository", "telegram-api"),
            Map.entry("promobot.environments.dev.functions", "telegram-api-dev"),
            Map.entry("promobot.environments.staging.functions", "telegram-api-staging"),
            Map.entry("promobot.environments.staging.source", "dev"),
            Map.entry("promobot.environments.prod.functions", "telegram-api-prod"),
            Map.entry("promobot.environments.prod.source", "staging"),
            Map.entry("promobot.environments.prod.release-tag", "true"),
            Map.entry("promobot.environments.prod.approvals", "2"),
            Map.entry("promobot.services.report-worker.ecr.repository", "report-worker"),
            Map.entry("promobot.services.report-worker.environments.dev.functions", "report-worker-dev"),
            Map.entry("promobot.services.report-worker.environments.prod.functions", "report-worker-prod"),
            Map.entry("promobot.services.report-worker.environments.prod.source", "dev"),
            Map.entry("promobot.services.report-worker.environments.prod.approvals", "1"));

    private static Settings valid(String... overrides) {
        SettingsValidator.Result result = Configurations.validate(TWO_SERVICES, overrides);
        assertThat(result.problems()).isEmpty();
        return result.settings().orElseThrow();
    }

    private static String onlyProblem(String... overrides) {
        SettingsValidator.Result result = Configurations.validate(TWO_SERVICES, overrides);
        assertThat(result.problems()).hasSize(1);
        return result.problems().get(0).toString();
    }

    @Test
    void theSingleServiceKeysStayOneServiceNamedAfterItsRepositoryBesideTheOthers() {
        Settings settings = valid();

        assertThat(settings.services().names()).containsExactly("report-worker", "telegram-api");
        Service api = settings.services().named("telegram-api").orElseThrow();
        assertThat(api.repository()).isEqualTo("telegram-api");
        assertThat(api.pipeline().names()).containsExactly("dev", "staging", "prod");
        assertThat(api.pipeline().environment("prod").orElseThrow().approvals()).isEqualTo(2);
    }

    @Test
    void aServiceHasTheEnvironmentsItNamesFunctionsForAndInheritsTheRestFromTheSharedEnvironment() {
        Service worker = valid().services().named("report-worker").orElseThrow();

        assertThat(worker.repository()).isEqualTo("report-worker");
        assertThat(worker.pipeline().names()).containsExactly("dev", "prod");
        Environment prod = worker.pipeline().environment("prod").orElseThrow();
        assertThat(prod.functions()).containsExactly("report-worker-prod");
        assertThat(prod.source()).contains("dev"); // its own source overrides staging
        assertThat(prod.approvals()).isEqualTo(1); // its own count overrides the shared 2
        assertThat(prod.releaseTagRequired()).isTrue(); // inherited from promobot.environments.prod
    }

    @Test
    void withoutFurtherServicesTheConfigurationIsOneServiceAsBeforeAndServiceNameRenamesIt() {
        Map<String, String> single = new HashMap<>(TWO_SERVICES);
        single.keySet().removeIf(key -> key.startsWith("promobot.services."));

        assertThat(Configurations.validate(single).settings().orElseThrow().services().only().orElseThrow().name())
                .isEqualTo("telegram-api");
        assertThat(Configurations.validate(single, "promobot.service-name", "api").settings().orElseThrow()
                .services().only().orElseThrow().name()).isEqualTo("api");
    }

    @Test
    void onlyFurtherServicesWithoutSingleServiceFunctionsMakeNoSingleService() {
        Settings settings = valid("promobot.environments.dev.functions", null,
                "promobot.environments.staging.functions", null, "promobot.environments.prod.functions", null);

        assertThat(settings.services().names()).containsExactly("report-worker");
    }

    @Test
    void aServiceWithoutRepositoryIsRefusedNamingItsKey() {
        assertThat(onlyProblem("promobot.services.report-worker.ecr.repository", null)).isEqualTo(
                "promobot.services.report-worker.ecr.repository: is not set; name the ECR repository of "
                        + "report-worker's images");
    }

    @Test
    void aServiceSourceThatItDoesNotHaveIsRefusedNamingTheKeyThatSetIt() {
        assertThat(onlyProblem("promobot.services.report-worker.environments.prod.source", null)).isEqualTo(
                "promobot.environments.prod.source: names source 'staging', which is not a configured environment "
                        + "(configured: dev, prod)");
    }

    @Test
    void aServiceMayNotShareItsNameWithAnEnvironment() {
        assertThat(onlyProblem("promobot.services.staging.ecr.repository", "staging-thing",
                "promobot.services.staging.environments.dev.functions", "staging-thing-dev")).isEqualTo(
                "promobot.services.staging: 'staging' is also an environment's name; a command could not tell "
                        + "which one is meant");
    }

    @Test
    void theSingleServiceMayNotShareItsNameWithAnother() {
        assertThat(onlyProblem("promobot.service-name", "report-worker")).isEqualTo(
                "promobot.service-name: 'report-worker' is also the name of a service under promobot.services; "
                        + "give the single service another name");
    }

    @Test
    void aServiceBoundToAChatThatIsNotATeamChatIsRefused() {
        assertThat(onlyProblem("promobot.services.report-worker.chats", "-1007")).isEqualTo(
                "promobot.services.report-worker.chats: chat -1007 is not one of promobot.telegram.chats; bind "
                        + "only team chats");
        assertThat(valid("promobot.services.report-worker.chats", "-1009").services().meantIn(-1009))
                .extracting(Service::name).containsExactly("report-worker");
        assertThat(valid("promobot.services.report-worker.chats", "-1009").services().meantIn(TEAM_CHAT))
                .extracting(Service::name).containsExactly("report-worker", "telegram-api");
    }

    @Test
    void aServiceFunctionWithAnInvalidApprovalCountIsRefusedNamingTheServiceKey() {
        assertThat(onlyProblem("promobot.services.report-worker.environments.prod.approvals", "many")).isEqualTo(
                "promobot.services.report-worker.environments.prod.approvals: 'many' is not a whole number");
    }

    @Test
    void aServiceIsConfiguredFromEnvironmentVariablesAsOperatorsOfTheImageSetThem() {
        Map<String, String> single = new HashMap<>(TWO_SERVICES);
        single.keySet().removeIf(key -> key.startsWith("promobot.services."));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PromobotConfig.class)
                .withSources(new PropertiesConfigSource(single, "test", 250))
                .withSources(new EnvConfigSource(Map.of(
                        "PROMOBOT_SERVICES_WORKER_ECR_REPOSITORY", "report-worker",
                        "PROMOBOT_SERVICES_WORKER_ENVIRONMENTS_DEV_FUNCTIONS", "report-worker-dev"), 300))
                .build();

        Settings settings = SettingsValidator.validate(config.getConfigMapping(PromobotConfig.class)).settings()
                .orElseThrow();

        assertThat(settings.services().named("worker").orElseThrow().repository()).isEqualTo("report-worker");
    }

    @Test
    void aServiceNameThatCouldNotBeTypedIsRefused() {
        assertThat(onlyProblem("promobot.service-name", "Telegram API")).isEqualTo(
                "promobot.service-name: 'Telegram API' is not a service name; use lowercase letters, digits and "
                        + ". _ - / (as ECR repository names do)");
    }

    @Test
    void eachServiceReadsGitHubFromItsOwnRepositoryKeyAndOneWithoutAKeyHasNone() {
        Settings both = valid("promobot.github.token", "github-token", "promobot.github.repository", "team/api",
                "promobot.services.report-worker.github.repository", "team/report-worker");
        Settings workerOnly = valid("promobot.github.token", "github-token",
                "promobot.services.report-worker.github.repository", "team/report-worker");

        assertThat(both.services().named("telegram-api").orElseThrow().gitHubRepository()).hasValue("team/api");
        assertThat(both.services().named("report-worker").orElseThrow().gitHubRepository())
                .hasValue("team/report-worker");
        assertThat(workerOnly.services().named("telegram-api").orElseThrow().gitHubRepository()).isEmpty();
        assertThat(workerOnly.services().named("report-worker").orElseThrow().gitHubRepository())
                .hasValue("team/report-worker");
        assertThat(workerOnly.github()).isPresent();
        assertThat(valid().services().all()).allSatisfy(service -> assertThat(service.gitHubRepository()).isEmpty());
    }

    @Test
    void aServiceGitHubRepositoryThatIsNotOwnerSlashNameIsRefusedNamingItsKey() {
        assertThat(onlyProblem("promobot.github.token", "github-token",
                "promobot.services.report-worker.github.repository", "report-worker")).isEqualTo(
                "promobot.services.report-worker.github.repository: 'report-worker' is not owner/name");
    }

    @Test
    void aServiceGitHubRepositoryWithoutTheTokenIsRefusedNamingBothKeys() {
        assertThat(onlyProblem("promobot.services.report-worker.github.repository", "team/report-worker"))
                .isEqualTo("promobot.github.token: is needed too: the release-tag check, changelogs and commit "
                        + "times on GitHub use promobot.services.report-worker.github.repository and "
                        + "promobot.github.token together");
    }

    @Test
    void theSingleServicesGitHubRepositoryWithoutASingleServiceIsRefusedRatherThanLeftUnused() {
        assertThat(onlyProblem("promobot.environments.dev.functions", null,
                "promobot.environments.staging.functions", null, "promobot.environments.prod.functions", null,
                "promobot.github.token", "github-token", "promobot.github.repository", "team/api",
                "promobot.services.report-worker.github.repository", "team/report-worker"))
                .startsWith("promobot.github.repository: is set, but it belongs to the single service");
    }

    @Test
    void theGitHubTokenWithoutAnyRepositoryIsRefusedNamingTheKeyThatWouldServe() {
        assertThat(onlyProblem("promobot.github.token", "github-token")).startsWith(
                "promobot.github.repository: is needed too: ");
        assertThat(onlyProblem("promobot.environments.dev.functions", null,
                "promobot.environments.staging.functions", null, "promobot.environments.prod.functions", null,
                "promobot.github.token", "github-token")).startsWith(
                "promobot.services.<service>.github.repository: is needed too: ");
    }
}
