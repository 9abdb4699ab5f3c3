package dev.promobot.promotion;

import dev.promobot.StandIns;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Image;
import dev.promobot.rules.RequestKind;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the database decides among replicas: who owns a deployment and may finish it, and which approval completes a
 * request. Races are run many times over, on H2 and (with the postgresql profile) on PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class DeploymentLeasesTest {

    private static final AtomicInteger ENVIRONMENT = new AtomicInteger();
    private static final Image IMAGE = new Image(Digest.parse("sha256:" + "a".repeat(64)).value().orElseThrow(),
            List.of("sha-aaaaaaa-20251120"), Optional.empty());

    @Inject
    Deployments deployments;

    @Inject
    ApprovalRequests requests;

    @Inject
    Db db;

    @AfterEach
    void forgetTheDeployments() {
        // Left in progress, they would be taken over by the sweeps of other tests.
        db.update("DELETE FROM deployment WHERE environment LIKE 'lease-test-%'");
    }

    /** An environment of its own per deployment, so the one-in-flight rule never links two tests. */
    private static String environment() {
        return "lease-test-" + ENVIRONMENT.incrementAndGet();
    }

    private DeploymentLease start(String owner, Duration lease) {
        return deployments.start("lease-test", environment(), List.of("f"), IMAGE, Optional.empty(), DeploymentKind.PROMOTION,
                DEPLOYER.id(), DEPLOYER.firstName(), Optional.empty(), owner, lease).orElseThrow();
    }

    private Deployments.Deployment expired(DeploymentLease lease) {
        await().atMost(Duration.ofSeconds(10)).until(() -> deployments.withExpiredLease().stream()
                .anyMatch(d -> d.id() == lease.deploymentId()));
        return deployments.find(lease.deploymentId()).orElseThrow();
    }

    private String status(DeploymentLease lease) {
        return deployments.find(lease.deploymentId()).orElseThrow().status().dbValue();
    }

    @Test
    void aLiveLeaseIsNeverTakenOver() {
        DeploymentLease lease = start("replica-a", Duration.ofMinutes(1));

        assertThat(deployments.withExpiredLease()).noneMatch(d -> d.id() == lease.deploymentId());
        assertThat(deployments.takeOver(deployments.find(lease.deploymentId()).orElseThrow(), "replica-b",
                Duration.ofMinutes(1))).isEmpty();
        assertThat(deployments.renew(lease, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aReplicaThatLostItsLeaseCanNeitherRenewNorFinishTheDeployment() {
        DeploymentLease lost = start("replica-a", Duration.ofMillis(1));
        DeploymentLease taken = deployments.takeOver(expired(lost), "replica-b", Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(taken.epoch()).isEqualTo(lost.epoch() + 1);
        assertThat(deployments.renew(lost, Duration.ofMinutes(1))).isFalse();
        assertThat(deployments.finish(lost, DeploymentStatus.FAILED, Optional.of("lost"))).isFalse();
        assertThat(status(lost)).isEqualTo("in_progress");
        assertThat(deployments.finish(taken, DeploymentStatus.SUCCEEDED, Optional.empty())).isTrue();
        assertThat(status(lost)).isEqualTo("succeeded");
        assertThat(deployments.finish(taken, DeploymentStatus.FAILED, Optional.of("twice"))).isFalse();
        assertThat(status(lost)).isEqualTo("succeeded");
    }

    @Test
    void twoReplicasSweepingTheSameExpiredDeploymentTakeItOverOnceRepeatedAHundredTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                Deployments.Deployment deployment = expired(start("replica-dead", Duration.ofMillis(1)));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Optional<DeploymentLease>>> takes = new ArrayList<>();
                for (String replica : List.of("replica-a", "replica-b")) {
                    Callable<Optional<DeploymentLease>> take = () -> {
                        together.await();
                        return deployments.takeOver(deployment, replica, Duration.ofMinutes(1));
                    };
                    takes.add(pool.submit(take));
                }
                int taken = 0;
                for (Future<Optional<DeploymentLease>> take : takes) {
                    taken += take.get().isPresent() ? 1 : 0;
                }
                assertThat(taken).as("takeovers in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofTwoLastApprovalsAtTheSameInstantExactlyOneCompletesTheRequestRepeatedAHundredTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                long request = requests.open("lease-test", "prod", IMAGE, Optional.empty(), DEPLOYER.id(), DEPLOYER.firstName(),
                        Instant.now().plusSeconds(3600), TEAM_CHAT, RequestKind.PROMOTION, 2, Optional.empty(),
                        Optional.empty(), Optional.empty());
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<ApprovalRequests.Counted>> approvals = new ArrayList<>();
                for (var approver : List.of(APPROVER, SECOND_APPROVER)) {
                    approvals.add(pool.submit(() -> {
                        together.await();
                        return requests.approve(request, approver.id(), approver.firstName(), 2, anyone -> true);
                    }));
                }
                List<ApprovalRequests.Counted> counted = new ArrayList<>();
                for (Future<ApprovalRequests.Counted> approval : approvals) {
                    counted.add(approval.get());
                }
                assertThat(counted).as("round %d", round)
                        .containsExactlyInAnyOrder(ApprovalRequests.Counted.MORE_NEEDED, ApprovalRequests.Counted.LAST);
                assertThat(requests.find(request).orElseThrow().status()).isEqualTo(RequestStatus.APPROVED);
            }
        } finally {
            pool.shutdownNow();
            db.update("UPDATE approval_request SET status = 'void' WHERE status IN ('open', 'approved')");
        }
    }

    @Test
    void aSecondApprovalBySomeoneWhoAlreadyApprovedIsNotCounted() {
        long request = requests.open("lease-test", "prod", IMAGE, Optional.empty(), DEPLOYER.id(), DEPLOYER.firstName(),
                Instant.now().plusSeconds(3600), TEAM_CHAT, RequestKind.PROMOTION, 2, Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThat(requests.approve(request, APPROVER.id(), APPROVER.firstName(), 2, anyone -> true))
                .isEqualTo(ApprovalRequests.Counted.MORE_NEEDED);
        assertThat(requests.approve(request, APPROVER.id(), APPROVER.firstName(), 2, anyone -> true))
                .isEqualTo(ApprovalRequests.Counted.ALREADY_APPROVED);
        assertThat(requests.find(request).orElseThrow().status()).isEqualTo(RequestStatus.OPEN);
        db.update("UPDATE approval_request SET status = 'void' WHERE id = ?", request);
    }
}
