package dev.promobot.sandbox;

import dev.promobot.config.PromobotConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the Telegram, AWS and GitHub stand-ins inside promobot for the sandbox profile, seeded: the repository with
 * 40 sha- images and the keep-30 policy, dev, staging and prod on three different images (prod on an old one the
 * audit flags), the git history the images were built from, a team chat, a channel, and five people. promobot
 * talks to them through its ordinary clients.
 */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    public static final String TOKEN = "123456:sandbox";
    public static final long TEAM_CHAT = -1001000000001L;
    public static final long CHANNEL = -1001000000002L;
    /** The token the sandbox profile gives promobot for the GitHub stand-in (promobot.github.token). */
    public static final String GITHUB_TOKEN = "sandbox-github-token";

    /** A sandbox person: their id, name and role, as configured in the sandbox profile. */
    public record Person(long id, String name, String role) {
    }

    public static final List<Person> PEOPLE = List.of(
            new Person(111111, "Dana", "deployer"),
            new Person(222222, "Ari", "approver"),
            new Person(333333, "Bea", "approver"),
            new Person(444444, "Ada", "admin"),
            new Person(555555, "Vic", "viewer"));

    private final PromobotConfig config;
    private TelegramStandIn telegram;
    private AwsStandIn aws;
    private GitHubStandIn github;

    Sandbox(PromobotConfig config) {
        this.config = config;
    }

    void start(@Observes @Priority(0) StartupEvent event) {
        if (!config.sandbox().enabled()) {
            return;
        }
        Set<String> profiles = Set.copyOf(ConfigUtils.getProfiles());
        if (LaunchMode.current() == LaunchMode.NORMAL && !profiles.contains("sandbox")) {
            throw new ConfigurationException("promobot.sandbox.enabled: the sandbox runs only in the sandbox profile "
                    + "(-Dquarkus.profile=sandbox), never in production", Set.of("promobot.sandbox.enabled"));
        }
        if (!TOKEN.equals(config.telegram().token().orElse(""))) {
            throw new ConfigurationException("promobot.telegram.token: a real bot token is set, so the sandbox will "
                    + "not start; run without the sandbox profile to use it", Set.of("promobot.telegram.token"));
        }
        try {
            telegram = TelegramStandIn.builder().port(config.sandbox().telegramPort()).token(TOKEN)
                    .bot(777000111L, "promobot_sandbox_bot", "promobot").start();
            telegram.openChat(TEAM_CHAT, "supergroup", "Team");
            telegram.openChat(CHANNEL, "channel", "Deployments");
            aws = AwsStandIn.start(config.sandbox().awsPort(), config.aws().region(), Clock.systemUTC());
            List<Seed.SeedImage> images = Seed.apply(aws, Clock.systemUTC(), 32);
            List<Seed.SeedImage> workerImages = Seed.applyReportWorker(aws, Clock.systemUTC());
            github = GitHubStandIn.start(config.sandbox().githubPort(), GITHUB_TOKEN);
            Seed.applyHistory(github, Clock.systemUTC());
            // Whatever release tag someone types names what staging runs, as if the team had just tagged it.
            AwsStandIn functions = aws;
            github.tagReleasesAt(() -> gitShaOf(images, functions.resolvedDigestOf(Seed.STAGING_FUNCTION)));
            github.serve(Seed.WORKER_GITHUB_REPOSITORY).tagReleasesAt(() -> gitShaOf(workerImages,
                    functions.resolvedDigestOf("report-worker-staging")));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("the sandbox could not open its ports " + config.sandbox()
                        .telegramPort() + ", " + config.sandbox().awsPort() + " and " + config.sandbox().githubPort()
                        + "; set promobot.sandbox.telegram-port, promobot.sandbox.aws-port and "
                        + "promobot.sandbox.github-port to free ones", io);
            }
            throw e;
        }
        // The AWS SDK's default credentials chain reads these first; the stand-in accepts any.
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        LOG.infof("Sandbox running: the web chat on http://%s:%s/ (anyone who reaches it may act as anyone), the "
                + "Telegram stand-in on %s, the AWS stand-in on %s, the GitHub stand-in on %s", webChatHost(),
                webChatPort(), telegram.baseUrl(), aws.endpoint(), github.apiUrl());
    }

    /** The git sha in the tag of the seeded image with this digest. */
    private static Optional<String> gitShaOf(List<Seed.SeedImage> images, String digest) {
        return images.stream().filter(image -> image.digest().equals(digest)).findFirst()
                .map(image -> image.tag().replaceAll("^sha-([0-9a-f]+)-[0-9]+$", "$1"));
    }

    private static String webChatHost() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
    }

    private static String webChatPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8080");
    }

    void stop(@Observes ShutdownEvent event) {
        if (telegram != null) {
            telegram.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (github != null) {
            github.close();
        }
    }

    public Optional<TelegramStandIn> telegram() {
        return Optional.ofNullable(telegram);
    }
}
