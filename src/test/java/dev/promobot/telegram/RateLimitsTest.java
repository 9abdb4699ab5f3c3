package dev.promobot.telegram;

import dev.promobot.Cast;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Telegram's sending limits as the sender keeps them, on an explicit clock. */
class RateLimitsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final long GROUP = Cast.TEAM_CHAT;
    /** A private chat, whose id is the person's. */
    private static final long PERSON = Cast.DEPLOYER.id();
    private static final long ANOTHER_PERSON = Cast.APPROVER.id();

    private final RateLimits limits = new RateLimits();

    @Test
    void aChatGetsAtMostOneMessageASecond() {
        assertThat(limits.nextAllowed(PERSON, T0)).isEqualTo(T0);
        limits.sent(PERSON, T0);

        assertThat(limits.nextAllowed(PERSON, T0.plusMillis(300))).isEqualTo(T0.plusSeconds(1));
        assertThat(limits.nextAllowed(ANOTHER_PERSON, T0.plusMillis(300))).isEqualTo(T0.plusMillis(300));
    }

    @Test
    void aGroupGetsAtMostTwentyMessagesAMinute() {
        for (int i = 0; i < 20; i++) {
            limits.sent(GROUP, T0.plusSeconds(i));
        }

        assertThat(limits.nextAllowed(GROUP, T0.plusSeconds(25))).isEqualTo(T0.plusSeconds(60));
        assertThat(limits.nextAllowed(GROUP, T0.plusSeconds(61))).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void everythingTogetherGetsAtMostThirtyMessagesASecond() {
        List<Cast.Person> crowd = Cast.crowdOfViewers(31);
        for (int i = 0; i < 30; i++) {
            limits.sent(crowd.get(i).id(), T0.plusMillis(i));
        }

        assertThat(limits.nextAllowed(crowd.get(30).id(), T0.plusMillis(500))).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aRetryAfterPausesOnlyThatChat() {
        limits.pause(GROUP, T0.plusSeconds(2));

        assertThat(limits.nextAllowed(GROUP, T0)).isEqualTo(T0.plusSeconds(2));
        assertThat(limits.nextAllowed(PERSON, T0)).isEqualTo(T0);
    }
}
