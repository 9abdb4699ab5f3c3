package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.dora.DeploymentRecord;
import dev.promobot.dora.Dora;
import dev.promobot.dora.Figures;
import dev.promobot.dora.Report;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.Service;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DORA figures for /dora and the Monday summary: reads the deployments of the longest window asked for in one
 * query, asks the repository's host for the commit times the lead times start at, and hands both to {@link Dora}.
 */
@ApplicationScoped
public class MeasureDelivery {

    private final Db db;
    private final CommitTimes commits;
    private final Settings settings;
    private final Clock clock;

    MeasureDelivery(Db db, CommitTimes commits, Settings settings, Clock clock) {
        this.db = db;
        this.commits = commits;
        this.settings = settings;
        this.clock = clock;
    }

    /** The figures of each of the service's environments over each window of days, as of now. */
    public Report measure(Service service, List<String> environments, List<Integer> days) {
        return measure(service, environments, days, clock.instant());
    }

    public Report measure(Service service, List<String> environments, List<Integer> days, Instant now) {
        Instant since = now.minus(Duration.ofDays(Collections.max(days)));
        List<DeploymentRecord> history = since(service.name(), since);
        // Commit times come from the service's own GitHub repository; without one, lead times start at build times.
        Optional<String> repository = service.gitHubRepository().filter(repo -> commits.asks());
        boolean asks = repository.isPresent();
        Map<String, Instant> commitTimes = repository.map(repo -> commits.of(repo,
                Dora.commitsToLookUp(history, since, now))).orElse(Map.of());
        List<Figures> figures = new ArrayList<>();
        for (int window : days) {
            figures.addAll(Dora.figures(history, commitTimes, environments, window, now,
                    settings.doraFailureWindow()));
        }
        return new Report(figures, settings.doraFailureWindow(), Dora.leadTimeSource(figures, asks));
    }

    /** Every deployment that ended after {@code since}, in the order it ended. */
    private List<DeploymentRecord> since(String service, Instant since) {
        return db.list("SELECT environment, kind, status, tag, git_sha, digest, previous_digest, started_at, "
                + "finished_at FROM deployment WHERE service = ? AND finished_at > ? ORDER BY finished_at, id",
                MeasureDelivery::record, service, since);
    }

    private static DeploymentRecord record(ResultSet rs) throws SQLException {
        Optional<ImageTag> tag = Optional.ofNullable(rs.getString("tag")).flatMap(text -> ImageTag.parse(text).value());
        Optional<String> gitSha = Optional.ofNullable(rs.getString("git_sha"));
        return new DeploymentRecord(rs.getString("environment"),
                DeploymentRecord.Kind.valueOf(DeploymentKind.ofDbValue(rs.getString("kind")).name()),
                DeploymentStatus.ofDbValue(rs.getString("status")) == DeploymentStatus.SUCCEEDED,
                rs.getString("digest"), Optional.ofNullable(rs.getString("previous_digest")),
                tag.map(ImageTag::gitSha).or(() -> gitSha),
                tag.map(ImageTag::buildTime), Db.instant(rs, "started_at"), Db.optionalInstant(rs, "finished_at"));
    }
}
