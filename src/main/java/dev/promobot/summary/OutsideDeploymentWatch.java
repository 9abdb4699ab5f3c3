package dev.promobot.summary;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import dev.promobot.store.Replica;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Notices outside deployments, made without promobot (CI, the console): every
 * promobot.outside-deployments.interval it compares what each environment runs with the last deployment promobot
 * recorded, records a change as an outside deployment, and reports it once. The first look at an environment
 * promobot knows nothing about is recorded silently.
 */
@ApplicationScoped
public class OutsideDeploymentWatch {

    private static final Logger LOG = Logger.getLogger(OutsideDeploymentWatch.class);

    /** An outside deployment noticed, in a sentence for the channel. */
    public record Noticed(String environment, String sentence) {
    }

    /** The channel's notice: templates/OutsideDeploymentWatch/noticed.html. */
    record noticed(String environment, String from, String to) implements TemplateInstance {
    }

    private final LiveState live;
    private final Deployments deployments;
    private final AuditTrail audit;
    private final Settings settings;
    private final ChannelPoster channel;
    private final Replica replica;

    OutsideDeploymentWatch(LiveState live, Deployments deployments, AuditTrail audit, Settings settings,
                           ChannelPoster channel, Replica replica) {
        this.replica = replica;
        this.live = live;
        this.deployments = deployments;
        this.audit = audit;
        this.settings = settings;
        this.channel = channel;
    }

    @Scheduled(identity = "outside-deployment-watch", every = "{promobot.outside-deployments.interval}",
            delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check();
    }

    /**
     * Compares now; returns what changed outside promobot (already recorded and announced). The database is read
     * before AWS and again after it, so a deployment of promobot's own that starts or ends while Lambda is being
     * read is never taken for an outside one.
     */
    public List<Noticed> check() {
        List<Noticed> observed = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (Service service : settings.services().all()) {
            try {
                observed.addAll(check(service, notices));
            } catch (AwsProblem problem) {
                // One service AWS will not show does not hide the others' changes.
                LOG.warnf("The outside-deployment watch could not read %s: %s", service.name(), problem.sentence());
            }
        }
        // One message for everything this look found, in every service.
        if (!notices.isEmpty()) {
            channel.post(String.join("\n", notices));
        }
        return observed;
    }

    private List<Noticed> check(Service service, List<String> notices) {
        String name = service.name();
        Map<String, Optional<Deployment>> recordedBefore = new HashMap<>();
        Map<String, Optional<Long>> newestBefore = new HashMap<>();
        service.pipeline().environments().forEach(env -> {
            recordedBefore.put(env.name(), deployments.latest(name, env.name()));
            newestBefore.put(env.name(), deployments.newestId(name, env.name()));
        });
        Set<String> busyBefore = deployments.inFlight(name).keySet();
        Snapshot snapshot = live.observe(service).snapshot();
        List<Noticed> observed = new ArrayList<>();
        for (Environment env : service.pipeline().environments()) {
            Optional<Digest> running = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            if (running.isEmpty() || busyBefore.contains(env.name()) || snapshot.inFlight(env.name()).isPresent()) {
                continue; // nothing single to record, or promobot itself is changing it right now
            }
            Optional<Deployment> recorded = recordedBefore.get(env.name());
            if (recorded.isPresent() && recorded.get().digest().equals(running.get())) {
                continue;
            }
            if (!deployments.newestId(name, env.name()).equals(newestBefore.get(env.name()))
                    || deployments.inFlight(name, env.name()).isPresent()) {
                continue; // promobot deployed meanwhile; the next look decides
            }
            // With several replicas watching, the first to claim this change records and announces it.
            String change = recorded.map(r -> String.valueOf(r.id())).orElse("first") + ":" + running.get().shortForm();
            // Keyed as before there were several services while there is one, so replicas of both versions agree.
            String job = settings.services().several() ? "outside:" + name + ":" + env.name() : "outside:" + env.name();
            if (!replica.claimJob(job, change)) {
                continue;
            }
            Optional<String> tag = snapshot.imageByDigest(running.get()).map(Image::label);
            Optional<Digest> before = recorded.map(Deployment::digest);
            deployments.observe(name, env.name(), env.functions(), running.get(), tag, before,
                    recorded.flatMap(Deployment::tag));
            if (recorded.isEmpty()) {
                continue; // the first look: a baseline, not news
            }
            String from = recorded.get().tag().orElse(before.get().shortForm());
            String to = tag.orElse(running.get().shortForm());
            String where = settings.services().several() ? name + " " + env.name() : env.name();
            String sentence = where + " changed outside promobot: " + from + " → " + to;
            audit.record(Optional.empty(), "promobot", Optional.empty(), "outside-deployment-watch",
                    "outside-deployment watch", Optional.of(name), Optional.of(env.name()), AuditOutcome.OUTSIDE,
                    sentence);
            notices.add(Messages.render(new noticed(where, from, to)));
            observed.add(new Noticed(env.name(), sentence));
        }
        return observed;
    }
}
