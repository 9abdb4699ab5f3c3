package dev.promobot.summary;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.lifecycleaudit.LifecycleAuditRuns;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Behind;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.PastDeployment;
import dev.promobot.rules.Snapshot;
import dev.promobot.store.Db;
import dev.promobot.telegram.Html;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The daily deployment summary for the channel: what runs where and since when, how far each environment is
 * behind its source, the last 24 hours' promotions, rollbacks and refusals with who, open requests and their age,
 * rollback readiness, and the latest lifecycle audit's headline. Sent at most once per day, however many replicas or restarts.
 */
@ApplicationScoped
public class DailySummary {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final Set<AuditOutcome> NOTEWORTHY = Set.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED,
            AuditOutcome.REFUSED, AuditOutcome.REJECTED, AuditOutcome.OUTSIDE);

    private final LiveState live;
    private final Deployments deployments;
    private final AuditTrail audit;
    private final LifecycleAuditRuns audits;
    private final Settings settings;
    private final ChannelPoster channel;
    private final Db db;

    DailySummary(LiveState live, Deployments deployments, AuditTrail audit, LifecycleAuditRuns audits, Settings settings,
                 ChannelPoster channel, Db db) {
        this.live = live;
        this.deployments = deployments;
        this.audit = audit;
        this.audits = audits;
        this.settings = settings;
        this.channel = channel;
        this.db = db;
    }

    /**
     * Sends the summary for the day {@code now} falls on (in promobot.time-zone) unless it went out already.
     * The day's row is claimed in the database; whoever claims it sends. It is composed before the claim, so a
     * failure to read AWS leaves the day unclaimed for the next attempt.
     */
    public boolean sendOnce(Instant now) {
        LocalDate day = now.atZone(settings.timeZone()).toLocalDate();
        String text = compose(now);
        try {
            db.update("INSERT INTO summary_sent (summary_day, sent_at) VALUES (?, ?)", day.toString(), now);
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
        return channel.post(text);
    }

    public String compose(Instant now) {
        ZoneId zone = settings.timeZone();
        Snapshot snapshot = live.observe().snapshot();
        StringBuilder out = new StringBuilder("<b>Daily summary</b> · ")
                .append(now.atZone(zone).toLocalDate()).append(" · ").append(Html.escape(snapshot.repository()));
        for (Environment env : snapshot.pipeline().environments()) {
            out.append("\n<b>").append(Html.escape(env.name())).append("</b> ");
            Optional<Digest> digest = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            Optional<Image> image = snapshot.runningImage(env.name());
            out.append(image.map(i -> Html.code(i.label())).or(() -> digest.map(Digest::shortForm))
                    .orElse("runs no single image"));
            digest.ifPresent(d -> out.append(" ").append(since(env, d, zone)));
            behind(snapshot, env).ifPresent(line -> out.append("; ").append(line));
        }

        List<AuditTrail.Event> lastDay = audit.recent(Optional.empty(), 500).stream()
                .filter(event -> event.at().isAfter(now.minus(Duration.ofHours(24))))
                .filter(event -> NOTEWORTHY.contains(event.outcome()))
                .filter(event -> event.outcome() != AuditOutcome.STARTED)
                .toList();
        long promotions = lastDay.stream().filter(e -> e.command().equals("promote")
                || e.command().equals("deploy")).filter(e -> e.outcome() == AuditOutcome.SUCCEEDED).count();
        long rollbacks = lastDay.stream().filter(e -> e.command().equals("rollback"))
                .filter(e -> e.outcome() == AuditOutcome.SUCCEEDED).count();
        long refusals = lastDay.stream().filter(e -> e.outcome() == AuditOutcome.REFUSED).count();
        out.append("\n\n<b>Last 24 h</b>: ").append(promotions).append(promotions == 1 ? " promotion, " : " promotions, ")
                .append(rollbacks).append(rollbacks == 1 ? " rollback, " : " rollbacks, ")
                .append(refusals).append(refusals == 1 ? " refusal" : " refusals");
        lastDay.stream().filter(e -> e.outcome() != AuditOutcome.REFUSED).limit(10).forEach(event -> out.append("\n• ")
                .append(CLOCK.format(event.at().atZone(zone))).append(" ")
                .append(Html.escape(event.userName() == null ? "promobot" : event.userName())).append(": ")
                .append(Html.escape(event.command())).append(" ")
                .append(Html.escape(event.environment().orElse(""))).append(" → ").append(event.outcome().dbValue()));

        if (!snapshot.openRequests().isEmpty()) {
            out.append("\n\n<b>Open requests</b>");
            snapshot.openRequests().forEach(request -> out.append("\n#").append(request.id()).append(" ")
                    .append(Html.escape(request.environment())).append(" ").append(Html.code(request.tag())).append(", ")
                    .append(age(request.expiresAt().minus(settings.approvalTtl()), now)).append(" old"));
        }

        out.append("\n\n<b>Rollback readiness</b>");
        for (Environment env : snapshot.pipeline().environments()) {
            Optional<Digest> running = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            Optional<PastDeployment> previous = snapshot.history(env.name()).stream()
                    .filter(past -> running.isEmpty() || !past.digest().equals(running.get())).findFirst();
            out.append("\n").append(Html.escape(env.name())).append(": ");
            if (previous.isEmpty()) {
                out.append("no earlier image known");
            } else if (snapshot.imageByDigest(previous.get().digest()).isPresent()) {
                out.append("✅ ").append(Html.code(previous.get().tag())).append(" still in ECR");
            } else {
                out.append("⚠️ ").append(Html.code(previous.get().tag())).append(" is gone from ECR");
            }
        }
        out.append("\n\n<b>Latest audit</b>: ").append(audits.latest()
                .map(run -> Html.escape(run.headline()) + " (" + MINUTE.format(run.ranAt().atZone(zone)) + ")")
                .orElse("none yet"));
        return out.toString();
    }

    private String since(Environment env, Digest digest, ZoneId zone) {
        return deployments.latest(env.name()).filter(deployment -> deployment.digest().equals(digest))
                .flatMap(Deployments.Deployment::finishedAt)
                .map(at -> "since " + MINUTE.format(at.atZone(zone)) + " "
                        + zone.getDisplayName(TextStyle.SHORT, Locale.ROOT))
                .orElse("since before promobot saw it");
    }

    /** "4 images and 3 days behind staging", or "same as staging". */
    static Optional<String> behind(Snapshot snapshot, Environment env) {
        return Behind.of(snapshot, env).map(behind -> behind.ahead() ? "ahead of " + behind.source()
                : behind.inStep() ? "same as " + behind.source() : behind.inImagesAndDays());
    }

    private static String age(Instant since, Instant now) {
        Duration age = Duration.between(since, now);
        return age.toHours() > 0 ? age.toHours() + " h" : age.toMinutes() + " min";
    }
}
