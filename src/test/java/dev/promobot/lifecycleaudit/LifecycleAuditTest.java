package dev.promobot.lifecycleaudit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.AwsConsole;
import dev.promobot.StandIns;
import dev.promobot.aws.AwsClients;
import dev.promobot.aws.EcrImageRegistry;
import dev.promobot.config.Settings;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Service;
import dev.promobot.sandbox.Seed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ECR lifecycle audit over the seeded repository in the AWS stand-in. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class LifecycleAuditTest {

    @Inject
    LifecycleAudit audit;

    @Inject
    LiveState live;

    @Inject
    Settings settings;

    private Service service() {
        return settings.services().only().orElseThrow();
    }

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
    }

    @Test
    void theSeedPolicyOverFortyImagesExpiresTheOldestTenAndNothingTheTeamNeeds() {
        LifecycleAuditReport report = audit.run(service());

        assertThat(report.images()).isEqualTo(40);
        assertThat(report.policyFindings()).isEmpty();
        assertThat(report.expiring()).isEqualTo(10);
        assertThat(report.dueByRule()).isEqualTo(Map.of(1, 10L));
        assertThat(report.dangers()).isEmpty();
        assertThat(report.headline()).isEqualTo("✅ 10 of 40 images due to expire; nothing the team needs is at risk");
        assertThat(report.otherFindings()).containsExactly("tags that are neither sha- nor release tags: latest");
    }

    @Test
    void theAuditReadsTheRepositoryInOnePass() {
        int before = StandIns.aws().requestCount("DescribeImages");

        audit.run(service());

        assertThat(StandIns.aws().requestCount("DescribeImages") - before).isEqualTo(1);
    }

    @Test
    void prodRunningTheThirtyFirstNewestImageIsFlaggedWithTheFix() {
        List<Seed.SeedImage> images = StandIns.seededImages();
        Seed.SeedImage thirtyFirst = images.get(30);
        AwsConsole.deploy(Seed.PROD_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + ":" + thirtyFirst.tag());

        LifecycleAuditReport report = audit.run(service());

        assertThat(report.dangers()).singleElement().satisfies(danger -> {
            assertThat(danger.image()).isEqualTo(thirtyFirst.tag());
            assertThat(danger.neededBecause()).isEqualTo("prod runs it");
            assertThat(danger.action()).isEqualTo("expire");
            assertThat(danger.fix()).startsWith("raise rule 1's countNumber from 30 to at least 31");
        });
        assertThat(report.headline()).contains("1 needed image is at risk");
    }

    @Test
    void aRepositoryWithoutAPolicyAndWithMutableTagsIsReportedAsSuch() {
        StandIns.aws().createRepository("loose", "MUTABLE");
        StandIns.aws().pushImage("loose", List.of("sha-abcdef0-20251101"), Instant.parse("2025-11-01T00:00:00Z"),
                2L << 30);
        StandIns.aws().pushImage("loose", List.of(), Instant.parse("2025-11-02T00:00:00Z"), 1L << 30);
        var ecr = AwsClients.ecrClient(StandIns.aws().region(), Optional.of(StandIns.aws().endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")));
        EcrImageRegistry registry = new EcrImageRegistry(ecr, "loose", Optional.empty(), new ObjectMapper());
        LifecycleAudit loose = new LifecycleAudit(service -> registry, live, settings, Clock.systemUTC());

        LifecycleAuditReport report = loose.run(service());

        assertThat(report.policyFindings()).singleElement().asString().startsWith("the repository has no lifecycle policy");
        assertThat(report.otherFindings()).contains("tag mutability is MUTABLE: a pushed sha- tag could be "
                + "overwritten; set the repository to IMMUTABLE", "1 untagged image");
        assertThat(report.totalBytes()).isEqualTo(3L << 30);
        assertThat(report.monthlyCost()).isEqualByComparingTo("0.30");
        ecr.close();
    }
}
