package dev.promobot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator-facing configuration, key for key as the README documents it. Values an operator can get wrong
 * are read as text and checked by {@link SettingsValidator}, so a mistake is reported in promobot's own words
 * with the key that holds it, rather than as a conversion error.
 */
@ConfigMapping(prefix = "promobot")
public interface PromobotConfig {

    Telegram telegram();

    Access access();

    Aws aws();

    Ecr ecr();

    /**
     * Environments by name, e.g. {@code promobot.environments.staging.source=dev}. Their functions make up the
     * single service of {@link #ecr()}; everything else is the default of every service with that environment.
     */
    Map<String, EnvironmentConfig> environments();

    /** The name of the service {@link #ecr()} and the environments' functions describe; default: the repository. */
    Optional<String> serviceName();

    /**
     * Further services by name, each with its own repository and functions:
     * {@code promobot.services.report-worker.environments.dev.functions=report-worker-dev}.
     */
    Map<String, ServiceConfig> services();

    interface ServiceConfig {
        ServiceEcr ecr();

        /** The service has the environments it names functions for; the rest comes from promobot.environments. */
        Map<String, ServiceEnvironmentConfig> environments();

        /** Team chats bound to this service: there, commands may leave it out. */
        Optional<List<String>> chats();

        /** Where the service's source lives on GitHub; promobot.github.token and api-url are shared. */
        ServiceGitHub github();
    }

    interface ServiceGitHub {
        /** "owner/name"; with promobot.github.token, the service's release tags are checked against it. */
        Optional<String> repository();
    }

    interface ServiceEcr {
        Optional<String> repository();

        Optional<String> registryId();
    }

    /** The same names as {@link EnvironmentConfig}; each one set here overrides promobot.environments.<env>. */
    interface ServiceEnvironmentConfig {
        Optional<List<String>> functions();

        Optional<String> source();

        Optional<String> approvals();

        @WithName("release-tag")
        Optional<String> releaseTag();

        Optional<String> rollbackApprovals();
    }

    Approval approval();

    Deployments deployments();

    Audit audit();

    Summary summary();

    Api api();

    GitHubConfig github();

    @WithDefault("UTC")
    String timeZone();

    interface Telegram {
        Optional<String> token();

        @WithDefault("https://api.telegram.org")
        String apiUrl();

        @WithDefault("long-polling")
        String mode();

        Optional<String> webhookSecret();

        Optional<List<String>> chats();

        Optional<String> channel();

        /** Readiness is DOWN when long polling has not succeeded for this long. */
        @WithName("unhealthy-after")
        @WithDefault("2M")
        String unhealthyAfter();
    }

    Retention retention();

    /** How long handled Telegram traffic is kept; the audit trail and deployments are kept for good. */
    interface Retention {
        @WithDefault("14D")
        String messages();
    }

    interface Access {
        Optional<List<String>> viewers();

        Optional<List<String>> deployers();

        Optional<List<String>> approvers();

        Optional<List<String>> admins();
    }

    interface Aws {
        @WithDefault("ap-southeast-1")
        String region();

        Optional<String> endpointOverride();
    }

    interface Ecr {
        @WithDefault("dr-daily-report-telegram-api")
        String repository();

        Optional<String> registryId();
    }

    interface EnvironmentConfig {
        Optional<List<String>> functions();

        Optional<String> source();

        /** Distinct approvers a promotion needs; defaults to 1 where a release tag is required, else 0. */
        Optional<String> approvals();

        @WithName("release-tag")
        @WithDefault("false")
        String releaseTag();

        /** Approvals a rollback needs; 0 (the default) lets an approver roll back at once. */
        @WithDefault("0")
        String rollbackApprovals();
    }

    interface Approval {
        @WithDefault("24H")
        String ttl();

        /** How often open requests are checked for expiry and for a broken binding; "off" disables it. */
        @WithName("check-interval")
        @WithDefault("60s")
        String checkInterval();
    }

    /** Deployments across replicas: the owner's lease, and how often every replica looks for expired ones. */
    interface Deployments {
        @WithDefault("60S")
        String lease();

        @WithDefault("15S")
        String sweepInterval();
    }

    interface Audit {
        @WithDefault("0 0 6 * * ?")
        String cron();

        /** US dollars per GiB-month of ECR storage, for the audit's cost estimate. */
        @WithDefault("0.10")
        String pricePerGbMonth();
    }

    OutsideDeployments outsideDeployments();

    /** The earlier name of promobot.outside-deployments.interval, still honoured (application.properties). */
    LegacyDrift drift();

    SandboxConfig sandbox();

    /** The sandbox: Telegram, AWS and GitHub stand-ins in the same process, for trying promobot without credentials. */
    interface SandboxConfig {
        /** On only in the sandbox profile (and in dev mode, which inherits it); never with a real token. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("18731")
        int telegramPort();

        @WithDefault("18732")
        int awsPort();

        @WithDefault("18733")
        int githubPort();
    }

    interface OutsideDeployments {
        /**
         * How often to compare what runs with what promobot recorded; "off" disables the watch. Its default in
         * application.properties reads the earlier key, promobot.drift.interval.
         */
        @WithDefault("5m")
        String interval();
    }

    interface LegacyDrift {
        Optional<String> interval();
    }

    interface GitHubConfig {
        /** "owner/name"; with a token, release tags are checked against this repository. */
        Optional<String> repository();

        Optional<String> token();

        @WithDefault("https://api.github.com")
        String apiUrl();
    }

    interface Api {
        /** Bearer token for the read-only decision endpoint; the endpoint is off while unset. */
        Optional<String> token();
    }

    interface Summary {
        @WithDefault("0 0 9 * * ?")
        String cron();
    }

    DoraConfig dora();

    /**
     * Scheduled freeze windows by name, after Argo CD's sync windows:
     * {@code promobot.freeze-windows.weekend.schedule=0 0 16 ? * FRI}, {@code .duration=64H}.
     */
    Map<String, FreezeWindowConfig> freezeWindows();

    interface FreezeWindowConfig {
        /** Quartz cron of each start, in promobot.time-zone. */
        Optional<String> schedule();

        /** How long each occurrence lasts from its start, e.g. 64H. */
        Optional<String> duration();

        /** Default: every environment that takes a release tag. */
        Optional<List<String>> environments();

        Optional<String> reason();
    }

    /** The DORA figures of /dora and the Monday summary (docs/dora.md). */
    interface DoraConfig {
        /** A deployment replaced by a rollback within this long after it went live counts as failed. */
        @WithDefault("24H")
        String failureWindow();
    }
}
