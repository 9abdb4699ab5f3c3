package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.DeploymentKind;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.Behind;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Snapshot;
import dev.promobot.telegram.Html;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.Optional;

/**
 * /status: for each environment in pipeline order, what it runs (tag, git sha, build time, digest), when and by
 * whom it was deployed, how far it trails its source, and any lock, running deployment or open request.
 */
@ApplicationScoped
public class StatusCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("status", "/status",
            "what runs where", Permission.VIEW);

    private final LiveState live;
    private final Deployments deployments;
    private final Settings settings;

    StatusCommand(LiveState live, Deployments deployments, Settings settings) {
        this.live = live;
        this.deployments = deployments;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        context.reply(render(live.observe().snapshot()));
    }

    String render(Snapshot snapshot) {
        ZoneId zone = settings.timeZone();
        StringBuilder out = new StringBuilder("<b>Status</b> · ").append(Html.escape(snapshot.repository()));
        for (Environment env : snapshot.pipeline().environments()) {
            out.append("\n\n<b>").append(Html.escape(env.name())).append("</b>  ");
            Optional<EnvironmentState> state = snapshot.state(env.name());
            Optional<Digest> digest = state.flatMap(EnvironmentState::digest);
            Optional<Image> image = snapshot.runningImage(env.name());
            if (image.isPresent()) {
                Image running = image.get();
                out.append(Html.code(running.label()));
                out.append("\ngit ").append(running.imageTag().map(ImageTag::shortSha).orElse("?"))
                        .append(" · built ").append(Formats.built(running, zone))
                        .append(" · ").append(running.digest().shortForm());
            } else if (digest.isPresent()) {
                out.append("digest ").append(digest.get().shortForm()).append(" (no longer in ECR)");
            } else if (state.filter(s -> !s.consistent()).isPresent()) {
                out.append("functions run different images: ").append(String.join(", ",
                        state.get().digests().stream().map(Digest::shortForm).toList()));
            } else {
                out.append("runs no image");
            }
            digest.ifPresent(d -> out.append("\n").append(deployedBy(env, d, zone)));
            behind(snapshot, env).ifPresent(line -> out.append("\n").append(line));
            snapshot.lock(env.name()).ifPresent(lock -> out.append("\n🔒 locked by ")
                    .append(Html.escape(lock.lockedByName())).append(" since ").append(Formats.time(lock.since(), zone))
                    .append(lock.reason().isBlank() ? "" : ": " + Html.escape(lock.reason())));
            snapshot.inFlight(env.name()).ifPresent(flight -> out.append("\n⏳ deployment running, started by ")
                    .append(Html.escape(flight.startedByName())).append(" at ").append(Formats.time(flight.since(), zone)));
            snapshot.openRequests().stream().filter(request -> request.environment().equals(env.name()))
                    .forEach(request -> out.append("\n✋ request #").append(request.id()).append(" for ")
                            .append(Html.code(request.tag())).append(" awaits approval (")
                            .append(request.approverUserIds().size()).append("/").append(env.approvals()).append(")"));
        }
        return out.toString();
    }

    private String deployedBy(Environment env, Digest digest, ZoneId zone) {
        return deployments.latest(env.name())
                .filter(deployment -> deployment.digest().equals(digest))
                .map(deployment -> deployment.kind() == DeploymentKind.OUTSIDE
                        ? "deployed outside promobot, seen " + deployment.finishedAt()
                        .map(at -> Formats.time(at, zone)).orElse("")
                        : "deployed " + deployment.finishedAt().map(at -> Formats.time(at, zone)).orElse("")
                        + " by " + Html.escape(deployment.actorName()))
                .orElse("deployed outside promobot");
    }

    /** "2 images behind dev", "in step with dev", or "ahead of dev". */
    static Optional<String> behind(Snapshot snapshot, Environment env) {
        return Behind.of(snapshot, env).map(behind -> behind.ahead() ? "ahead of " + behind.source()
                + " (runs a newer image)" : behind.inStep() ? "in step with " + behind.source() : behind.inImages());
    }
}
