package dev.promobot.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.promobot.config.PromobotConfig.EnvironmentConfig;
import dev.promobot.config.Settings.TelegramMode;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Pipeline;
import dev.promobot.rules.Role;
import dev.promobot.rules.Service;
import dev.promobot.rules.Services;
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
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        Set<Long> chats = new LinkedHashSet<>(ids("promobot.telegram.chats", telegram.chats(),
                "a numeric Telegram chat id"));
        Optional<Long> channel = telegram.channel().map(String::strip).filter(s -> !s.isEmpty())
                .flatMap(value -> id("promobot.telegram.channel", value, "a numeric Telegram chat id"));

        Map<Long, Role> roles = roles(config.access());

        String region = config.aws().region().strip();
        if (region.isEmpty()) {
            problem("promobot.aws.region", "is empty; name the AWS region, e.g. ap-southeast-1");
        }
        Optional<URI> endpoint = config.aws().endpointOverride().map(String::strip).filter(s -> !s.isEmpty())
                .map(value -> url("promobot.aws.endpoint-override", value));
        Optional<String> githubToken = config.github().token().map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> githubRepository = gitHubRepository("promobot.github.repository",
                config.github().repository(), githubToken.isPresent());
        boolean anyRepository = githubRepository.isPresent() || config.services().values().stream()
                .anyMatch(service -> service.github().repository().filter(v -> !v.isBlank()).isPresent());
        if (githubToken.isPresent() && !anyRepository) {
            String repositoryKey = hasSingleService(config) ? "promobot.github.repository"
                    : "promobot.services.<service>.github.repository";
            problem(repositoryKey, "is needed too: the release-tag check, changelogs and commit times on GitHub "
                    + "use promobot.github.token with a service's GitHub repository");
        }
        URI githubApi = url("promobot.github.api-url", config.github().apiUrl());
        Optional<Settings.GitHub> github = githubToken.map(githubSecret ->
                new Settings.GitHub(githubSecret, githubApi));
        Optional<Services> services = services(config, chats, githubRepository, githubToken.isPresent());
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
        List<FreezeWindowSchedule> freezeWindows = freezeWindows(config.freezeWindows(), services);
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
        // The single service's repository is promobot.github.repository; every other service has its own key.
        Map<String, String> gitHubRepositoryKeys = services.orElseThrow().names().stream().collect(Collectors.toMap(
                name -> name, name -> config.services().containsKey(name)
                        ? "promobot.services." + name + ".github.repository" : "promobot.github.repository"));
        return new Result(Optional.of(new Settings(token, apiUrl, mode, secret, chats, channel, roles, region,
                endpoint, services.orElseThrow(), ttl, lease, sweep, unhealthyAfter, retention, auditCron, summaryCron,
                zone, apiToken, github, price, failureWindow, freezeWindows, gitHubRepositoryKeys)),
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

    /** A configured value and the key it came from, so a problem names the key the operator wrote. */
    private record Setting(String key, Optional<String> value) {
        static Setting of(String key, Optional<String> value) {
            return new Setting(key, value.map(String::strip).filter(v -> !v.isEmpty()));
        }

        /** This one when it is set, else the other. */
        Setting or(Setting other) {
            return value.isPresent() ? this : other;
        }
    }

    /** One environment of one service, before it is checked. */
    private record RawEnvironment(String name, Setting functions, Setting source, Setting approvals,
                                  Setting releaseTag, Setting rollbackApprovals) {
    }

    /**
     * Today's single-service keys (promobot.ecr.* with promobot.environments.<env>.functions) describe one service
     * named promobot.service-name; promobot.services.<service>.* add others. The single service exists when no other
     * is configured, or when some environment names functions for it.
     */
    private Optional<Services> services(PromobotConfig config, Set<Long> teamChats, Optional<String> gitHubRepository,
                                        boolean gitHubToken) {
        int before = problems.size();
        List<Service> services = new ArrayList<>();
        Map<String, EnvironmentConfig> shared = new TreeMap<>(config.environments());
        boolean single = hasSingleService(config);
        if (single) {
            singleService(config, shared, gitHubRepository).ifPresent(services::add);
        } else if (gitHubRepository.isPresent()) {
            problem("promobot.github.repository", "is set, but it belongs to the single service, and only services "
                    + "under promobot.services are configured; give each its own "
                    + "promobot.services.<service>.github.repository");
        }
        new TreeMap<>(config.services()).forEach((name, service) ->
                namedService(name, service, shared, teamChats, gitHubToken).ifPresent(services::add));
        Set<String> environmentNames = new TreeSet<>(shared.keySet());
        config.services().values().forEach(service -> environmentNames.addAll(service.environments().keySet()));
        Set<String> names = new TreeSet<>();
        for (Service service : services) {
            String key = config.services().containsKey(service.name()) ? "promobot.services." + service.name()
                    : "promobot.service-name";
            if (!names.add(service.name())) {
                problem("promobot.service-name", "'" + service.name() + "' is also the name of a service under "
                        + "promobot.services; give the single service another name");
            }
            if (environmentNames.contains(service.name())) {
                problem(key, "'" + service.name() + "' is also an environment's name; a command could not tell "
                        + "which one is meant");
            }
        }
        if (problems.size() != before || services.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Services(services));
    }

    /** Whether the single-service keys describe a service: alone, or beside others when they name functions. */
    private static boolean hasSingleService(PromobotConfig config) {
        return config.services().isEmpty() || config.environments().values().stream()
                .anyMatch(env -> env.functions().filter(f -> !f.isEmpty()).isPresent());
    }

    private Optional<Service> singleService(PromobotConfig config, Map<String, EnvironmentConfig> shared,
                                            Optional<String> gitHubRepository) {
        String repository = config.ecr().repository().strip();
        if (repository.isEmpty()) {
            problem("promobot.ecr.repository", "is empty; name the ECR repository the images live in");
        }
        Optional<String> registryId = registryId("promobot.ecr.registry-id", config.ecr().registryId());
        String name = config.serviceName().map(String::strip).filter(v -> !v.isEmpty()).orElse(repository);
        serviceName("promobot.service-name", name);
        // Alone, every environment belongs to it, as before several services existed; beside others, only those
        // that name its functions.
        boolean alone = config.services().isEmpty();
        List<RawEnvironment> environments = new ArrayList<>();
        shared.forEach((env, values) -> {
            String prefix = "promobot.environments." + env + ".";
            Setting functions = Setting.of(prefix + "functions", values.functions().map(SettingsValidator::joined));
            if (alone || functions.value().isPresent()) {
                environments.add(new RawEnvironment(env, functions, Setting.of(prefix + "source", values.source()),
                        Setting.of(prefix + "approvals", values.approvals()),
                        Setting.of(prefix + "release-tag", Optional.of(values.releaseTag())),
                        Setting.of(prefix + "rollback-approvals", Optional.of(values.rollbackApprovals()))));
            }
        });
        return service(name, repository, registryId, environments, "promobot.environments", Set.of(),
                gitHubRepository);
    }

    private Optional<Service> namedService(String name, PromobotConfig.ServiceConfig config,
                                           Map<String, EnvironmentConfig> shared, Set<Long> teamChats,
                                           boolean gitHubToken) {
        String prefix = "promobot.services." + name + ".";
        serviceName("promobot.services." + name, name);
        String repository = config.ecr().repository().map(String::strip).orElse("");
        if (repository.isEmpty()) {
            problem(prefix + "ecr.repository", "is not set; name the ECR repository of " + name + "'s images");
        }
        Optional<String> registryId = registryId(prefix + "ecr.registry-id", config.ecr().registryId());
        List<RawEnvironment> environments = new ArrayList<>();
        new TreeMap<>(config.environments()).forEach((env, own) -> {
            String ownPrefix = prefix + "environments." + env + ".";
            String sharedPrefix = "promobot.environments." + env + ".";
            Optional<EnvironmentConfig> defaults = Optional.ofNullable(shared.get(env));
            environments.add(new RawEnvironment(env,
                    Setting.of(ownPrefix + "functions", own.functions().map(SettingsValidator::joined)),
                    Setting.of(ownPrefix + "source", own.source())
                            .or(Setting.of(sharedPrefix + "source", defaults.flatMap(EnvironmentConfig::source))),
                    Setting.of(ownPrefix + "approvals", own.approvals())
                            .or(Setting.of(sharedPrefix + "approvals", defaults.flatMap(EnvironmentConfig::approvals))),
                    Setting.of(ownPrefix + "release-tag", own.releaseTag()).or(Setting.of(sharedPrefix
                            + "release-tag", defaults.map(EnvironmentConfig::releaseTag))),
                    Setting.of(ownPrefix + "rollback-approvals", own.rollbackApprovals()).or(Setting.of(sharedPrefix
                            + "rollback-approvals", defaults.map(EnvironmentConfig::rollbackApprovals)))));
        });
        if (environments.isEmpty()) {
            problem(prefix + "environments", "is empty; name the functions of at least one environment, e.g. "
                    + prefix + "environments.dev.functions");
        }
        Set<Long> chats = new LinkedHashSet<>(ids(prefix + "chats", config.chats(), "a numeric Telegram chat id"));
        chats.stream().filter(chat -> !teamChats.contains(chat)).forEach(chat -> problem(prefix + "chats",
                "chat " + chat + " is not one of promobot.telegram.chats; bind only team chats"));
        Optional<String> gitHubRepository = gitHubRepository(prefix + "github.repository",
                config.github().repository(), gitHubToken);
        return service(name, repository, registryId, environments, prefix + "environments", chats,
                gitHubRepository);
    }

    /**
     * A service's GitHub repository, written owner/name. promobot.github.token is shared by every service, and a
     * repository without it could not be read: both are needed.
     */
    private Optional<String> gitHubRepository(String key, Optional<String> value, boolean token) {
        Optional<String> repository = value.map(String::strip).filter(v -> !v.isEmpty());
        repository.filter(repo -> !repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")).ifPresent(repo ->
                problem(key, "'" + repo + "' is not owner/name"));
        if (repository.isPresent() && !token) {
            problem("promobot.github.token", "is needed too: the release-tag check, changelogs and commit times on "
                    + "GitHub use " + key + " and promobot.github.token together");
        }
        return repository;
    }

    private void serviceName(String key, String name) {
        if (!name.isEmpty() && !(name.length() <= 128 && name.matches("[a-z0-9]+([._/-][a-z0-9]+)*"))) {
            problem(key, "'" + name + "' is not a service name; use lowercase letters, digits and . _ - / "
                    + "(as ECR repository names do)");
        }
    }

    private Optional<String> registryId(String key, Optional<String> value) {
        Optional<String> registryId = value.map(String::strip).filter(s -> !s.isEmpty());
        registryId.filter(id -> !id.matches("[0-9]{12}")).ifPresent(id ->
                problem(key, "'" + id + "' is not a 12-digit AWS account id"));
        return registryId;
    }

    private static String joined(List<String> values) {
        return String.join(",", values);
    }

    private Optional<Service> service(String name, String repository, Optional<String> registryId,
                                      List<RawEnvironment> configured, String environmentsKey, Set<Long> chats,
                                      Optional<String> gitHubRepository) {
        int before = problems.size();
        List<Environment> environments = new ArrayList<>();
        Map<String, Integer> rollbackApprovals = new LinkedHashMap<>();
        // Sorted so that the pipeline order between independent environments never depends on map order.
        configured.stream().sorted(java.util.Comparator.comparing(RawEnvironment::name)).forEach(env -> {
            environment(env).ifPresent(environments::add);
            rollbackApprovals(env).ifPresent(value -> rollbackApprovals.put(env.name(), value));
        });
        if (problems.size() != before) {
            return Optional.empty();
        }
        Pipeline.Built built = Pipeline.of(environments);
        built.problems().forEach(p -> problem(p.environment().isEmpty() ? environmentsKey
                : configured.stream().filter(env -> env.name().equals(p.environment())).findFirst()
                        .map(env -> env.source().key()).orElse(environmentsKey), p.sentence()));
        return built.pipeline().filter(pipeline -> problems.size() == before)
                .map(pipeline -> new Service(name, repository, registryId, pipeline, rollbackApprovals, chats,
                        gitHubRepository));
    }

    private Optional<Integer> rollbackApprovals(RawEnvironment env) {
        String value = env.rollbackApprovals().value().orElse("0");
        try {
            int approvals = Integer.parseInt(value);
            if (approvals < 0) {
                problem(env.rollbackApprovals().key(), "is " + approvals + "; it cannot be negative");
                return Optional.empty();
            }
            return Optional.of(approvals);
        } catch (NumberFormatException e) {
            problem(env.rollbackApprovals().key(), "'" + value + "' is not a whole number");
            return Optional.empty();
        }
    }

    private Optional<Environment> environment(RawEnvironment env) {
        String name = env.name();
        int before = problems.size();
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            problem(env.functions().key().substring(0, env.functions().key().lastIndexOf('.')),
                    "'" + name + "' is not an environment name; use lowercase letters, digits and dashes");
        }
        List<String> functions = env.functions().value().stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (functions.isEmpty()) {
            problem(env.functions().key(), "is empty; name the Lambda functions of " + name);
        }
        Optional<String> source = env.source().value();
        boolean releaseTag = bool(env.releaseTag().key(), env.releaseTag().value().orElse("false"));
        int approvals = releaseTag ? 1 : 0;
        Optional<String> rawApprovals = env.approvals().value();
        String approvalsKey = env.approvals().key();
        if (rawApprovals.isPresent()) {
            try {
                approvals = Integer.parseInt(rawApprovals.get());
                if (approvals < 0) {
                    problem(approvalsKey, "is " + approvals + "; it cannot be negative");
                } else if (approvals < 1 && releaseTag) {
                    problem(approvalsKey, "is " + approvals + ", but " + name
                            + " needs approval (it requires a release tag); set it to 1 or more");
                }
            } catch (NumberFormatException e) {
                problem(approvalsKey, "'" + rawApprovals.get() + "' is not a whole number");
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
                                                     Optional<Services> services) {
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
            if (services.isPresent()) {
                List<String> known = List.copyOf(services.get().environmentNames());
                environments.stream().filter(env -> !known.contains(env)).forEach(env -> problem(prefix
                        + "environments", "names environment '" + env + "', which is not a configured environment "
                        + "(configured: " + String.join(", ", sorted(known)) + ")"));
                if (environments.isEmpty()) {
                    environments = services.get().all().stream()
                            .flatMap(service -> service.pipeline().environments().stream())
                            .filter(Environment::releaseTagRequired).map(Environment::name).distinct().sorted()
                            .toList();
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
