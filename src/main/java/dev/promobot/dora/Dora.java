package dev.promobot.dora;

import dev.promobot.dora.DeploymentRecord.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The four DORA figures from the deployment table, as pure functions of the deployments, the time now and the
 * failure window (definitions in docs/dora.md):
 *
 * <ul>
 *   <li><b>deployment frequency</b>: succeeded promotions and rollbacks that went live in the window, and per week;</li>
 *   <li><b>lead time for changes</b>: for each promotion, from its commit (the commit time on GitHub, else the
 *       build time in its image tag) to when it went live; the median;</li>
 *   <li><b>change failure rate</b>: of those deployments, the share replaced by a rollback within the failure
 *       window;</li>
 *   <li><b>time to restore</b>: from a failed deployment going live to the rollback that replaced it going live;
 *       the median.</li>
 * </ul>
 *
 * A deployment is in a window of n days when it went live after now minus n days and not after now. Outside
 * deployments are never counted, but they do change what an environment runs: a rollback after one replaced the
 * outside image, not the deployment before it.
 */
public final class Dora {

    /** The windows shown when none is asked for: the last week and the last month. */
    public static final List<Integer> DEFAULT_DAYS = List.of(7, 30);
    public static final int MAX_DAYS = 365;

    private Dora() {
    }

    /** The figures of each environment, in the order given, over the last {@code days} days. */
    public static List<Figures> figures(List<DeploymentRecord> history, Map<String, Instant> commitTimes,
                                        List<String> environments, int days, Instant now, Duration failureWindow) {
        return environments.stream()
                .map(environment -> figures(history, commitTimes, environment, days, now, failureWindow)).toList();
    }

    /**
     * The figures of one environment over the last {@code days} days.
     *
     * @param history       the deployments of at least the window (any environment, kind and status, in the
     *                      order they were recorded)
     * @param commitTimes   the commit time of each git sha the repository host answered for; absent ones fall
     *                      back to the image tag's build time
     * @param failureWindow how soon after a deployment a rollback replacing it makes it a failure
     */
    public static Figures figures(List<DeploymentRecord> history, Map<String, Instant> commitTimes,
                                  String environment, int days, Instant now, Duration failureWindow) {
        if (days < 1) {
            throw new IllegalArgumentException("a window is at least one day: " + days);
        }
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("the failure window must be positive: " + failureWindow);
        }
        Instant from = now.minus(Duration.ofDays(days));
        // What changed the environment, in the order it went live (a stable sort keeps the table's order for
        // ties): the sequence in which "the rollback that replaced it" is the next one.
        List<DeploymentRecord> sequence = history.stream()
                .filter(deployment -> deployment.environment().equals(environment))
                .filter(DeploymentRecord::changedTheEnvironment)
                .filter(deployment -> !deployment.liveAt().isAfter(now))
                .sorted(Comparator.comparing(DeploymentRecord::liveAt)).toList();

        int deployments = 0;
        int outside = 0;
        int fromCommits = 0;
        List<Duration> leadTimes = new ArrayList<>();
        List<Duration> restores = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            DeploymentRecord deployment = sequence.get(i);
            if (!deployment.liveAt().isAfter(from)) {
                continue;
            }
            if (!deployment.counted()) {
                outside++;
                continue;
            }
            deployments++;
            if (deployment.kind() == Kind.PROMOTION) {
                Optional<Instant> commit = deployment.gitSha().map(commitTimes::get);
                if (commit.isPresent()) {
                    fromCommits++;
                }
                commit.or(deployment::buildTime).ifPresent(start ->
                        leadTimes.add(notNegative(Duration.between(start, deployment.liveAt()))));
            }
            if (i + 1 < sequence.size()) {
                restoredBy(deployment, sequence.get(i + 1), failureWindow).ifPresent(restores::add);
            }
        }
        return new Figures(environment, days, deployments, outside, median(leadTimes), leadTimes.size(),
                fromCommits, restores.size(), median(restores));
    }

    /**
     * The time to restore when {@code next}, the deployment that followed {@code deployment} in its environment,
     * is a rollback that moved away from its image within the failure window; empty otherwise.
     */
    static Optional<Duration> restoredBy(DeploymentRecord deployment, DeploymentRecord next, Duration failureWindow) {
        if (next.kind() != Kind.ROLLBACK) {
            return Optional.empty();
        }
        // A rollback names the image it replaced; a different one means something unrecorded ran in between.
        if (next.previousDigest().filter(previous -> !previous.equals(deployment.digest())).isPresent()) {
            return Optional.empty();
        }
        Duration restore = Duration.between(deployment.liveAt(), next.liveAt());
        return restore.compareTo(failureWindow) <= 0 ? Optional.of(restore) : Optional.empty();
    }

    /** The git shas whose commit times the lead times of promotions live since {@code since} would start at. */
    public static Set<String> commitsToLookUp(Collection<DeploymentRecord> history, Instant since, Instant now) {
        Set<String> shas = new TreeSet<>();
        history.stream().filter(DeploymentRecord::counted)
                .filter(deployment -> deployment.kind() == Kind.PROMOTION)
                .filter(deployment -> deployment.liveAt().isAfter(since) && !deployment.liveAt().isAfter(now))
                .forEach(deployment -> deployment.gitSha().ifPresent(shas::add));
        return shas;
    }

    /** The median; of an even number of values, the mean of the middle two. */
    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }

    private static Duration notNegative(Duration duration) {
        // A commit dated after the deployment (a committer's clock) is a lead time of nothing, not less.
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /**
     * One window's figures in words, for chat: "2 deployments (2.0/week) · lead time 5 h 20 min · 1 of 2 failed
     * (50%), restored in 40 min".
     */
    public static String line(Figures figures) {
        String outside = figures.outside() == 0 ? ""
                : "; " + count(figures.outside(), "outside deployment") + " not counted";
        if (figures.deployments() == 0) {
            return "no deployments" + outside;
        }
        String failures = figures.failed() == 0 ? "none failed"
                : figures.failed() + " of " + figures.deployments() + " failed ("
                + Math.round(figures.failureRate().orElseThrow() * 100) + "%), restored in "
                + figures.timeToRestore().map(Dora::duration).orElseThrow();
        return count(figures.deployments(), "deployment") + " ("
                + String.format(Locale.ROOT, "%.1f", figures.perWeek()) + "/week) · lead time "
                + figures.leadTime().map(Dora::duration).orElse("–") + " · " + failures + outside;
    }

    /** Where the lead times shown start, for a footnote under the figures. */
    public static String leadTimeSource(List<Figures> figures, boolean commitTimesAsked) {
        int leadTimes = figures.stream().mapToInt(Figures::leadTimes).sum();
        int fromCommits = figures.stream().mapToInt(Figures::leadTimesFromCommits).sum();
        if (!commitTimesAsked) {
            return "the build time in the image tag";
        }
        if (fromCommits == leadTimes) {
            return "the commit time on GitHub";
        }
        return fromCommits == 0 ? "the build time in the image tag (GitHub gave no commit times)"
                : "the commit time on GitHub, else the build time in the image tag";
    }

    /** A duration as people read it: "45 s", "40 min", "5 h 20 min", "3 d 4 h"; hours up to two days. */
    public static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = duration.toHours();
        if (hours < 48) {
            long rest = minutes % 60;
            return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long restHours = hours % 24;
        return duration.toDays() + " d" + (restHours == 0 ? "" : " " + restHours + " h");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
