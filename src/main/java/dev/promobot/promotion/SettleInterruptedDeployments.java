package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start-up, deployments a crash left in progress are settled against what Lambda actually runs: finished (the
 * environment runs the new image), failed (it still runs the old one), or restored (it was left half-way, and is
 * put back on the old image). Each is audited and announced once.
 */
@ApplicationScoped
public class SettleInterruptedDeployments {

    private static final Logger LOG = Logger.getLogger(SettleInterruptedDeployments.class);

    private final Deployments deployments;
    private final DeploymentTarget target;
    private final ImageRegistry registry;
    private final ApprovalRequests requests;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final Settings settings;
    private final ManagedExecutor executor;

    SettleInterruptedDeployments(Deployments deployments, DeploymentTarget target, ImageRegistry registry,
                                 ApprovalRequests requests, AuditTrail audit, Announcements announcements,
                                 Settings settings, ManagedExecutor executor) {
        this.deployments = deployments;
        this.target = target;
        this.registry = registry;
        this.requests = requests;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
        this.executor = executor;
    }

    void atStartup(@Observes StartupEvent event) {
        executor.runAsync(this::settle);
    }

    /** Settles what is left in progress now; also what start-up runs. */
    public List<SettledDeployment> settle() {
        List<SettledDeployment> settled = new ArrayList<>();
        for (Deployment deployment : deployments.inProgress()) {
            try {
                SettledDeployment one = settle(deployment);
                LOG.infof("Deployment %d: %s", deployment.id(), one.sentence());
                announcements.deploymentSettled(one);
                audit.record(Optional.empty(), "promobot", deployment.chatId().or(settings::channelOrFirstChat),
                        "reconcile", "deployment #" + deployment.id(), Optional.of(deployment.environment()),
                        AuditOutcome.valueOf(one.status().name()), one.sentence());
                settled.add(one);
            } catch (AwsProblem problem) {
                LOG.warnf("Deployment %d to %s is still unsettled: %s", deployment.id(), deployment.environment(),
                        problem.sentence());
            }
        }
        return settled;
    }

    private SettledDeployment settle(Deployment deployment) {
        String env = deployment.environment();
        String tag = deployment.tag().orElse(deployment.digest().shortForm());
        Optional<Environment> environment = settings.pipeline().environment(env);
        if (environment.isEmpty()) {
            return finish(deployment, DeploymentStatus.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted, and " + env + " is no longer configured");
        }
        EnvironmentState state = target.running(environment.get());
        Optional<Digest> now = state.digest();
        if (now.equals(Optional.of(deployment.digest()))) {
            return finish(deployment, DeploymentStatus.SUCCEEDED, "the deployment of " + tag + " to " + env
                    + " finished while promobot was down; " + env + " runs it");
        }
        Optional<Digest> previous = deployment.previousDigest().flatMap(d -> Digest.parse(d).value());
        if (now.isPresent() && now.equals(previous)) {
            return finish(deployment, DeploymentStatus.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted before it changed anything; " + env + " still runs "
                    + deployment.previousTag().orElse(previous.get().shortForm()));
        }
        // Half-way: some functions run the new image. Put them all back on the previous one.
        Optional<Image> back = previous.flatMap(d -> registry.images().stream().map(RegistryImage::image)
                .filter(image -> image.digest().equals(d)).findFirst());
        if (back.isEmpty()) {
            return finish(deployment, DeploymentStatus.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted half-way and the previous image is unknown or gone; check " + env + " by hand");
        }
        try {
            target.deploy(environment.get(), back.get(), registry.imageUri(back.get()));
            return finish(deployment, DeploymentStatus.RESTORED, "the deployment of " + tag + " to " + env + " was "
                    + "interrupted half-way; " + env + " is back on " + back.get().label());
        } catch (AwsProblem problem) {
            return finish(deployment, DeploymentStatus.FAILED, "the deployment of " + tag + " to " + env
                    + " was interrupted half-way and putting it back failed: " + problem.sentence());
        }
    }

    private SettledDeployment finish(Deployment deployment, DeploymentStatus status, String sentence) {
        deployments.finish(deployment.id(), status, status == DeploymentStatus.SUCCEEDED ? Optional.empty()
                : Optional.of(sentence));
        RequestStatus request = status == DeploymentStatus.SUCCEEDED ? RequestStatus.DEPLOYED : RequestStatus.FAILED;
        deployment.requestId().ifPresent(id -> requests.settle(id, request, Optional.of(sentence)));
        return new SettledDeployment(deployment, status, sentence);
    }
}
