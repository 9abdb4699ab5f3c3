package dev.promobot.summary;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.dora.Dora;
import dev.promobot.dora.Report;
import dev.promobot.lifecycleaudit.LifecycleAuditRuns;
import dev.promobot.promotion.ApprovalRequests;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.Behind;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.Freezes;
import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.MeasureDelivery;
import dev.promobot.promotion.Outsiders;
import dev.promobot.rules.ApprovalRequest;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Freeze;
import dev.promobot.rules.Image;
import dev.promobot.rules.PastDeployment;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import dev.promobot.store.Db;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The daily deployment summary for the channel: what runs where and since when, how far each environment is
 * behind its source, the last 24 hours' promotions, rollbacks and refusals with who, what outsiders sent that was
 * ignored, open requests and their age,
 * rollback readiness, and the latest lifecycle audit's headline; on Mondays, the week's DORA figures. Sent at most
 * once per day, however many replicas or restarts.
 */
@ApplicationScoped
public class DailySummary {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    /** What the summary lists one by one; refusals are only counted. */
    private static final Set<AuditOutcome> EVENTS = Set.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED,
            AuditOutcome.REJECTED, AuditOutcome.OUTSIDE, AuditOutcome.FROZEN, AuditOutcome.UNFROZEN,
            AuditOutcome.OVERRIDDEN);

    private final LiveState live;
    private final AuditTrail audit;
    private final LifecycleAuditRuns audits;
    private final Settings settings;
    private final ChannelPoster channel;
    private final Db db;
    private final Outsiders outsiders;
    private final MeasureDelivery measure;
    private final Freezes freezes;
    private final ApprovalRequests requests;

    DailySummary(LiveState live, AuditTrail audit, LifecycleAuditRuns audits,
                 Settings settings, ChannelPoster channel, Db db, Outsiders outsiders, MeasureDelivery measure,
                 Freezes freezes, ApprovalRequests requests) {
        this.freezes = freezes;
        this.requests = requests;
        this.outsiders = outsiders;
        this.measure = measure;
        this.live = live;
        this.audit = audit;
        this.audits = audits;
        this.settings = settings;
        this.channel = channel;
        this.db = db;
    }

    /**
     * Sends the summary for the day {@code now} falls on (in promobot.time-zone) unless it went out already.
     * The day's row is claimed in the database in the same transaction as the message's place in the outbox, so
     * the day is never claimed without its message. It is composed before, so a failure to read AWS leaves the
     * day unclaimed for the next attempt.
     */
    public boolean sendOnce(Instant now) {
        LocalDate day = now.atZone(settings.timeZone()).toLocalDate();
        if (sent(day)) {
            return false;
        }
        String text = compose(now);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int claimed = db.update("INSERT INTO summary_sent (summary_day, sent_at) SELECT ?, ? "
                        + "FROM (VALUES (0)) one WHERE NOT EXISTS "
                        + "(SELECT 1 FROM summary_sent WHERE summary_day = ?)", day.toString(), now, day.toString());
                return claimed == 1 && channel.post(text);
            });
        } catch (RuntimeException e) {
            if (sent(day)) {
                return false; // another replica claimed the day at the same moment
            }
            throw e;
        }
    }

    /** Records that today's run has begun, so a replica restarted before it is sent knows to send it. */
    public void markDue(Instant now) {
        String day = now.atZone(settings.timeZone()).toLocalDate().toString();
        db.update("INSERT INTO job_claim (job, slot, claimed_by, claimed_at) SELECT 'daily-summary-due', ?, 'any', ? "
                + "FROM (VALUES (0)) one WHERE NOT EXISTS "
                + "(SELECT 1 FROM job_claim WHERE job = 'daily-summary-due' AND slot = ?)", day, now, day);
    }

    /** Today's run began (on any replica) and its summary has not gone out. */
    public boolean dueButNotSent(Instant now) {
        LocalDate day = now.atZone(settings.timeZone()).toLocalDate();
        return !sent(day) && db.one("SELECT 1 FROM job_claim WHERE job = 'daily-summary-due' AND slot = ?",
                rs -> true, day.toString()).isPresent();
    }

    /** Whether the summary of that day went out. */
    public boolean sent(LocalDate day) {
        return db.one("SELECT 1 FROM summary_sent WHERE summary_day = ?", rs -> true, day.toString()).isPresent();
    }

    /**
     * The message: templates/DailySummary/dailySummary.html.
     *
     * @param repository the repository of the only service, in the heading; blank with several
     * @param several    whether there are several services, each section then under its service's name
     */
    record dailySummary(String day, String repository, boolean several, List<ServiceSection> services, long promotions,
                        long rollbacks, long refusals, List<EventLine> events, Outsiders.Tally outside,
                        List<WindowLine> windows) implements TemplateInstance {
    }

    /**
     * One service's part of the summary.
     *
     * @param unreadable why AWS could not show the service, which then shows only what the database holds (its
     *                   freeze, open requests and latest lifecycle audit); blank when it could
     */
    record ServiceSection(String service, String repository, String unreadable, List<EnvironmentLine> environments,
                          List<RequestLine> openRequests, List<Readiness> readiness, String latestAudit,
                          Optional<Week> week, Optional<FreezeLine> freeze) {
    }

    /** The freeze in force when the summary went out. */
    record FreezeLine(String by, String since, String reason, int votes, int needed) {
    }

    /** A freeze window in force when the summary went out. */
    record WindowLine(String name, String environments, String until, String reason) {
    }

    /** Monday's look back at the week: the DORA figures of the last 7 days, one line per environment. */
    record Week(List<DoraLine> environments, String failureWindow, String leadTimesFrom) {
    }

    /** @param line the figures in words ({@link Dora#line}) */
    record DoraLine(String environment, String line) {
    }

    /** @param since when promobot deployed what runs; blank when it runs since before promobot saw it */
    record EnvironmentLine(String name, String tag, String digest, String since, Optional<Behind> behind) {
    }

    record EventLine(String at, String who, String command, String environment, String outcome) {
    }

    record RequestLine(long id, String environment, String tag, String age) {
    }

    /** @param previous the image a rollback would go back to (its tag, else its digest), when one is known */
    record Readiness(String environment, Optional<String> previous, boolean inEcr) {
    }

    /**
     * One message for every service: a section per service (what runs where, its freeze, open requests, the week's
     * figures on Mondays, rollback readiness, its latest lifecycle audit), then the last day's activity. Every
     * service is read at once; one AWS will not show is named with the reason and the others are summed up all the
     * same. When no service can be read, nothing is composed and the problem is thrown, so the day stays unclaimed.
     */
    public String compose(Instant now) {
        ZoneId zone = settings.timeZone();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        List<LiveState.ServiceObserved> read = live.observeEach(settings.services().all());
        Snapshot any = read.stream().flatMap(service -> service.observed().stream()).findFirst()
                .map(LiveState.Observed::snapshot).orElseThrow(() -> read.get(0).problem().orElseThrow());
        List<ServiceSection> sections = read.stream().map(service -> service.observed()
                .map(observed -> section(service.service(), observed, now))
                .orElseGet(() -> unreadable(service.service(), service.problem().orElseThrow(), now))).toList();
        List<WindowLine> windows = any.freezeWindows().stream().filter(window -> window.inForceAt(any.now()))
                .map(window -> new WindowLine(window.name(), String.join(", ", window.environments()),
                        Formats.time(window.end(), zone), window.reason())).toList();
        // The whole last day, counted in the database, however many entries it holds.
        long promotions = audit.count(dayAgo, AuditOutcome.SUCCEEDED, "promote", "deploy");
        long rollbacks = audit.count(dayAgo, AuditOutcome.SUCCEEDED, "rollback");
        long refusals = audit.count(dayAgo, AuditOutcome.REFUSED);
        boolean several = settings.services().several();
        List<EventLine> events = audit.since(dayAgo, EVENTS, 10).stream()
                .map(event -> new EventLine(CLOCK.format(event.at().atZone(zone)),
                        event.userName() == null ? "promobot" : event.userName(), event.command(),
                        (several ? event.service().map(name -> name + " ").orElse("") : "")
                                + event.environment().orElse(""), event.outcome().dbValue())).toList();
        return Messages.render(new dailySummary(now.atZone(zone).toLocalDate().toString(),
                several ? "" : sections.get(0).repository(), several, sections, promotions, rollbacks, refusals, events,
                outsiders.since(dayAgo), windows));
    }

    private ServiceSection unreadable(Service service, AwsProblem problem, Instant now) {
        List<RequestLine> open = requests.openStored().stream()
                .filter(stored -> stored.service().equals(service.name()))
                .map(stored -> requestLine(stored.request(), now)).toList();
        return new ServiceSection(service.name(), service.repository(), problem.sentence(), List.of(), open,
                List.of(), latestAudit(service), Optional.empty(),
                freezes.holding(service.name()).map(stored -> freezeLine(stored.freeze())));
    }

    private ServiceSection section(Service service, LiveState.Observed observed, Instant now) {
        Snapshot snapshot = observed.snapshot();
        ZoneId zone = settings.timeZone();
        List<EnvironmentLine> environments = snapshot.pipeline().environments().stream().map(env -> {
            Optional<Digest> digest = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            return new EnvironmentLine(env.name(), snapshot.runningImage(env.name()).map(Image::label).orElse(""),
                    digest.map(Digest::shortForm).orElse(""),
                    digest.flatMap(d -> since(observed, env, d, zone)).orElse(""), Behind.of(snapshot, env));
        }).toList();

        List<RequestLine> requests = snapshot.openRequests().stream().map(request -> requestLine(request, now))
                .toList();

        List<Readiness> readiness = snapshot.pipeline().environments().stream().map(env -> {
            Optional<Digest> running = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            Optional<PastDeployment> previous = snapshot.history(env.name()).stream()
                    .filter(past -> running.isEmpty() || !past.digest().equals(running.get())).findFirst();
            return new Readiness(env.name(), previous.map(past -> past.tag().isBlank()
                            ? past.digest().shortForm() : past.tag()),
                    previous.flatMap(past -> snapshot.imageByDigest(past.digest())).isPresent());
        }).toList();

        return new ServiceSection(service.name(), snapshot.repository(), "", environments, requests,
                readiness, latestAudit(service), week(service, snapshot, now), snapshot.freeze().map(this::freezeLine));
    }

    private RequestLine requestLine(ApprovalRequest request, Instant now) {
        return new RequestLine(request.id(), request.environment(), request.tag(),
                age(request.expiresAt().minus(settings.approvalTtl()), now));
    }

    private String latestAudit(Service service) {
        return audits.latest(service.name()).map(run -> run.headline() + " ("
                + MINUTE.format(run.ranAt().atZone(settings.timeZone())) + ")").orElse("");
    }

    private FreezeLine freezeLine(Freeze freeze) {
        return new FreezeLine(freeze.frozenByName(), Formats.time(freeze.since(), settings.timeZone()),
                freeze.reason(), freeze.unfreezeVoterIds().size(), Freeze.VOTES_TO_LIFT);
    }

    /** On a Monday (in promobot.time-zone), the last 7 days' DORA figures of each environment. */
    private Optional<Week> week(Service service, Snapshot snapshot, Instant now) {
        if (now.atZone(settings.timeZone()).getDayOfWeek() != DayOfWeek.MONDAY) {
            return Optional.empty();
        }
        List<String> names = snapshot.pipeline().names();
        Report report = measure.measure(service, names, List.of(7), now);
        return Optional.of(new Week(report.figures().stream()
                .map(figures -> new DoraLine(figures.environment(), Dora.line(figures))).toList(),
                Dora.duration(report.failureWindow()), report.leadTimesFrom()));
    }

    /** When promobot put the digest there, if it did. */
    private static Optional<String> since(LiveState.Observed observed, Environment env, Digest digest, ZoneId zone) {
        return observed.deploymentOf(env.name(), digest).flatMap(Deployments.Deployment::finishedAt)
                .map(at -> Formats.time(at, zone));
    }

    private static String age(Instant since, Instant now) {
        Duration age = Duration.between(since, now);
        return age.toHours() > 0 ? age.toHours() + " h" : age.toMinutes() + " min";
    }
}
