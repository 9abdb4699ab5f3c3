package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.GitHubStandIns;
import dev.promobot.StandIns;
import dev.promobot.sandbox.GitHubStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.prod;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stricter prod: two approvals for a promotion, one for a rollback, and release tags checked on GitHub; with
 * GitHub configured, lead times in /dora start at the commit's time there.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(StrictProdEndToEndTest.StrictProd.class)
class StrictProdEndToEndTest {

    public static class StrictProd implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promobot.environments.prod.approvals", "2",
                    "promobot.environments.prod.rollback-approvals", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitHubStandIns.class));
        }
    }

    private static final AtomicInteger RELEASE = new AtomicInteger(1);

    @Inject
    Db db;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        GitHubStandIns.github().reset();
        GitHubStandIns.github().commit("a".repeat(40), true); // main's history before the release
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
    }

    /** The git sha in the tag of the image staging runs: the commit a release tag must point at. */
    private static String stagingSha() {
        return StandIns.aws().imageUriOf(Seed.STAGING_FUNCTION).replaceAll(".*:sha-([0-9a-f]+)-.*", "$1");
    }

    private String taggedRelease(boolean onMain) {
        return taggedRelease(onMain, GitHubStandIn.DEFAULT_COMMIT_TIME);
    }

    private String taggedRelease(boolean onMain, Instant committedAt) {
        String release = "v2." + RELEASE.getAndIncrement() + ".0";
        String commit = stagingSha() + "0".repeat(40 - stagingSha().length());
        GitHubStandIns.github().commit(commit, onMain, committedAt);
        GitHubStandIns.github().lightweightTag(release, commit);
        return release;
    }

    @Test
    void twoDistinctApproversAreNeededBeforeProdChanges() {
        String before = prod();
        String stagingDigest = staging();
        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote prod " + taggedRelease(true)),
                message -> message.text().contains("Promotion request #"));
        assertThat(request.text()).contains("checked on GitHub").contains("needs 2 approval(s)");

        assertThat(team.replyTo(team.replies(APPROVER, "/approve prod", request)).text()).contains("(1 of 2)");
        assertThat(team.current(request, message -> message.text().contains("approvals 1 of 2")).callbackData())
                .hasSize(2);
        assertThat(prod()).isEqualTo(before);
        assertThat(team.replyTo(team.replies(APPROVER, "/approve prod", request)).text())
                .contains("you already approved");

        team.replyTo(team.replies(SECOND_APPROVER, "/approve prod", request));

        assertThat(team.current(request, message -> message.text().contains("✅ deployed")).text())
                .contains(APPROVER.firstName() + ", " + SECOND_APPROVER.firstName());
        assertThat(prod()).isEqualTo(stagingDigest);
    }

    @Test
    void aReleaseTagNotReachableFromMainOpensNoRequest() {
        SentMessage command = team.says(DEPLOYER, "/promote prod " + taggedRelease(false));

        assertThat(team.replyTo(command).text()).startsWith("⛔ No request opened for prod")
                .contains("is not reachable from main");
    }

    @Test
    void aReleaseTagMissingOnGitHubOpensNoRequest() {
        SentMessage command = team.says(DEPLOYER, "/promote prod v9.9.9");

        assertThat(team.replyTo(command).text()).contains("release tag v9.9.9 does not exist");
    }

    @Test
    void doraMeasuresProdsLeadTimeFromTheCommitsTimeOnGitHub() {
        db.update("DELETE FROM deployment"); // only this promotion is measured
        // Committed three hours ago; the image was built days ago, so a lead time of 3 h can only be GitHub's.
        String release = taggedRelease(true, Instant.now().minus(Duration.ofHours(3)));
        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote prod " + release),
                message -> message.text().contains("Promotion request #"));
        team.replyTo(team.replies(APPROVER, "/approve prod", request));
        team.replyTo(team.replies(SECOND_APPROVER, "/approve prod", request));
        team.current(request, message -> message.text().contains("✅ deployed"));

        String figures = team.replyTo(team.says(VIEWER, "/dora prod 1")).text();

        assertThat(figures).contains("1 d: 1 deployment (7.0/week) · lead time 3 h · none failed")
                .contains("Lead time from the commit time on GitHub to the deployment.");
    }

    @Test
    void aProdRollbackGoesThroughApprovalWhenConfigured() {
        // prod has a previous image once promobot has deployed it.
        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote prod " + taggedRelease(true)),
                message -> message.text().contains("Promotion request #"));
        team.replyTo(team.replies(APPROVER, "/approve prod", request));
        team.replyTo(team.replies(SECOND_APPROVER, "/approve prod", request));
        team.current(request, message -> message.text().contains("✅ deployed"));
        String deployed = prod();

        SentMessage rollback = team.replyTo(team.says(APPROVER, "/rollback prod"),
                message -> message.text().contains("Rollback request #"));
        assertThat(prod()).isEqualTo(deployed);
        team.replyTo(team.replies(SECOND_APPROVER, "/approve prod", rollback));

        assertThat(team.current(rollback, message -> message.text().contains("✅ deployed")).text())
                .contains(SECOND_APPROVER.firstName());
        assertThat(prod()).isNotEqualTo(deployed);
    }
}
