package dev.promobot.summary;

import dev.promobot.AwsConsole;
import dev.promobot.Lambda;
import dev.promobot.PastDeployments;
import dev.promobot.StandIns;
import dev.promobot.config.Settings;
import dev.promobot.lifecycleaudit.LifecycleAudit;
import dev.promobot.lifecycleaudit.LifecycleAuditRuns;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Freezes;
import dev.promobot.rules.Service;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

import static dev.promobot.Cast.CHANNEL;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.TEAM_CHAT;
import static dev.promobot.Cast.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The daily summary and the outside-deployment watch, as the channel receives them. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class SummaryAndOutsideDeploymentTest {

    @Inject
    DailySummary summary;

    @Inject
    OutsideDeploymentWatch watch;

    @Inject
    AuditTrail audit;

    @Inject
    LifecycleAuditRuns audits;

    @Inject
    LifecycleAudit lifecycleAudit;

    @Inject
    Db db;

    @Inject
    Freezes freezes;

    @Inject
    Settings settings;

    private Service service() {
        return settings.services().only().orElseThrow();
    }

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        db.update("DELETE FROM deployment");
        db.update("DELETE FROM summary_sent");
        db.update("DELETE FROM audit_event"); // other test classes share this database
        db.update("DELETE FROM outside_message");
        db.update("DELETE FROM job_claim");
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
    }

    private static List<SentMessage> channel() {
        return StandIns.telegram().botMessages(CHANNEL);
    }

    @Test
    void theSummaryOverASeededHistoryShowsWhatRunsWhatHappenedHowFarBehindAndReadiness() {
        Instant now = Instant.now();
        audit.record(Optional.of(DEPLOYER.id()), DEPLOYER.firstName(), Optional.of(TEAM_CHAT), "promote",
                "/promote staging", Optional.of(service().name()), Optional.of("staging"), AuditOutcome.SUCCEEDED,
                "a -> b in 40.1 s");
        audit.record(Optional.of(VIEWER.id()), VIEWER.firstName(), Optional.of(TEAM_CHAT), "promote",
                "/promote staging", Optional.of(service().name()), Optional.of("staging"), AuditOutcome.REFUSED,
                "only deployers may promote");
        audits.store(service().name(), lifecycleAudit.run(service()), "schedule", "details");
        List<Seed.SeedImage> images = StandIns.seededImages();

        String text = summary.compose(now);

        assertThat(text).startsWith("<b>Daily summary</b>")
                .contains("<b>dev</b> <code>" + images.get(0).tag() + "</code> since before promobot saw it")
                .contains("<b>staging</b> <code>" + images.get(2).tag() + "</code>")
                .contains("2 images and 2 days behind dev")
                .contains("7 images and 7 days behind staging")
                .contains("<b>Last 24 h</b>: 1 promotion, 0 rollbacks, 1 refusal")
                .contains(DEPLOYER.firstName() + ": promote staging → succeeded")
                .contains("prod: no earlier image known")
                .contains("<b>Latest lifecycle audit</b>: ✅ 10 of 40 images due to expire");
    }

    @Test
    void aFreezeInForceLeadsTheSummaryWithWhoFrozeWhyAndHowManyAskedToLiftIt() {
        Freezes.StoredFreeze frozen = freezes.freeze(Optional.empty(), DEPLOYER.id(), DEPLOYER.firstName(),
                "prod <b>error</b> rate")
                .orElseThrow();
        try {
            String text = summary.compose(Instant.now());

            assertThat(text.lines().skip(1).findFirst()).hasValueSatisfying(line -> assertThat(line)
                    .startsWith("🧊 <b>promotions frozen</b> by " + DEPLOYER.firstName() + " since ")
                    .contains(": prod &lt;b&gt;error&lt;/b&gt; rate").endsWith("(0 of 2 asked to lift it)"));
        } finally {
            db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = CURRENT_TIMESTAMP WHERE id = ?",
                    frozen.id());
        }
        assertThat(summary.compose(Instant.now())).doesNotContain("promotions frozen");
    }

    @Test
    void theSummaryCountsTheWholeLastDayHoweverManyEntriesItHoldsAndWhatOutsidersSent() {
        Instant now = Instant.now();
        db.update("INSERT INTO audit_event (at, user_id, user_name, command, text, environment, outcome, detail) "
                + "VALUES (?, ?, 'Dana', 'promote', '/promote staging', 'staging', 'succeeded', 'two days ago')",
                now.minus(Duration.ofHours(25)), DEPLOYER.id());
        audit.record(Optional.of(DEPLOYER.id()), DEPLOYER.firstName(), Optional.of(TEAM_CHAT), "promote",
                "/promote staging", Optional.of(service().name()), Optional.of("staging"), AuditOutcome.SUCCEEDED,
                "a -> b in 40.1 s");
        for (int i = 0; i < 600; i++) { // more than any page of the trail
            audit.record(Optional.of(VIEWER.id()), VIEWER.firstName(), Optional.of(TEAM_CHAT), "promote",
                    "/promote staging", Optional.of(service().name()), Optional.of("staging"), AuditOutcome.REFUSED,
                    "only deployers may promote");
        }
        for (long stranger = 1; stranger <= 2; stranger++) {
            db.update("INSERT INTO outside_message (chat_id, user_id, hour_start, user_name, messages, last_text, "
                    + "last_at) VALUES (-100999, ?, ?, 'Someone', 20, '/whoami', ?)", stranger,
                    now.truncatedTo(java.time.temporal.ChronoUnit.HOURS), now);
        }

        String text = summary.compose(now);

        assertThat(text).contains("<b>Last 24 h</b>: 1 promotion, 0 rollbacks, 600 refusals")
                .contains(DEPLOYER.firstName() + ": promote staging → succeeded")
                .contains("Ignored from outside: 40 messages from 2 people in 1 chat");
    }

    /** A promotion of the digest to the environment's function that succeeded at {@code finished}. */
    private void succeeded(String environment, String digest, Instant finished) {
        db.update("INSERT INTO deployment (service, environment, functions, tag, digest, kind, actor_name, status, "
                + "started_at, finished_at) VALUES ('dr-daily-report-telegram-api', ?, ?, 'x', ?, 'promotion', "
                + "'Dana', 'succeeded', ?, ?)", environment, "telegram-api-" + environment, digest,
                finished.minusSeconds(40), finished);
    }

    @Test
    void anEnvironmentPromobotDeployedShowsSinceWhenAndOneChangedSinceDoesNot() {
        Instant deployed = Instant.parse("2026-12-01T08:15:00Z");
        succeeded("prod", Lambda.prod(), deployed);
        // staging's newest deployment put another image there than the one it runs now.
        succeeded("staging", Lambda.dev(), deployed);

        String text = summary.compose(Instant.now());

        assertThat(text).containsPattern("<b>prod</b> <code>[^<]+</code> since 2026-12-01 08:15 UTC")
                .containsPattern("<b>staging</b> <code>[^<]+</code> since before promobot saw it");
    }

    @Test
    void aRollbackTargetKnownOnlyByItsDigestIsStillShownAsReady() {
        List<Seed.SeedImage> images = StandIns.seededImages();
        String running = Lambda.prod();
        // A deployment that replaced an image promobot knew only by digest (no tag recorded for it).
        db.update("INSERT INTO deployment (service, environment, functions, tag, digest, previous_digest, kind, "
                + "actor_name, "
                + "status, started_at, finished_at) VALUES ('dr-daily-report-telegram-api', "
                + "'prod', 'telegram-api-prod', 'x', ?, ?, 'promotion', "
                + "'Dana', 'succeeded', ?, ?)", running, images.get(4).digest(), Instant.now(), Instant.now());

        String text = summary.compose(Instant.now());

        assertThat(text).contains("prod: ✅ <code>" + images.get(4).digest().substring(7, 19) + "</code> still in ECR");
    }

    @Test
    void onAMondayTheSummaryAddsTheLastSevenDaysDoraFiguresOfEachEnvironment() {
        Instant monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant promoted = monday.minus(Duration.ofDays(2));
        new PastDeployments(db)
                .promotion("prod", 'b', promoted.minus(Duration.ofHours(5)), promoted, 'a')
                .rollback("prod", 'a', 'b', promoted.plus(Duration.ofMinutes(30)))
                .promotion("staging", 'c', monday.minus(Duration.ofDays(9)), monday.minus(Duration.ofDays(8)), 'b');

        String text = summary.compose(monday);

        assertThat(text).contains("""

                <b>Last 7 days</b> (DORA)
                dev: no deployments
                staging: no deployments
                prod: 2 deployments (2.0/week) · lead time 5 h · 1 of 2 failed (50%), restored in 30 min
                <i>Medians. Failed: replaced by a rollback within 24 h. Lead time from the build time in the image \
                tag.</i>

                <b>Rollback readiness</b>""");
    }

    @Test
    void onAnyOtherDayTheSummaryHasNoDoraFigures() {
        Instant tuesday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY))
                .atTime(9, 0).toInstant(ZoneOffset.UTC);
        new PastDeployments(db).promotion("prod", 'b', tuesday.minus(Duration.ofDays(3)),
                tuesday.minus(Duration.ofDays(2)), 'a');

        assertThat(summary.compose(tuesday)).doesNotContain("DORA").doesNotContain("Last 7 days");
    }

    @Test
    void aSummaryTriggeredTwiceOnOneDayIsSentOnce() {
        int before = channel().size();
        Instant now = Instant.now();

        assertThat(summary.sendOnce(now)).isTrue();
        assertThat(summary.sendOnce(now.plusSeconds(60))).isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> channel().size() == before + 1);
        assertThat(channel().get(channel().size() - 1).text()).startsWith("<b>Daily summary</b>");
        assertThat(db.one("SELECT COUNT(*) FROM summary_sent", rs -> rs.getLong(1))).contains(1L);
    }

    @Test
    void aDeploymentMadeOutsidePromobotIsRecordedAndAnnouncedOnce() {
        assertThat(watch.check()).isEmpty(); // the first look is a baseline
        List<Seed.SeedImage> images = StandIns.seededImages();
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + ":"
                + images.get(1).tag());
        int before = channel().size();

        List<OutsideDeploymentWatch.Noticed> first = watch.check();
        List<OutsideDeploymentWatch.Noticed> second = watch.check();

        assertThat(first).singleElement().satisfies(observed -> assertThat(observed.sentence())
                .isEqualTo("staging changed outside promobot: " + images.get(2).tag() + " → " + images.get(1).tag()));
        assertThat(second).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> channel().size() == before + 1);
        assertThat(channel().get(channel().size() - 1).text()).startsWith("👀 staging changed outside promobot");
        assertThat(db.one("SELECT COUNT(*) FROM deployment WHERE kind = 'outside' AND environment = 'staging'",
                rs -> rs.getLong(1))).contains(2L);
    }

    @Test
    void promobotsOwnDeploymentIsNeverTakenForAnOutsideOneWhileItRunsOrAfterItEnds() {
        watch.check(); // the baseline
        List<Seed.SeedImage> images = StandIns.seededImages();
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_digest, "
                + "kind, "
                        + "actor_user_id, actor_name, status, started_at, in_flight_environment, owner, epoch, "
                        + "lease_until) VALUES ('dr-daily-report-telegram-api', "
                        + "'staging', 'telegram-api-staging', ?, ?, ?, 'promotion', ?, ?, "
                        + "'in_progress', ?, 'staging', 'a-replica', 1, ?)",
                images.get(0).tag(), images.get(0).digest(), Lambda.staging(), DEPLOYER.id(), DEPLOYER.firstName(),
                Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        // Lambda has taken promobot's update; promobot has not recorded the outcome yet.
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + "@"
                + images.get(0).digest());

        assertThat(watch.check()).isEmpty();
        db.update("UPDATE deployment SET status = 'succeeded', finished_at = ?, in_flight_environment = NULL, "
                + "lease_until = NULL WHERE id = ?", Instant.now(), id);
        assertThat(watch.check()).isEmpty();
        assertThat(db.one("SELECT COUNT(*) FROM deployment WHERE kind = 'outside' AND environment = 'staging' "
                + "AND digest = ?",
                rs -> rs.getLong(1), images.get(0).digest())).contains(0L);
    }
}
