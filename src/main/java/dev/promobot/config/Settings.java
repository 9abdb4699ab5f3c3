package dev.promobot.config;

import dev.promobot.rules.Role;
import dev.promobot.rules.Services;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration after validation, in domain types. Everything downstream reads this, never the raw strings.
 */
public record Settings(
        String telegramToken,
        URI telegramApiUrl,
        TelegramMode telegramMode,
        Optional<String> webhookSecret,
        Set<Long> chats,
        Optional<Long> channel,
        Map<Long, Role> roles,
        String awsRegion,
        Optional<URI> awsEndpointOverride,
        Services services,
        Duration approvalTtl,
        Duration deploymentLease,
        Duration sweepInterval,
        Duration telegramUnhealthyAfter,
        Duration messageRetention,
        String auditCron,
        String summaryCron,
        ZoneId timeZone,
        Optional<String> apiToken,
        Optional<GitHub> github,
        java.math.BigDecimal pricePerGbMonth,
        Duration doraFailureWindow,
        List<FreezeWindowSchedule> freezeWindows,
        Map<String, String> gitHubRepositoryKeys) {

    /** The key that names the service's GitHub repository, for a sentence that tells an operator what to set. */
    public String gitHubRepositoryKey(String service) {
        return gitHubRepositoryKeys.getOrDefault(service, "promobot.services." + service + ".github.repository");
    }

    /**
     * How promobot reads GitHub (release-tag check, changelogs, commit times), shared by every service: on when
     * promobot.github.token is set. Each service names its own repository ({@code Service.gitHubRepository}).
     */
    public record GitHub(String token, URI apiUrl) {
        @Override
        public String toString() {
            return "GitHub[" + apiUrl + "]"; // never the token
        }
    }

    /** Secrets this record holds; {@link #toString} shows them as {@value #REDACTED}. */
    private static final Set<String> SECRETS = Set.of("telegramToken", "webhookSecret", "apiToken");
    static final String REDACTED = "<redacted>";

    /** Every setting but the secrets, so the settings can be logged or shown in an exception. */
    @Override
    public String toString() {
        return Arrays.stream(Settings.class.getRecordComponents())
                .map(component -> component.getName() + "=" + (SECRETS.contains(component.getName())
                        ? REDACTED : valueOf(component)))
                .collect(Collectors.joining(", ", "Settings[", "]"));
    }

    private Object valueOf(RecordComponent component) {
        try {
            return component.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read setting " + component.getName(), e);
        }
    }

    public enum TelegramMode {
        LONG_POLLING("long-polling"), WEBHOOK("webhook");

        private final String key;

        TelegramMode(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Where summaries, lifecycle audits and notices go: promobot.telegram.channel, else the first team chat. */
    public Optional<Long> channelOrFirstChat() {
        return channel.or(() -> chats.stream().findFirst());
    }

    public Optional<Role> roleOf(long userId) {
        return Optional.ofNullable(roles.get(userId));
    }
}
