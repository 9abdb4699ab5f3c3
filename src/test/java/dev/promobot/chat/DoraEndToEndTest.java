package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.PastDeployments;
import dev.promobot.StandIns;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.prod;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /dora over a deployment history seeded in the database, as a viewer reads it in the team chat.
 *
 * <p>prod: A promoted 12 days ago (21 h after its build); B promoted 5 days ago (33 h after its build) and rolled
 * back to A 40 minutes later; C promoted 3 days ago (27 h after its build) and rolled back 30 hours later, outside
 * the 24-hour failure window; D promoted 20 hours ago (12 h after its build). staging: B promoted 6 days ago (10 h
 * after its build), replaced outside promobot 2 hours later, and that image rolled back an hour after. dev: nothing.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class DoraEndToEndTest {

    @Inject
    Db db;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void seededHistory() {
        db.update("DELETE FROM deployment"); // other test classes share this database
        // Whole seconds, as the build times in image tags are.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant a = now.minus(Duration.ofDays(12));
        Instant b = now.minus(Duration.ofDays(5));
        Instant c = now.minus(Duration.ofDays(3));
        Instant d = now.minus(Duration.ofHours(20));
        Instant stagingB = now.minus(Duration.ofDays(6));
        new PastDeployments(db)
                .promotion("prod", 'a', a.minus(Duration.ofHours(21)), a, '0')
                .promotion("prod", 'b', b.minus(Duration.ofHours(33)), b, 'a')
                .rollback("prod", 'a', 'b', b.plus(Duration.ofMinutes(40)))
                .promotion("prod", 'c', c.minus(Duration.ofHours(27)), c, 'a')
                .rollback("prod", 'a', 'c', c.plus(Duration.ofHours(30)))
                .promotion("prod", 'd', d.minus(Duration.ofHours(12)), d, 'a')
                .promotion("staging", 'b', stagingB.minus(Duration.ofHours(10)), stagingB, '0')
                .outside("staging", 'e', 'b', stagingB.plus(Duration.ofHours(2)))
                .rollback("staging", 'b', 'e', stagingB.plus(Duration.ofHours(3)));
    }

    @AfterEach
    void forgetTheSeededHistory() {
        db.update("DELETE FROM deployment");
    }

    @Test
    void doraShowsEachEnvironmentsFiguresOverTheLastWeekAndMonth() {
        String text = team.replyTo(team.says(VIEWER, "/dora")).text();

        assertThat(text).isEqualTo("""
                📊 <b>DORA figures</b>

                <b>dev</b>
                7 d: no deployments
                30 d: no deployments

                <b>staging</b>
                7 d: 2 deployments (2.0/week) · lead time 10 h · none failed; 1 outside deployment not counted
                30 d: 2 deployments (0.5/week) · lead time 10 h · none failed; 1 outside deployment not counted

                <b>prod</b>
                7 d: 5 deployments (5.0/week) · lead time 27 h · 1 of 5 failed (20%), restored in 40 min
                30 d: 6 deployments (1.4/week) · lead time 24 h · 1 of 6 failed (17%), restored in 40 min

                <i>Medians. Failed: replaced by a rollback within 24 h. Lead time from the build time in the \
                image tag to the deployment.</i>""");
    }

    @Test
    void doraForOneEnvironmentAndWindowShowsOnlyThose() {
        String prodWeek = team.replyTo(team.says(VIEWER, "/dora prod 7")).text();
        String stagingFortnight = team.replyTo(team.says(VIEWER, "/dora 14 staging")).text();

        assertThat(prodWeek).startsWith("📊 <b>DORA figures</b> · prod\n\n<b>prod</b>\n7 d: 5 deployments "
                + "(5.0/week) · lead time 27 h · 1 of 5 failed (20%), restored in 40 min\n\n")
                .doesNotContain("staging").doesNotContain("30 d");
        assertThat(stagingFortnight).contains("<b>staging</b>\n14 d: 2 deployments (1.0/week)")
                .doesNotContain("<b>prod</b>");
    }

    @Test
    void anUnknownEnvironmentOrABadNumberGetsTheUsageAndChangesNothing() {
        String usage = "Usage: /dora [env] [days]; environments: dev, staging, prod; days 1 to 365 (without, the "
                + "last 7 and 30)";
        List<String> running = List.of(dev(), staging(), prod());
        long deployments = db.one("SELECT COUNT(*) FROM deployment", rs -> rs.getLong(1)).orElseThrow();

        for (String command : List.of("/dora qa", "/dora 0", "/dora 366", "/dora prod staging", "/dora 7 30",
                "/dora <b>prod</b>")) {
            assertThat(team.replyTo(team.says(VIEWER, command)).text()).as(command).isEqualTo(usage);
        }
        assertThat(List.of(dev(), staging(), prod())).isEqualTo(running);
        assertThat(db.one("SELECT COUNT(*) FROM deployment", rs -> rs.getLong(1))).contains(deployments);
    }

    @Test
    void doraIsInTheHelpOfAViewerAndInTheCommandMenu() {
        assertThat(team.replyTo(team.says(VIEWER, "/help")).text())
                .contains("/dora [env] [days] - deployment frequency, lead time, failure rate, time to restore");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(StandIns.telegram().commands()).extracting(command -> command.command()).contains("dora"));
    }

    @Test
    void aViewerMayAskForTheFiguresInAPrivateChat() {
        Conversation direct = Conversation.privateWith(VIEWER);

        assertThat(direct.replyTo(direct.says(VIEWER, "/dora prod 30")).text())
                .contains("30 d: 6 deployments (1.4/week)");
    }
}
