package dev.promobot.rules;

import dev.promobot.Cast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small world to decide in: dev -> staging -> prod, prod needing one approval and a release tag, and a
 * handful of images in "dr-daily-report-telegram-api". By default dev runs {@link #DEV_IMAGE}, staging
 * {@link #STAGING_IMAGE} and prod {@link #PROD_IMAGE}; builders change one thing at a time. The people are the
 * {@link Cast}'s, as the rule engine sees them. Public, so that what renders a decision (/why) is tested on the
 * same worlds.
 */
public final class Fixture {

    public static final String REPOSITORY = "dr-daily-report-telegram-api";
    public static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + REPOSITORY;
    public static final Instant NOW = Instant.parse("2025-11-27T15:00:00Z");

    public static final Image OLD_IMAGE = image('1', "2025-11-01T08:00:00Z", "sha-1111111-20251101");
    public static final Image PROD_IMAGE = image('a', "2025-11-20T08:00:00Z", "sha-aaaaaaa-20251120", "prod");
    public static final Image STAGING_IMAGE = image('b', "2025-11-25T08:00:00Z", "sha-bbbbbbb-20251125");
    public static final Image DEV_IMAGE = image('c', "2025-11-27T14:30:10Z", "sha-ccccccc-20251127143005", "latest");
    /** Carries only a mutable name, so it may never be deployed. */
    public static final Image NIGHTLY_IMAGE = image('d', "2025-11-27T02:00:00Z", "nightly");
    /** Prod ran it once; the lifecycle policy has since expired it, so it is not in the repository. */
    public static final PastDeployment EXPIRED = new PastDeployment("prod", digest('e'), "sha-eeeeeee-20251001",
            Instant.parse("2025-10-01T10:00:00Z"));

    public static final Actor VIEWER = Cast.VIEWER.actor();
    public static final Actor DEPLOYER = Cast.DEPLOYER.actor();
    public static final Actor APPROVER = Cast.APPROVER.actor();
    public static final Actor SECOND_APPROVER = Cast.SECOND_APPROVER.actor();
    public static final Actor ADMIN = Cast.ADMIN.actor();
    /** Writes in a team chat, but has no role. */
    public static final Actor STRANGER = Cast.STRANGER.actor();
    /** Has no role, and writes in a chat promobot is not configured for. */
    public static final Actor STRANGER_IN_OTHER_CHAT = Cast.STRANGER.actorInAnotherChat();
    /** The team's deployer, writing in a chat promobot is not configured for. */
    public static final Actor DEPLOYER_IN_OTHER_CHAT = Cast.DEPLOYER.actorInAnotherChat();

    private Fixture() {
    }

    public static Digest digest(char hex) {
        return new Digest("sha256:" + String.valueOf(hex).repeat(64));
    }

    public static Image image(char hex, String pushedAt, String... tags) {
        return new Image(digest(hex), List.of(tags), Optional.of(Instant.parse(pushedAt)));
    }

    public static Pipeline pipeline(int prodApprovals) {
        return Pipeline.of(List.of(
                new Environment("dev", List.of("report-api-dev", "report-worker-dev"), Optional.empty(), 0, false),
                new Environment("staging", List.of("report-api-staging"), Optional.of("dev"), 0, false),
                new Environment("prod", List.of("report-api-prod"), Optional.of("staging"), prodApprovals, true)))
                .pipeline().orElseThrow();
    }

    /** A request to promote what staging runs to prod, by {@code requester}, open until 2025-11-28 09:00. */
    public static ApprovalRequest prodRequest(long id, Actor requester, Long... approvers) {
        return new ApprovalRequest(id, "prod", STAGING_IMAGE.digest(), "sha-bbbbbbb-20251125",
                ReleaseTag.parse("v1.1.0").value(), requester.userId(), requester.name(),
                Instant.parse("2025-11-28T09:00:00Z"), List.of(approvers));
    }

    public static Builder snapshot() {
        return new Builder();
    }

    public static final class Builder {
        private Pipeline pipeline = pipeline(1);
        private final Map<String, EnvironmentState> running = new HashMap<>();
        private final Map<String, Image> images = new LinkedHashMap<>();
        private final Map<String, Lock> locks = new HashMap<>();
        private final Map<String, InFlight> inFlight = new HashMap<>();
        private final List<ApprovalRequest> requests = new ArrayList<>();
        private final Map<ReleaseTag, Digest> releaseTags = new HashMap<>();
        private final Map<String, List<PastDeployment>> history = new HashMap<>();
        private Instant now = NOW;
        private Map<Long, Role> roles = Cast.roles();
        private Optional<Freeze> freeze = Optional.empty();
        private final List<FreezeWindow> windows = new ArrayList<>();

        private Builder() {
            for (Image image : List.of(OLD_IMAGE, PROD_IMAGE, STAGING_IMAGE, DEV_IMAGE, NIGHTLY_IMAGE)) {
                withImage(image);
            }
            runs("dev", DEV_IMAGE);
            runs("staging", STAGING_IMAGE);
            runs("prod", PROD_IMAGE);
            ran("dev", DEV_IMAGE, STAGING_IMAGE, PROD_IMAGE);
            ran("staging", STAGING_IMAGE, PROD_IMAGE, OLD_IMAGE);
            ran("prod", PROD_IMAGE, OLD_IMAGE);
            history.get("prod").add(EXPIRED);
            releaseTags.put(new ReleaseTag(1, 0, 0), PROD_IMAGE.digest());
        }

        public Builder prodApprovals(int approvals) {
            pipeline = pipeline(approvals);
            return this;
        }

        /** Every function of {@code env} deployed as the image's label and resolved to its digest. */
        public Builder runs(String env, Image image) {
            List<FunctionImage> functions = pipeline.environment(env).orElseThrow().functions().stream()
                    .map(function -> deployed(function, image.label(), image.digest()))
                    .toList();
            return functions(env, functions.toArray(FunctionImage[]::new));
        }

        /** The first function of {@code env} runs {@code first}, the others {@code rest}: a half-done deploy. */
        public Builder runsMixed(String env, Image first, Image rest) {
            List<String> names = pipeline.environment(env).orElseThrow().functions();
            List<FunctionImage> functions = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Image image = i == 0 ? first : rest;
                functions.add(deployed(names.get(i), image.label(), image.digest()));
            }
            return functions(env, functions.toArray(FunctionImage[]::new));
        }

        public Builder functions(String env, FunctionImage... functions) {
            running.put(env, new EnvironmentState(env, List.of(functions)));
            return this;
        }

        public Builder runsNothing(String env) {
            running.remove(env);
            return this;
        }

        public Builder withImage(Image image) {
            images.put(image.digest().value(), image);
            return this;
        }

        public Builder withoutImage(Image image) {
            images.remove(image.digest().value());
            return this;
        }

        public Builder ran(String env, Image... newestFirst) {
            List<PastDeployment> past = new ArrayList<>();
            Instant finished = NOW.minusSeconds(3600);
            for (Image image : newestFirst) {
                past.add(new PastDeployment(env, image.digest(), image.label(), finished));
                finished = finished.minusSeconds(86_400);
            }
            history.put(env, past);
            return this;
        }

        /** {@code env} locked by {@code by} at 09:30. */
        public Builder locked(String env, Actor by, String reason) {
            locks.put(env, new Lock(env, by.userId(), by.name(), Instant.parse("2025-11-27T09:30:00Z"), reason));
            return this;
        }

        /** A deployment to {@code env} that {@code by} started at 14:55 and that is still running. */
        public Builder deploying(String env, Actor by) {
            inFlight.put(env, new InFlight(env, by.userId(), by.name(), Instant.parse("2025-11-27T14:55:00Z")));
            return this;
        }

        /** Every promotion frozen by {@code by} at 10:00, and who has asked to lift it since. */
        public Builder frozen(Actor by, String reason, Long... unfreezeVoters) {
            freeze = Optional.of(new Freeze(by.userId(), by.name(), Instant.parse("2025-11-27T10:00:00Z"), reason,
                    List.of(unfreezeVoters)));
            return this;
        }

        /** A freeze window on {@code environments} from {@code start} to {@code end} (ISO instants). */
        public Builder window(String name, List<String> environments, String start, String end, String reason) {
            windows.add(new FreezeWindow(name, environments, Instant.parse(start), Instant.parse(end), reason));
            return this;
        }

        public Builder request(ApprovalRequest request) {
            requests.add(request);
            return this;
        }

        public Builder releaseTagUsed(String releaseTag, Digest digest) {
            releaseTags.put(ReleaseTag.parse(releaseTag).value().orElseThrow(), digest);
            return this;
        }

        /** The access table; by default the cast's roles. */
        public Builder roles(Map<Long, Role> table) {
            roles = Map.copyOf(table);
            return this;
        }

        public Builder at(Instant instant) {
            now = instant;
            return this;
        }

        public Snapshot build() {
            return new Snapshot(pipeline, REPOSITORY, running, List.copyOf(images.values()), locks, inFlight,
                    requests, releaseTags, history, now, roles, freeze, windows);
        }
    }

    public static FunctionImage deployed(String function, String tag, Digest digest) {
        return new FunctionImage(function, Optional.of(REGISTRY + ":" + tag), Optional.of(digest));
    }
}
