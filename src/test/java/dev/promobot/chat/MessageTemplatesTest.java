package dev.promobot.chat;

import dev.promobot.promotion.Behind;
import dev.promobot.promotion.Changelog;
import dev.promobot.telegram.Messages;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message templates as Telegram receives them: line for line, and with every value from outside escaped by the
 * template engine, so a tag, a name or a reason can never add markup of its own.
 */
@QuarkusTest
class MessageTemplatesTest {

    private static final String SINGLE_KEY = "promobot.github.repository";
    private static final String HOSTILE = "<b>Eve</b> & \"co\"";
    private static final String ESCAPED = "&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;";

    @Test
    void aRequestMessageReadsLineByLineAndEscapesWhatPeopleTyped() {
        String text = Messages.render(new ChatAnnouncements.request(7, false, "", "prod", "sha-1a2b3c4-20251127",
                "1a2b3c4d5e6f", "1a2b3c4", "https://github.com/team/api/commit/1a2b3c4", "v1.2.3",
                "GitHub: v1.2.3 is on main", "sha-0a1b2c3-20251120", HOSTILE, "2025-11-28 09:00 UTC", 1,
                Messages.render(ChatAnnouncements.changelog.of("prod", new Changelog.Listed("0a1b2c3", "1a2b3c4",
                        2, List.of(new Changelog.Commit("1a2b3c4", "Fix <b>bold</b> & co", HOSTILE),
                                new Changelog.Commit("9d8c7b6", "Add the changelog", "Ari")),
                        "https://github.com/team/api/compare/0a1b2c3...1a2b3c4"), SINGLE_KEY)),
                ChatAnnouncements.StatusLine.rejected(HOSTILE, "not <today>")));

        assertThat(text).isEqualTo("""
                ✋ <b>Promotion request #7</b> · prod
                image: <code>sha-1a2b3c4-20251127</code> (1a2b3c4d5e6f)
                git: <a href="https://github.com/team/api/commit/1a2b3c4">1a2b3c4</a>
                release tag: <code>v1.2.3</code>
                GitHub: v1.2.3 is on main
                prod runs now: <code>sha-0a1b2c3-20251120</code>
                requested by %s · expires 2025-11-28 09:00 UTC
                needs 1 approval(s), not from the requester

                📝 2 commits from <code>0a1b2c3</code> to <code>1a2b3c4</code> · \
                <a href="https://github.com/team/api/compare/0a1b2c3...1a2b3c4">full comparison</a>
                • <code>1a2b3c4</code> Fix &lt;b&gt;bold&lt;/b&gt; &amp; co · %s
                • <code>9d8c7b6</code> Add the changelog · Ari

                ❌ rejected by %s: not &lt;today&gt;""".formatted(ESCAPED, ESCAPED, ESCAPED));
    }

    @Test
    void aRollbackRequestOfOneOfSeveralServicesNamesItAndLeavesOutWhatIsUnknown() {
        String text = Messages.render(new ChatAnnouncements.request(8, true, "report-worker", "staging", "latest",
                "9f8e7d6c5b4a", "", "", "", "", "", "Dana", "2025-11-28 09:00 UTC", 2, "",
                ChatAnnouncements.StatusLine.waiting()));

        assertThat(text).isEqualTo("""
                ↩️ <b>Rollback request #8</b> · report-worker staging
                image: <code>latest</code> (9f8e7d6c5b4a)
                staging runs now: nothing known
                requested by Dana · expires 2025-11-28 09:00 UTC
                needs 2 approval(s), not from the requester

                waiting for approval""");
    }

    @Test
    void aLongChangelogListsTheNewestTenAndCountsTheRest() {
        List<Changelog.Commit> newest = java.util.stream.IntStream.rangeClosed(1, 10)
                .mapToObj(n -> new Changelog.Commit("00000" + (10 + n), "Change " + n, "Dana")).toList();

        String text = Messages.render(ChatAnnouncements.changelog.of("prod",
                new Changelog.Listed("0a1b2c3", "1a2b3c4", 23, newest, ""), SINGLE_KEY));

        assertThat(text.lines()).hasSize(12).first().isEqualTo(
                "📝 23 commits from <code>0a1b2c3</code> to <code>1a2b3c4</code>");
        assertThat(text.lines().toList().get(10)).isEqualTo("• <code>0000020</code> Change 10 · Dana");
        assertThat(text).endsWith("\nand 13 more");
    }

    @Test
    void eachKindOfChangelogIsOneLineEscaped() {
        assertThat(Messages.render(ChatAnnouncements.changelog.of("prod", new Changelog.Identical("1a2b3c4",
                "1a2b3c4"), SINGLE_KEY))).isEqualTo(
                "📝 No commits change: <code>1a2b3c4</code> is the commit prod runs");
        assertThat(Messages.render(ChatAnnouncements.changelog.of("staging", new Changelog.GoesBack("2b3c4d5",
                "1a2b3c4", 1, ""), SINGLE_KEY))).isEqualTo(
                "📝 Goes back 1 commit: <code>1a2b3c4</code> is older than <code>2b3c4d5</code>, which staging runs");
        assertThat(Messages.render(ChatAnnouncements.changelog.of("prod",
                new Changelog.CannotCompare("the <histories> diverged"), SINGLE_KEY))).isEqualTo(
                "📝 Changelog cannot be computed: the &lt;histories&gt; diverged");
        assertThat(Messages.render(ChatAnnouncements.changelog.of("prod",
                new Changelog.Unavailable("GitHub failed with 500"), SINGLE_KEY))).isEqualTo(
                "📝 Changelog unavailable: GitHub failed with 500");
        assertThat(Messages.render(ChatAnnouncements.changelog.of("prod", new Changelog.NotConfigured(),
                "promobot.services.report-worker.github.repository"))).isEqualTo("📝 Changelog: set "
                + "promobot.services.report-worker.github.repository and promobot.github.token to see the commits "
                + "each promotion brings");
    }

    @Test
    void statusShowsEachEnvironmentInItsOwnBlock() {
        StatusCommand.EnvironmentView dev = new StatusCommand.EnvironmentView("dev",
                Optional.of(new StatusCommand.RunningImage("sha-1a2b3c4-20251127", "1a2b3c4", "2025-11-27 00:00 UTC",
                        "1a2b3c4d5e6f")), Optional.empty(), List.of(),
                Optional.of(new StatusCommand.DeployedView(Optional.of("2025-11-27 10:00 UTC"), Optional.of(HOSTILE))),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0);
        StatusCommand.EnvironmentView staging = new StatusCommand.EnvironmentView("staging", Optional.empty(),
                Optional.of("9f8e7d6c5b4a"), List.of(), Optional.of(new StatusCommand.DeployedView(Optional.empty(),
                Optional.empty())), Optional.of(new Behind("staging", "dev", 1, 0, false)),
                Optional.of(new StatusCommand.LockView("Ada", "2025-11-27 11:00 UTC", "freeze <now>")),
                Optional.empty(), List.of(new StatusCommand.RequestView(3, "sha-1a2b3c4-20251127", 0)), 1);

        String text = Messages.render(new StatusCommand.status("team-api", Optional.empty(), List.of(),
                Optional.empty(), List.of(dev, staging)));

        assertThat(text).isEqualTo("""
                <b>Status</b> · team-api

                <b>dev</b>  <code>sha-1a2b3c4-20251127</code>
                git 1a2b3c4 · built 2025-11-27 00:00 UTC · 1a2b3c4d5e6f
                deployed 2025-11-27 10:00 UTC by %s

                <b>staging</b>  digest 9f8e7d6c5b4a (no longer in ECR)
                deployed outside promobot
                1 image behind dev
                🔒 locked by Ada since 2025-11-27 11:00 UTC: freeze &lt;now&gt;
                ✋ request #3 for <code>sha-1a2b3c4-20251127</code> awaits approval (0/1)""".formatted(ESCAPED));
    }

    @Test
    void doraShowsAWindowPerLineUnderEachEnvironmentEscaped() {
        String text = Messages.render(new DoraCommand.dora("", List.of(
                new DoraCommand.EnvironmentFigures("staging", List.of(
                        new DoraCommand.WindowLine(7, "no deployments"),
                        new DoraCommand.WindowLine(30, HOSTILE))),
                new DoraCommand.EnvironmentFigures("prod", List.of(
                        new DoraCommand.WindowLine(7, "1 deployment (1.0/week) · lead time 5 h · none failed")))),
                "24 h", "the build time in the image tag"));

        assertThat(text).isEqualTo("""
                📊 <b>DORA figures</b>

                <b>staging</b>
                7 d: no deployments
                30 d: %s

                <b>prod</b>
                7 d: 1 deployment (1.0/week) · lead time 5 h · none failed

                <i>Medians. Failed: replaced by a rollback within 24 h. Lead time from the build time in the \
                image tag to the deployment.</i>""".formatted(ESCAPED));
    }

    @Test
    void statusOpensWithTheFreezeTheWindowInForceAndTheNextOneEscaped() {
        String text = Messages.render(new StatusCommand.status("team-api",
                Optional.of(new WhyCommand.FreezeView(HOSTILE, "2025-11-27 10:00 UTC", "incident <42>", 1, 2)),
                List.of(new StatusCommand.WindowView("night", "staging", "2025-11-27 22:00 UTC",
                        "2025-11-28 06:00 UTC", "")),
                Optional.of(new StatusCommand.WindowView("weekend", "prod", "2025-11-28 16:00 UTC",
                        "2025-12-01 08:00 UTC", "weekend")), List.of()));

        assertThat(text).isEqualTo("""
                <b>Status</b> · team-api
                🧊 <b>promotions frozen</b> by %s since 2025-11-27 10:00 UTC: incident &lt;42&gt; (1 of 2 asked to \
                lift it with /unfreeze)
                🗓 freeze window 'night' on staging in force until 2025-11-28 06:00 UTC
                🗓 next freeze window 'weekend' on prod: 2025-11-28 16:00 UTC until 2025-12-01 08:00 UTC: \
                weekend""".formatted(ESCAPED));
    }

    @Test
    void theFreezeAnnouncementSaysWhoFrozeWhyAndHowItLifts() {
        String text = Messages.render(new ChatFreezeAnnouncements.frozen("", HOSTILE, "2025-11-27 10:00 UTC",
                "incident <42>", 2));

        assertThat(text).isEqualTo("""
                🧊 <b>Promotions are frozen</b> by %s since 2025-11-27 10:00 UTC: incident &lt;42&gt;
                No promotion to any environment until 2 approvers or admins send /unfreeze. Rollbacks stay \
                allowed.""".formatted(ESCAPED));
    }

    @Test
    void theCompactStatusOfTwentyServicesWithThreeEnvironmentsFitsOneMessageAndOnePhoneScreen() {
        List<StatusCommand.ServiceLine> services = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            services.add(new StatusCommand.ServiceLine("service-number-" + i, i == 3, List.of(
                    new StatusCommand.Place("dev", "1a2b3c4", "45m", 0, false),
                    new StatusCommand.Place("staging", "0f9e8d7", "12h", 3, i == 5),
                    new StatusCommand.Place("prod", "0f9e8d7", "120d", 11, false)), ""));
        }

        String text = Messages.render(new StatusCommand.compact(services));

        assertThat(text.lines()).hasSize(22);
        assertThat(text.length()).isLessThan(4096);
        assertThat(text.lines().skip(1).limit(20)).allSatisfy(line -> assertThat(line.replaceAll("<[^>]+>", ""))
                .hasSizeLessThanOrEqualTo(90));
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).isEqualTo("<b>service-number-0</b> · dev "
                + "<code>1a2b3c4</code> 45m · staging <code>0f9e8d7</code> 12h ↓3 · prod <code>0f9e8d7</code> "
                + "120d ↓11");
    }

    @Test
    void theFreezeOfOneServiceNamesItAndHowToLiftIt() {
        String text = Messages.render(new ChatFreezeAnnouncements.frozen("report-worker", "Dana",
                "2025-11-27 10:00 UTC", "", 2));

        assertThat(text).isEqualTo("""
                🧊 <b>Promotions of report-worker are frozen</b> by Dana since 2025-11-27 10:00 UTC
                No promotion to any environment of report-worker until 2 approvers or admins send /unfreeze \
                report-worker. Rollbacks stay allowed.""");
    }

    @Test
    void whyListsEveryReasonWithItsRuleAndWhatStandsAroundItEscaped() {
        String text = Messages.render(new WhyCommand.why("/promote staging",
                List.of(new WhyCommand.ReasonView("staging is locked by Ada: <audit>", "R9", "locks")),
                Optional.empty(), 0, Optional.empty(), List.of(),
                Optional.of(new WhyCommand.LockView("Ada", "2025-11-27 09:30 UTC", "<audit>")),
                Optional.of(new WhyCommand.FlightView(HOSTILE, "2025-11-27 14:55 UTC")),
                List.of(new WhyCommand.RequestView(7, "sha-1a2b3c4-20251127", 1, 2, "Dana", false))));

        assertThat(text).isEqualTo("""
                🔎 <b>/promote staging</b> right now
                ⛔ would be refused:
                • staging is locked by Ada: &lt;audit&gt; <i>(R9 locks)</i>
                🔒 locked by Ada since 2025-11-27 09:30 UTC: &lt;audit&gt;
                ⏳ deployment running, started by %s at 2025-11-27 14:55 UTC
                ✋ request #7 for <code>sha-1a2b3c4-20251127</code> by Dana: 1 of 2 approvals, 1 still needed"""
                .formatted(ESCAPED));
    }

    @Test
    void whySaysNothingBlocksAndWhatWouldBeDeployed() {
        String text = Messages.render(new WhyCommand.why("/promote prod v1.2.0", List.of(),
                Optional.of(new WhyCommand.ImageView("sha-1a2b3c4-20251127", "1a2b3c4d5e6f")), 1, Optional.empty(),
                List.of(new WhyCommand.WindowView("weekend", false, "2025-11-28 16:00 UTC", "2025-12-01 08:00 UTC",
                        "")), Optional.empty(), Optional.empty(), List.of()));

        assertThat(text).isEqualTo("""
                🔎 <b>/promote prod v1.2.0</b> right now
                ✅ nothing blocks: /promote prod v1.2.0 would deploy <code>sha-1a2b3c4-20251127</code> (1a2b3c4d5e6f) \
                once the request it opens has 1 approval
                🗓 next freeze window 'weekend': 2025-11-28 16:00 UTC until 2025-12-01 08:00 UTC""");
    }

    @Test
    void aRefusalListsEveryReasonEscaped() {
        String text = Messages.render(new CommandContext.refusal("Not promoted to <prod>",
                List.of("dev runs no single image", "'<script>' is not an image tag")));

        assertThat(text).isEqualTo("""
                ⛔ Not promoted to &lt;prod&gt;:
                • dev runs no single image
                • &#39;&lt;script&gt;&#39; is not an image tag""");
    }
}
