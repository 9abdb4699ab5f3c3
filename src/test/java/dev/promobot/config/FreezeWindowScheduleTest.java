package dev.promobot.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.promobot.rules.FreezeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a scheduled freeze window starts and ends, over instants a test chooses (the injected clock), in a zone with
 * daylight saving: starts follow the zone's wall clock, durations are elapsed time.
 */
class FreezeWindowScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** Fridays at 16:00 Berlin time, for 64 hours: Argo CD's classic weekend sync window. */
    private static final FreezeWindowSchedule WEEKEND = new FreezeWindowSchedule("weekend", "0 0 16 ? * FRI",
            QUARTZ.parse("0 0 16 ? * FRI"), Duration.ofHours(64), List.of("prod"), "weekend");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void aWindowIsNotInForceTheSecondBeforeItStartsAndNamesItsNextStart() {
        Instant before = berlin("2025-10-24T15:59:59");

        assertThat(WEEKEND.inForce(before, BERLIN)).isEmpty();
        assertThat(WEEKEND.next(before, BERLIN)).map(FreezeWindow::start)
                .contains(Instant.parse("2025-10-24T14:00:00Z"));
    }

    @Test
    void aWindowIsInForceFromTheMinuteItStarts() {
        FreezeWindow window = WEEKEND.inForce(berlin("2025-10-24T16:00:00"), BERLIN).orElseThrow();

        assertThat(window.start()).isEqualTo(Instant.parse("2025-10-24T14:00:00Z"));
        assertThat(window.environments()).containsExactly("prod");
        assertThat(window.reason()).isEqualTo("weekend");
    }

    @Test
    void acrossTheAutumnChangeAWindowLastsSixtyFourRealHoursSoItEndsAnHourEarlierOnTheWallClock() {
        // Clocks went back from 03:00 to 02:00 on Sunday 26 October 2025: 64 h after Friday 16:00 CEST is
        // Monday 07:00 CET.
        assertThat(WEEKEND.inForce(berlin("2025-10-27T06:59:59"), BERLIN)).map(FreezeWindow::end)
                .contains(berlin("2025-10-27T07:00:00"));
        assertThat(WEEKEND.inForce(berlin("2025-10-27T07:00:00"), BERLIN)).isEmpty();
    }

    @Test
    void acrossTheSpringChangeTheNextStartIsStillSixteenHundredOnTheWallClock() {
        // Clocks went forward on Sunday 29 March 2026: that Friday's window starts 16:00 CET (15:00 UTC), the
        // next one 16:00 CEST (14:00 UTC).
        FreezeWindow march = WEEKEND.inForce(berlin("2026-03-29T12:00:00"), BERLIN).orElseThrow();
        assertThat(march.start()).isEqualTo(Instant.parse("2026-03-27T15:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"))
                .isEqualTo(berlin("2026-03-30T09:00:00"));

        assertThat(WEEKEND.inForce(march.end(), BERLIN)).isEmpty();
        assertThat(WEEKEND.next(march.end(), BERLIN)).map(FreezeWindow::start)
                .contains(Instant.parse("2026-04-03T14:00:00Z"));
    }

    @Test
    void inTheMiddleOfTheWeekNoWindowIsInForce() {
        assertThat(WEEKEND.inForce(berlin("2025-10-29T12:00:00"), BERLIN)).isEmpty();
    }
}
