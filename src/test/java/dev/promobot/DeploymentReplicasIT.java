package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.TelegramStandIn;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Deployments across replicas and crashes, as an operator runs promobot: packaged-jar replicas killed with SIGKILL
 * at named points, against the AWS stand-in holding Lambda updates in progress for as long as a test needs. They
 * run in the postgresql pass: two replicas at once need PostgreSQL (as in production; H2 is one process's
 * database), and the test reads the database while replicas come and go, which H2 shares between processes
 * only through AUTO_SERVER, whose serving process a SIGKILL takes down with its sessions' locks. A restart on H2
 * is covered by ChatRestartIT.
 */
class DeploymentReplicasIT {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration SWEEP = Duration.ofSeconds(1);

    @TempDir
    Path workDir;

    private TelegramStandIn telegram;
    private AwsStandIn aws;
    private List<Seed.SeedImage> seeded;
    private JarDatabase database;
    private final List<Process> replicas = new ArrayList<>();

    /** A deployment row as the database holds it. */
    private record Row(long id, String status, int epoch, Optional<Instant> finishedAt, Optional<String> error) {
    }

    @BeforeEach
    void startStandIns() throws SQLException {
        assumeTrue(JarDatabase.suiteIsPostgresql(), "replicas and SIGKILL need PostgreSQL; this runs in the "
                + "postgresql pass");
        telegram = TelegramStandIn.start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        aws = AwsStandIn.start();
        seeded = Seed.apply(aws, Clock.systemUTC());
        database = JarDatabase.fresh(workDir);
    }

    @AfterEach
    void stopEverything(TestInfo test) throws Exception {
        if (telegram == null) {
            return; // not run on this database
        }
        for (Process replica : replicas) {
            replica.destroyForcibly().waitFor();
        }
        // The replicas' logs outlive the test's folder, for whoever reads a failure.
        Path logs = Path.of("target", "replica-logs", test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(logs);
        try (var files = Files.list(workDir)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        telegram.close();
        aws.close();
        database.close();
    }

    @Test
    void aReplicaStartedWhileAnotherWaitsOnLambdaLeavesThatDeploymentAlone() throws Exception {
        String devDigest = Lambda.digestRunningIn(aws, "dev");
        aws.holdUpdates(true);
        Process first = replica("first", "long-polling");
        telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote staging");
        eventually().atMost(Duration.ofSeconds(60)).until(() -> aws.requestCount("UpdateFunctionCode") == 1);

        Process second = replica("second", "webhook");
        awaitStarted("second");
        // Longer than a lease: the second replica's sweeps must leave a deployment whose owner renews it.
        eventually().during(LEASE.multipliedBy(2)).atMost(LEASE.multipliedBy(3)).until(() ->
                deployment().status().equals("in_progress") && deployment().epoch() == 1);
        aws.holdUpdates(false);

        eventually().atMost(Duration.ofSeconds(30)).until(() -> deployment().status().equals("succeeded"));
        assertThat(deployment().epoch()).as("never taken over").isEqualTo(1);
        assertThat(Lambda.digestRunningIn(aws, "staging")).isEqualTo(devDigest);
        eventually().atMost(Duration.ofSeconds(10)).until(() -> !outcomeTexts().isEmpty());
        assertThat(outcomeTexts()).singleElement().asString().startsWith("✅");
        assertThat(everyVersionOfEveryMessage()).noneMatch(text -> text.contains("❌"));
        assertThat(first.isAlive() && second.isAlive()).isTrue();
    }

    @Test
    void whenTheOwnerIsKilledWhileItWaitsTheOtherReplicaSettlesTheDeploymentAfterTheLeaseAndNotBefore()
            throws Exception {
        String devDigest = Lambda.digestRunningIn(aws, "dev");
        aws.holdUpdates(true);
        Process owner = replica("owner", "long-polling");
        replica("other", "webhook");
        awaitStarted("other");
        telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote staging");
        eventually().atMost(Duration.ofSeconds(60)).until(() -> aws.requestCount("UpdateFunctionCode") == 1);

        owner.destroyForcibly().waitFor();
        Instant killed = Instant.now();
        aws.holdUpdates(false);

        eventually().atMost(LEASE.plus(SWEEP).plusSeconds(20)).until(() -> deployment().status().equals("succeeded"));
        Row settled = deployment();
        assertThat(settled.epoch()).as("taken over once").isEqualTo(2);
        Duration tookOver = Duration.between(killed, settled.finishedAt().orElseThrow());
        assertThat(tookOver).as("settled after the lease ran out").isGreaterThanOrEqualTo(LEASE.minusMillis(500));
        assertThat(Lambda.digestRunningIn(aws, "staging")).isEqualTo(devDigest);
        // The progress message may wait for the dead owner's claim on it to run out (60 s) first.
        eventually().atMost(Duration.ofSeconds(150)).untilAsserted(() -> assertThat(everyVersionOfEveryMessage())
                .anyMatch(text -> text.startsWith("✅ The deployment of ") && text.contains("to staging finished")));
        assertThat(aws.requestCount("UpdateFunctionCode")).as("the new owner changed nothing").isEqualTo(1);
    }

    @Test
    void aCrashRightAfterUpdateFunctionCodeIsSettledAsSucceededOnceLambdaIs() throws Exception {
        String devDigest = Lambda.digestRunningIn(aws, "dev");
        promoteStagingAndDieRightAfterUpdateFunctionCode();

        database.awaitOpenable();
        replica("restarted", "long-polling");

        eventually().atMost(LEASE.plus(SWEEP).plusSeconds(30)).until(() -> deployment().status().equals("succeeded"));
        assertThat(Lambda.digestRunningIn(aws, "staging")).isEqualTo(devDigest);
        assertThat(aws.requestCount("UpdateFunctionCode")).isEqualTo(1);
    }

    @Test
    void anImageCiDeployedWhilePromobotWasDownIsRecordedAsAChangeOutsidePromobotAndNotOverwritten()
            throws Exception {
        promoteStagingAndDieRightAfterUpdateFunctionCode();
        // CI, meanwhile: waits out promobot's update, then deploys an image of its own.
        AwsConsole.waitUntilUpdated(aws, Seed.STAGING_FUNCTION);
        String ciImage = aws.repositoryUri(Seed.REPOSITORY) + ":" + seededTag(6);
        AwsConsole.deploy(aws, Seed.STAGING_FUNCTION, ciImage);
        String ciDigest = aws.resolvedDigestOf(Seed.STAGING_FUNCTION);

        database.awaitOpenable();
        replica("restarted", "long-polling");

        eventually().atMost(LEASE.plus(SWEEP).plusSeconds(30))
                .until(() -> deployment().status().equals("overtaken"));
        assertThat(deployment().error()).get().asString().contains("changed outside promobot")
                .contains(seededTag(6));
        assertThat(aws.resolvedDigestOf(Seed.STAGING_FUNCTION)).as("not overwritten").isEqualTo(ciDigest);
        assertThat(aws.requestCount("UpdateFunctionCode")).as("promobot's one, then CI's").isEqualTo(2);
        assertThat(outsideDeployments()).containsExactly(ciDigest);
    }

    @Test
    void aDeploymentLeftByThrottledReadsAtStartUpIsSettledByALaterSweepAndTheEnvironmentIsFreeAgain()
            throws Exception {
        promoteStagingAndDieRightAfterUpdateFunctionCode();
        aws.throttleNext(Integer.MAX_VALUE);

        database.awaitOpenable();
        replica("restarted", "long-polling");
        awaitStarted("restarted");
        eventually().during(LEASE.plus(SWEEP.multipliedBy(3))).atMost(LEASE.plusSeconds(10))
                .until(() -> deployment().status().equals("in_progress"));
        aws.throttleNext(0);

        eventually().atMost(Duration.ofSeconds(30)).until(() -> deployment().status().equals("succeeded"));
        long settledId = deployment().id();
        telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/rollback staging");
        eventually().atMost(Duration.ofSeconds(60)).until(() -> deployment().id() != settledId
                && deployment().status().equals("succeeded"));
    }

    /** /promote staging on a replica that is killed (SIGKILL) once Lambda has accepted its UpdateFunctionCode. */
    private void promoteStagingAndDieRightAfterUpdateFunctionCode() throws IOException {
        Process crashing = replica("crashing", "long-polling");
        aws.afterServing("UpdateFunctionCode", crashing::destroyForcibly);
        telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote staging");
        eventually().atMost(Duration.ofSeconds(60)).until(() -> !crashing.isAlive());
        aws.afterServing("UpdateFunctionCode", () -> { });
    }

    /** Awaitility that rides out a moment without the database (a replica's restart on H2). */
    private static ConditionFactory eventually() {
        return await().ignoreExceptions();
    }

    private Process replica(String name, String mode) throws IOException {
        List<String> properties = new ArrayList<>(database.properties());
        properties.add("-Dquarkus.http.port=0");
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.put("PROMOBOT_TELEGRAM_MODE", mode);
        environment.put("PROMOBOT_DEPLOYMENTS_LEASE", LEASE.toSeconds() + "S");
        environment.put("PROMOBOT_DEPLOYMENTS_SWEEP_INTERVAL", SWEEP.toSeconds() + "S");
        if (mode.equals("webhook")) {
            environment.put("PROMOBOT_TELEGRAM_WEBHOOK_SECRET", "replica-test-secret");
        }
        Process process = PackagedJar.start(workDir, properties, environment, name + ".log");
        replicas.add(process);
        return process;
    }

    private void awaitStarted(String name) {
        eventually().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(
                workDir.resolve(name + ".log")).contains("started in"));
    }

    private String seededTag(int newestFirst) {
        return seeded.get(newestFirst).tag();
    }

    /** The newest promobot deployment to staging. */
    private Row deployment() throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id, status, epoch, finished_at, error FROM deployment WHERE environment = 'staging' "
                        + "AND kind <> 'outside' ORDER BY id DESC")) {
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new Row(0, "none", 0, Optional.empty(), Optional.empty());
                }
                OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
                return new Row(rs.getLong("id"), rs.getString("status"), rs.getInt("epoch"),
                        Optional.ofNullable(finished).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getString("error")));
            }
        }
    }

    private List<String> outsideDeployments() throws SQLException {
        List<String> digests = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT digest FROM deployment WHERE environment = 'staging' AND kind = 'outside' ORDER BY id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                digests.add(rs.getString(1));
            }
        }
        return digests;
    }

    /** The texts of the deployment's outcome: edits of the progress message that say how it ended. */
    private List<String> outcomeTexts() {
        return everyVersionOfEveryMessage().stream().filter(text -> text.startsWith("✅") || text.startsWith("❌"))
                .toList();
    }

    /** Every text the bot sent or edited a message to, in the team chat, in order. */
    private List<String> everyVersionOfEveryMessage() {
        List<String> texts = new ArrayList<>();
        for (String method : List.of("sendMessage", "editMessageText")) {
            telegram.requests(method).forEach(request -> texts.add(String.valueOf(request.get("text"))));
        }
        return texts;
    }
}
