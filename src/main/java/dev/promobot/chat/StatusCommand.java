package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.Behind;
import dev.promobot.promotion.DeploymentKind;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.FreezeWindows;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * /status [service]: for each environment in pipeline order, what it runs (tag, git sha, build time, digest), when
 * and by whom it was deployed, how far it trails its source, and any lock, running deployment or open request;
 * above them the freeze, the freeze windows in force and the next one. Where the chat can mean several services and
 * none is named, one compact line per service instead: each environment's git sha, how long it has run there and
 * how far it trails its source.
 */
@ApplicationScoped
public class StatusCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("status", "/status",
            "what runs where", Permission.VIEW).withService();

    private final LiveState live;
    private final Deployments deployments;
    private final Settings settings;
    private final FreezeWindows windows;

    StatusCommand(LiveState live, Deployments deployments, Settings settings, FreezeWindows windows) {
        this.windows = windows;
        this.live = live;
        this.deployments = deployments;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        List<Service> meant = settings.services().meantIn(command.chatId());
        if (named.isEmpty() && meant.size() > 1) {
            command.reply(compact(meant));
            return;
        }
        Service service = named.map(ServiceArgument.Chosen::service).orElse(meant.get(0));
        command.reply(render(live.observe(service)));
    }

    /** templates/StatusCommand/compact.html: one line per service. */
    record compact(List<ServiceLine> services) implements TemplateInstance {
    }

    /** @param problem why the service could not be read, instead of its environments */
    record ServiceLine(String name, boolean frozen, List<Place> environments, String problem) {
    }

    /**
     * One environment in a compact line.
     *
     * @param sha    the git sha in the tag it runs, or a short digest; blank when it runs no single image
     * @param age    how long it has run that image: since promobot deployed it, else since it was built
     * @param behind images it trails its source by; 0 in step (or ahead)
     */
    record Place(String name, String sha, String age, long behind, boolean locked) {
    }

    /** Every service the chat can mean, read at once; one that cannot be read says so on its line. */
    String compact(List<Service> services) {
        List<ServiceLine> lines = live.observeEach(services).stream().map(read -> {
            Service service = read.service();
            return read.observed().map(observed -> new ServiceLine(service.name(),
                    observed.snapshot().freeze().isPresent(), service.pipeline().environments().stream()
                            .map(env -> place(observed, env)).toList(), ""))
                    .orElseGet(() -> new ServiceLine(service.name(), false, List.of(),
                            read.problem().map(AwsProblem::sentence).orElse("")));
        }).toList();
        return Messages.render(new compact(lines));
    }

    private Place place(LiveState.Observed observed, Environment env) {
        Snapshot snapshot = observed.snapshot();
        Optional<Digest> digest = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
        Optional<Image> image = snapshot.runningImage(env.name());
        String sha = image.flatMap(Image::imageTag).map(ImageTag::shortSha)
                .or(() -> digest.map(Digest::shortForm)).orElse("");
        Optional<Instant> since = digest.flatMap(d -> observed.deploymentOf(env.name(), d)
                        .flatMap(Deployments.Deployment::finishedAt))
                .or(() -> image.flatMap(Image::imageTag).map(ImageTag::buildTime));
        long behind = Behind.of(snapshot, env).filter(b -> !b.ahead()).map(Behind::images).orElse(0L);
        return new Place(env.name(), sha, since.map(at -> age(at, snapshot.now())).orElse(""), behind,
                snapshot.lock(env.name()).isPresent());
    }

    /** "45m", "5h", "12d": the largest whole unit. */
    static String age(Instant since, Instant now) {
        Duration age = Duration.between(since, now);
        if (age.isNegative()) {
            return "0m";
        }
        return age.toDays() > 0 ? age.toDays() + "d" : age.toHours() > 0 ? age.toHours() + "h" : age.toMinutes() + "m";
    }

    /** The message: templates/StatusCommand/status.html. */
    record status(String repository, Optional<WhyCommand.FreezeView> freeze, List<WindowView> windowsInForce,
                  Optional<WindowView> nextWindow, List<EnvironmentView> environments) implements TemplateInstance {
    }

    /** A freeze window occurrence, times in promobot.time-zone. */
    record WindowView(String name, String environments, String start, String end, String reason) {
    }

    /** One environment as /status shows it, times in promobot.time-zone. */
    record EnvironmentView(String name, Optional<RunningImage> image, Optional<String> goneDigest,
                           List<String> mixedDigests, Optional<DeployedView> deployed, Optional<Behind> behind,
                           Optional<LockView> lock, Optional<FlightView> inFlight, List<RequestView> requests,
                           int approvalsNeeded) {
    }

    record RunningImage(String tag, String sha, String built, String digest) {
    }

    /** Who deployed what runs: by a person at a time, seen outside promobot at a time, or not known at all. */
    record DeployedView(Optional<String> at, Optional<String> by) {
    }

    record LockView(String by, String since, String reason) {
    }

    record FlightView(String by, String since) {
    }

    record RequestView(long id, String tag, int approvals) {
    }

    String render(LiveState.Observed observed) {
        Snapshot snapshot = observed.snapshot();
        ZoneId zone = settings.timeZone();
        List<EnvironmentView> environments = snapshot.pipeline().environments().stream().map(env -> {
            Optional<EnvironmentState> state = snapshot.state(env.name());
            Optional<Digest> digest = state.flatMap(EnvironmentState::digest);
            Optional<Image> image = snapshot.runningImage(env.name());
            return new EnvironmentView(env.name(),
                    image.map(running -> new RunningImage(running.label(),
                            running.imageTag().map(ImageTag::shortSha).orElse("?"),
                            Formats.time(running.imageTag().map(ImageTag::buildTime), zone),
                            running.digest().shortForm())),
                    image.isPresent() ? Optional.empty() : digest.map(Digest::shortForm),
                    state.filter(s -> !s.consistent()).map(s -> s.digests().stream().map(Digest::shortForm).toList())
                            .orElse(List.of()),
                    digest.map(d -> deployedBy(observed, env, d, zone)),
                    Behind.of(snapshot, env),
                    snapshot.lock(env.name()).map(lock -> new LockView(lock.lockedByName(),
                            Formats.time(lock.since(), zone), lock.reason())),
                    snapshot.inFlight(env.name()).map(flight -> new FlightView(flight.startedByName(),
                            Formats.time(flight.since(), zone))),
                    snapshot.openRequests().stream().filter(request -> request.environment().equals(env.name()))
                            .map(request -> new RequestView(request.id(), request.tag(),
                                    request.approverUserIds().size())).toList(),
                    env.approvals());
        }).toList();
        List<WindowView> inForce = snapshot.freezeWindows().stream()
                .filter(window -> window.inForceAt(snapshot.now())).map(window -> view(window, zone)).toList();
        return Messages.render(new status(snapshot.repository(),
                snapshot.freeze().map(freeze -> WhyCommand.freezeView(freeze, zone)), inForce,
                windows.next(snapshot.now()).map(window -> view(window, zone)), environments));
    }

    private static WindowView view(FreezeWindow window, ZoneId zone) {
        return new WindowView(window.name(), String.join(", ", window.environments()),
                Formats.time(window.start(), zone), Formats.time(window.end(), zone), window.reason());
    }

    private DeployedView deployedBy(LiveState.Observed observed, Environment env, Digest digest, ZoneId zone) {
        return observed.deploymentOf(env.name(), digest)
                .map(deployment -> new DeployedView(deployment.finishedAt().map(at -> Formats.time(at, zone)),
                        deployment.kind() == DeploymentKind.OUTSIDE ? Optional.empty()
                                : Optional.ofNullable(deployment.actorName()).map(name -> withApprovers(name,
                                        deployments.approverNames(deployment)))))
                .orElse(new DeployedView(Optional.empty(), Optional.empty()));
    }

    /** "Dana, approved by Ari, Bea". */
    private static String withApprovers(String requester, List<String> approvers) {
        return approvers.isEmpty() ? requester : requester + ", approved by " + String.join(", ", approvers);
    }
}
