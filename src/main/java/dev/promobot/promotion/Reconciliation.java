package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.promotion.Deployments.Status;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After a crash, deployments still marked in progress are settled against what Lambda actually runs: finished (the
 * environment runs the new image), failed (it still runs the old one), or restored (it was left half-way, and is
 * put back on the old image).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** One interrupted deployment and how it was settled, in a sentence for the chat. */
    public record Settled(Deployment deployment, Status status, String sentence) {
    }

    private final Deployments deployments;
    private final DeploymentTarget target;
    private final ImageRegistry registry;
    private final PromotionRequests requests;
    private final Settings settings;

    Reconciliation(Deployments deployments, DeploymentTarget target, ImageRegistry registry,
                   PromotionRequests requests, Settings settings) {
        this.deployments = deployments;
        this.target = target;
        this.registry = registry;
        this.requests = requests;
        this.settings = settings;
    }

    public List<Settled> reconcile() {
        List<Settled> settled = new ArrayList<>();
        for (Deployment deployment : deployments.inProgress()) {
            try {
                settled.add(settle(deployment));
            } catch (AwsProblem problem) {
                LOG.warnf("Deployment %d to %s is still unsettled: %s", deployment.id(), deployment.environment(),
                        problem.sentence());
            }
        }
        return settled;
    }

    private Settled settle(Deployment deployment) {
        String env = deployment.environment();
        String tag = deployment.tag().orElse(deployment.digest().shortForm());
        Optional<Environment> environment = settings.pipeline().environment(env);
        if (environment.isEmpty()) {
            return finish(deployment, Status.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted, and " + env + " is no longer configured");
        }
        EnvironmentState state = target.running(environment.get());
        Optional<Digest> now = state.digest();
        if (now.equals(Optional.of(deployment.digest()))) {
            return finish(deployment, Status.SUCCEEDED, "the deployment of " + tag + " to " + env
                    + " finished while promobot was down; " + env + " runs it");
        }
        Optional<Digest> previous = deployment.previousDigest().flatMap(d -> Digest.parse(d).value());
        if (now.isPresent() && now.equals(previous)) {
            return finish(deployment, Status.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted before it changed anything; " + env + " still runs "
                    + deployment.previousTag().orElse(previous.get().shortForm()));
        }
        // Half-way: some functions run the new image. Put them all back on the previous one.
        Optional<Image> back = previous.flatMap(d -> registry.images().stream().map(RegistryImage::image)
                .filter(image -> image.digest().equals(d)).findFirst());
        if (back.isEmpty()) {
            return finish(deployment, Status.FAILED, "the deployment of " + tag + " to " + env + " was interrupted "
                    + "half-way and the previous image is unknown or gone; check " + env + " by hand");
        }
        try {
            target.deploy(environment.get(), back.get(), registry.imageUri(back.get()));
            return finish(deployment, Status.RESTORED, "the deployment of " + tag + " to " + env + " was "
                    + "interrupted half-way; " + env + " is back on " + back.get().label());
        } catch (AwsProblem problem) {
            return finish(deployment, Status.FAILED, "the deployment of " + tag + " to " + env + " was interrupted "
                    + "half-way and putting it back failed: " + problem.sentence());
        }
    }

    private Settled finish(Deployment deployment, Status status, String sentence) {
        deployments.finish(deployment.id(), status, status == Status.SUCCEEDED ? Optional.empty()
                : Optional.of(sentence));
        deployment.requestId().ifPresent(id -> requests.settle(id, status == Status.SUCCEEDED ? "deployed" : "failed",
                Optional.of(sentence)));
        return new Settled(deployment, status, sentence);
    }
}
