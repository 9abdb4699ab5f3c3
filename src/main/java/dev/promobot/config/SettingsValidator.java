package dev.promobot.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.promobot.config.PromobotConfig.EnvironmentConfig;
import dev.promobot.config.Settings.TelegramMode;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Pipeline;
import dev.promobot.rules.Role;
import io.quarkus.runtime.configuration.DurationConverter;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the raw configuration into {@link Settings}, or into every problem found, each naming the key it is about.
 * Checking everything before reporting lets an operator fix all mistakes in one go.
 */
public final class SettingsValidator {

    /** One thing wrong with the configuration: the key and what is wrong with it. */
    public record Problem(String key, String sentence) {
        @Override
        public String toString() {
            return key + ": " + sentence;
        }
    }

    /** Either valid settings or the problems that prevent them. */
    public record Result(Optional<Settings> settings, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    // Quarkus Scheduler reads cron expressions with Quartz syntax by default; validate with the same definition.
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    static final int MIN_WEBHOOK_SECRET = 16;
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final List<Problem> problems = new ArrayList<>();

    private SettingsValidator() {
    }

    public static Result validate(PromobotConfig config) {
        return new SettingsValidator().check(config);
    }

    /**
     * Bot API, setWebhook: "secret_token ... 1-256 characters. Only characters A-Z, a-z, 0-9, _ and - are allowed."
     * Telegram refuses anything else, so promobot does too, at start-up; and a short one can be guessed.
     */
    private void checkWebhookSecret(String secret) {
        if (!WEBHOOK_SECRET.matcher(secret).matches()) {
            problem("promobot.telegram.webhook-secret", "may hold only A-Z, a-z, 0-9, _ and - (at most 256), as "
                    + "Telegram requires");
        } else if (secret.length() < MIN_WEBHOOK_SECRET) {
            problem("promobot.telegram.webhook-secret", "is " + secret.length() + " characters; use at least "
                    + MIN_WEBHOOK_SECRET + " random ones, e.g. the output of `openssl rand -hex 24`");
        }
    }

    private Result check(PromobotConfig config) {
        PromobotConfig.Telegram telegram = config.telegram();
        String token = telegram.token().map(String::strip).orElse("");
        if (token.isEmpty()) {
            problem("promobot.telegram.token",
                    "is not set; create a bot with @BotFather and set PROMOBOT_TELEGRAM_TOKEN to its token");
        }
        URI apiUrl = url("promobot.telegram.api-url", telegram.apiUrl());
        if (apiUrl.getPath() != null && !apiUrl.getPath().isEmpty() && !"/".equals(apiUrl.getPath())) {
            problem("promobot.telegram.api-url", "'" + telegram.apiUrl() + "' has a path; give scheme://host[:port] "
                    + "only (the bot token and method are added to it)");
        }
        TelegramMode mode = mode(telegram.mode());
        Optional<String> secret = telegram.webhookSecret().map(String::strip).filter(s -> !s.isEmpty());
        if (mode == TelegramMode.WEBHOOK && secret.isEmpty()) {
            problem("promobot.telegram.webhook-secret", "is required in webhook mode");
        }
        secret.ifPresent(this::checkWebhookSecret);
        Set<Long> chats = new LinkedHashSet<>(ids("promobot.telegram.chats", telegram.chats(), "a numeric Telegram chat id"));
        Optional<Long> channel = telegram.channel().map(String::strip).filter(s -> !s.isEmpty())
                .flatMap(value -> id("promobot.telegram.channel", value, "a numeric Telegram chat id"));

        Map<Long, Role> roles = roles(config.access());

        String region = config.aws().region().strip();
        if (region.isEmpty()) {
            problem("promobot.aws.region", "is empty; name the AWS region, e.g. ap-southeast-1");
        }
        Optional<URI> endpoint = config.aws().endpointOverride().map(String::strip).filter(s -> !s.isEmpty())
                .map(value -> url("promobot.aws.endpoint-override", value));
        String repository = config.ecr().repository().strip();
        if (repository.isEmpty()) {
            problem("promobot.ecr.repository", "is empty; name the ECR repository the images live in");
        }
        Optional<String> registryId = config.ecr().registryId().map(String::strip).filter(s -> !s.isEmpty());
        registryId.filter(id -> !id.matches("[0-9]{12}")).ifPresent(id ->
                problem("promobot.ecr.registry-id", "'" + id + "' is not a 12-digit AWS account id"));

        Optional<Pipeline> pipeline = pipeline(config.environments());
        Map<String, Integer> rollbackApprovals = new LinkedHashMap<>();
        config.environments().forEach((name, env) -> {
            String key = "promobot.environments." + name + ".rollback-approvals";
            try {
                int value = Integer.parseInt(env.rollbackApprovals().strip());
                if (value < 0) {
                    problem(key, "is " + value + "; it cannot be negative");
                }
                rollbackApprovals.put(name, value);
            } catch (NumberFormatException e) {
                problem(key, "'" + env.rollbackApprovals() + "' is not a whole number");
            }
        });
        Optional<String> githubRepository = config.github().repository().map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> githubToken = config.github().token().map(String::strip).filter(v -> !v.isEmpty());
        githubRepository.filter(repo -> !repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")).ifPresent(repo ->
                problem("promobot.github.repository", "'" + repo + "' is not owner/name"));
        if (githubRepository.isPresent() != githubToken.isPresent()) {
            problem(githubRepository.isPresent() ? "promobot.github.token" : "promobot.github.repository",
                    "is needed too: the release-tag check, changelogs and commit times on GitHub use "
                            + "promobot.github.repository and promobot.github.token together");
        }
        URI githubApi = url("promobot.github.api-url", config.github().apiUrl());
        Optional<Settings.GitHub> github = githubRepository.flatMap(repo -> githubToken.map(githubSecret ->
                new Settings.GitHub(repo, githubSecret, githubApi)));
        Duration ttl = duration("promobot.approval.ttl", config.approval().ttl());
        Duration lease = duration("promobot.deployments.lease", config.deployments().lease());
        Duration sweep = duration("promobot.deployments.sweep-interval", config.deployments().sweepInterval());
        if (sweep.multipliedBy(2).compareTo(lease) > 0) {
            // The owner renews its lease at every sweep: a lease must outlive a missed renewal.
            problem("promobot.deployments.sweep-interval", "is " + config.deployments().sweepInterval().strip()
                    + "; it must be at most half of promobot.deployments.lease ("
                    + config.deployments().lease().strip() + ")");
        }
        Duration unhealthyAfter = duration("promobot.telegram.unhealthy-after", config.telegram().unhealthyAfter());
        Duration retention = duration("promobot.retention.messages", config.retention().messages());
        Duration failureWindow = duration("promobot.dora.failure-window", config.dora().failureWindow());
        String auditCron = cron("promobot.audit.cron", config.audit().cron());
        String summaryCron = cron("promobot.summary.cron", config.summary().cron());
        ZoneId zone = zone(config.timeZone());
        List<FreezeWindowSchedule> freezeWindows = freezeWindows(config.freezeWindows(), pipeline);
        java.math.BigDecimal price = java.math.BigDecimal.valueOf(0.10);
        try {
            price = new java.math.BigDecimal(config.audit().pricePerGbMonth().strip());
            if (price.signum() < 0) {
                problem("promobot.audit.price-per-gb-month", "is negative");
            }
        } catch (NumberFormatException e) {
            problem("promobot.audit.price-per-gb-month", "'" + config.audit().pricePerGbMonth()
                    + "' is not a number such as 0.10");
        }
        String check = config.approval().checkInterval().strip();
        if (!check.equalsIgnoreCase("off") && !check.matches("[0-9]+[smhdSMHD]")) {
            problem("promobot.approval.check-interval", "'" + check
                    + "' is not an interval such as 60s, 5m or 1h (or off)");
        }
        String watch = config.outsideDeployments().interval().strip();
        if (!watch.equalsIgnoreCase("off") && !watch.matches("[0-9]+[smhdSMHD]")) {
            problem("promobot.outside-deployments.interval", "'" + watch
                    + "' is not an interval such as 5m, 30s or 1h (or off)");
        }
        Optional<String> apiToken = config.api().token().map(String::strip).filter(s -> !s.isEmpty());
        apiToken.filter(t -> t.length() < 16).ifPresent(t ->
                problem("promobot.api.token", "is too short to guess-proof; use at least 16 characters"));

        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        return new Result(Optional.of(new Settings(token, apiUrl, mode, secret, chats, channel, roles, region,
                endpoint, repository, registryId, pipeline.orElseThrow(), ttl, lease, sweep, unhealthyAfter, retention,
                auditCron, summaryCron,
                zone, apiToken, Map.copyOf(rollbackApprovals), github, price, failureWindow, freezeWindows)),
                List.of());
    }

    private void problem(String key, String sentence) {
        problems.add(new Problem(key, sentence));
    }

    private TelegramMode mode(String value) {
        for (TelegramMode mode : TelegramMode.values()) {
            if (mode.key().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        problem("promobot.telegram.mode", "'" + value + "' is not a mode; use long-polling or webhook");
        return TelegramMode.LONG_POLLING;
    }

    private URI url(String key, String value) {
        try {
            URI uri = new URI(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problem(key, "'" + value + "' is not an http(s) URL");
        return URI.create("http://invalid");
    }

    private List<Long> ids(String key, Optional<List<String>> values, String what) {
        List<Long> ids = new ArrayList<>();
        values.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .forEach(value -> id(key, value, what).ifPresent(ids::add));
        return ids;
    }

    private Optional<Long> id(String key, String value, String what) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            problem(key, "'" + value + "' is not " + what);
            return Optional.empty();
        }
    }

    private Map<Long, Role> roles(PromobotConfig.Access access) {
        Map<Role, Optional<List<String>>> lists = new LinkedHashMap<>();
        lists.put(Role.VIEWER, access.viewers());
        lists.put(Role.DEPLOYER, access.deployers());
        lists.put(Role.APPROVER, access.approvers());
        lists.put(Role.ADMIN, access.admins());
        Map<Long, Role> roles = new LinkedHashMap<>();
        lists.forEach((role, values) -> {
            String key = "promobot.access." + role.plural();
            for (Long id : ids(key, values, "a numeric Telegram user id (usernames can change; ids cannot)")) {
                Role earlier = roles.putIfAbsent(id, role);
                if (earlier != null && earlier != role) {
                    problem(key, "user " + id + " is also listed in promobot.access." + earlier.plural()
                            + "; list each user once, under their highest role");
                }
            }
        });
        return Map.copyOf(roles);
    }

    private Optional<Pipeline> pipeline(Map<String, EnvironmentConfig> configured) {
        List<Environment> environments = new ArrayList<>();
        // Sorted so that the pipeline order between independent environments never depends on map order.
        new TreeMap<>(configured).forEach((name, env) -> environment(name, env).ifPresent(environments::add));
        if (environments.size() != configured.size()) {
            return Optional.empty();
        }
        Pipeline.Built built = Pipeline.of(environments);
        built.problems().forEach(p -> problem(
                p.environment().isEmpty() ? "promobot.environments" : "promobot.environments." + p.environment() + ".source",
                p.sentence()));
        return built.pipeline();
    }

    private Optional<Environment> environment(String name, EnvironmentConfig env) {
        String prefix = "promobot.environments." + name + ".";
        int before = problems.size();
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            problem("promobot.environments." + name,
                    "'" + name + "' is not an environment name; use lowercase letters, digits and dashes");
        }
        List<String> functions = env.functions().orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (functions.isEmpty()) {
            problem(prefix + "functions", "is empty; name the Lambda functions of " + name);
        }
        Optional<String> source = env.source().map(String::strip).filter(s -> !s.isEmpty());
        boolean releaseTag = bool(prefix + "release-tag", env.releaseTag());
        int approvals = releaseTag ? 1 : 0;
        Optional<String> rawApprovals = env.approvals().map(String::strip).filter(s -> !s.isEmpty());
        if (rawApprovals.isPresent()) {
            try {
                approvals = Integer.parseInt(rawApprovals.get());
                if (approvals < 0) {
                    problem(prefix + "approvals", "is " + approvals + "; it cannot be negative");
                } else if (approvals < 1 && releaseTag) {
                    problem(prefix + "approvals", "is " + approvals + ", but " + name
                            + " needs approval (it requires a release tag); set it to 1 or more");
                }
            } catch (NumberFormatException e) {
                problem(prefix + "approvals", "'" + rawApprovals.get() + "' is not a whole number");
            }
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new Environment(name, functions, source, approvals, releaseTag));
    }

    private boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> {
                problem(key, "'" + value + "' is neither true nor false");
                yield false;
            }
        };
    }

    private Duration duration(String key, String value) {
        try {
            Duration duration = DurationConverter.parseDuration(value.strip());
            if (duration != null && !duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problem(key, "'" + value + "' is not a positive duration such as 24H, 90M or 2D");
        return Duration.ofHours(24);
    }

    private String cron(String key, String value) {
        try {
            CRON.parse(value.strip()).validate();
            return value.strip();
        } catch (RuntimeException e) {
            problem(key, "'" + value + "' is not a valid cron expression (" + e.getMessage()
                    + "); Quartz syntax, e.g. 0 0 6 * * ?");
            return value;
        }
    }

    /**
     * Each freeze window needs a schedule and a positive duration; its environments must be configured ones, and
     * default to every environment that takes a release tag (where a release goes out).
     */
    private List<FreezeWindowSchedule> freezeWindows(Map<String, PromobotConfig.FreezeWindowConfig> configured,
                                                     Optional<Pipeline> pipeline) {
        List<FreezeWindowSchedule> windows = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, window) -> {
            String prefix = "promobot.freeze-windows." + name + ".";
            int before = problems.size();
            Optional<com.cronutils.model.Cron> cron = Optional.empty();
            String schedule = window.schedule().map(String::strip).orElse("");
            if (schedule.isEmpty()) {
                problem(prefix + "schedule", "is not set; give the Quartz cron of the window's start, e.g. "
                        + "0 0 16 ? * FRI for Fridays at 16:00");
            } else {
                try {
                    cron = Optional.of(CRON.parse(schedule).validate());
                } catch (RuntimeException e) {
                    problem(prefix + "schedule", "'" + schedule + "' is not a valid cron expression ("
                            + e.getMessage() + "); Quartz syntax, e.g. 0 0 16 ? * FRI");
                }
            }
            Duration duration = window.duration().map(String::strip).filter(v -> !v.isEmpty())
                    .map(value -> duration(prefix + "duration", value))
                    .orElseGet(() -> {
                        problem(prefix + "duration", "is not set; give how long each window lasts, e.g. 64H");
                        return Duration.ofHours(1);
                    });
            List<String> environments = window.environments().orElse(List.of()).stream().map(String::strip)
                    .filter(v -> !v.isEmpty()).distinct().toList();
            if (pipeline.isPresent()) {
                List<String> known = pipeline.get().names();
                environments.stream().filter(env -> !known.contains(env)).forEach(env -> problem(prefix
                        + "environments", "names environment '" + env + "', which is not a configured environment "
                        + "(configured: " + String.join(", ", sorted(known)) + ")"));
                if (environments.isEmpty()) {
                    environments = pipeline.get().environments().stream().filter(Environment::releaseTagRequired)
                            .map(Environment::name).toList();
                    if (environments.isEmpty()) {
                        problem(prefix + "environments", "is not set, and no environment takes a release tag to "
                                + "default to; list the environments the window freezes");
                    }
                }
            }
            if (problems.size() == before && cron.isPresent()) {
                windows.add(new FreezeWindowSchedule(name, schedule, cron.get(), duration, environments,
                        window.reason().map(String::strip).orElse("")));
            }
        });
        return List.copyOf(windows);
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private ZoneId zone(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            problem("promobot.time-zone", "'" + value + "' is not a time zone; use an id such as UTC or Asia/Bangkok");
            return ZoneId.of("UTC");
        }
    }
}
