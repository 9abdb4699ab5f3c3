package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.ApprovalRequest;
import dev.promobot.rules.Digest;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Freeze;
import dev.promobot.rules.Image;
import dev.promobot.rules.InFlight;
import dev.promobot.rules.Lock;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the state the rules decide on, fresh for every decision: ECR and each environment's functions at the same
 * time (the AWS reads run concurrently), meanwhile locks, the freeze, deployments in flight, open requests and
 * history from the database, and then the freeze windows in force.
 */
@ApplicationScoped
public class LiveState {

    /**
     * A snapshot for the rules plus the registry's detail, which /images and the audit show.
     *
     * @param latest each environment's newest succeeded deployment, for "deployed when and by whom"
     */
    public record Observed(Snapshot snapshot, List<RegistryImage> registryImages,
                           Map<String, Deployments.Deployment> latest) {

        public Optional<Deployments.Deployment> latest(String environment) {
            return Optional.ofNullable(latest.get(environment));
        }

        /**
         * The deployment that put {@code digest} where it runs: the environment's newest succeeded one, if that
         * deployed this digest; empty when the environment was changed since, or before promobot saw it.
         */
        public Optional<Deployments.Deployment> deploymentOf(String environment, Digest digest) {
            return latest(environment).filter(deployment -> deployment.digest().equals(digest));
        }
    }

    private final Settings settings;
    private final ImageRegistries registries;
    private final DeploymentTarget target;
    private final Deployments deployments;
    private final Locks locks;
    private final ApprovalRequests requests;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Freezes freezes;
    private final FreezeWindows windows;

    /**
     * @param executor runs the AWS reads side by side, outside the caller's transaction: they need none, and a
     *                 transaction shared with other threads cannot commit while they run
     */
    LiveState(Settings settings, ImageRegistries registries, DeploymentTarget target, Deployments deployments,
              Locks locks, ApprovalRequests requests,
              @ManagedExecutorConfig(cleared = ThreadContext.TRANSACTION) ManagedExecutor executor, Clock clock,
              Freezes freezes, FreezeWindows windows) {
        this.freezes = freezes;
        this.windows = windows;
        this.settings = settings;
        this.registries = registries;
        this.target = target;
        this.deployments = deployments;
        this.locks = locks;
        this.requests = requests;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * What the service's environments run and what its repository holds, with the service's locks, freeze,
     * deployments and requests.
     *
     * @throws AwsProblem when ECR or Lambda cannot be read
     */
    public Observed observe(Service service) {
        return finish(start(service, readImages(service)));
    }

    /** The same, over images the caller has already read (the audit reads them all, archived ones too). */
    public Observed observe(Service service, List<RegistryImage> alreadyRead) {
        return finish(start(service, CompletableFuture.completedFuture(alreadyRead)));
    }

    /** A service as read, or why it could not be. */
    public record ServiceObserved(Service service, Optional<Observed> observed, Optional<AwsProblem> problem) {
    }

    /**
     * Several services at once: every read of every service is started before any is awaited, so the time is about
     * that of the slowest service rather than their sum (Lambda's own limit is kept by the adapter). A service AWS
     * will not show is given with its problem; the others are read all the same.
     */
    public List<ServiceObserved> observeEach(List<Service> services) {
        List<Reads> started = services.stream().map(service -> start(service, readImages(service))).toList();
        return started.stream().map(reads -> {
            try {
                return new ServiceObserved(reads.service(), Optional.of(finish(reads)), Optional.empty());
            } catch (AwsProblem problem) {
                return new ServiceObserved(reads.service(), Optional.empty(), Optional.of(problem));
            }
        }).toList();
    }

    /** The AWS reads of one service, under way. */
    private record Reads(Service service, CompletableFuture<List<RegistryImage>> images,
                         Map<String, CompletableFuture<EnvironmentState>> running) {
    }

    private CompletableFuture<List<RegistryImage>> readImages(Service service) {
        ImageRegistry registry = registries.of(service);
        return executor.supplyAsync(LogContext.carried(registry::images));
    }

    private Reads start(Service service, CompletableFuture<List<RegistryImage>> images) {
        Map<String, CompletableFuture<EnvironmentState>> running = new LinkedHashMap<>();
        service.pipeline().environments().forEach(env -> running.put(env.name(),
                executor.supplyAsync(LogContext.carried(() -> target.running(env)))));
        return new Reads(service, images, running);
    }

    /** What the database holds about one service, read while its AWS reads are under way. */
    private record Stored(Map<String, Lock> locks, Map<String, InFlight> inFlight, List<ApprovalRequest> open,
                          Map<ReleaseTag, Digest> usedReleaseTags, Map<String, List<Deployments.Deployment>> recent,
                          Optional<Freeze> freeze) {
    }

    private Observed finish(Reads reads) {
        Service service = reads.service();
        String name = service.name();
        Stored stored;
        try {
            // The database is read while AWS answers, the reads' times overlapping rather than adding up. A
            // deployment that ends meanwhile may show in AWS and still be in flight here: the rules then refuse
            // what they would refuse during it, and the deployment's own start is what keeps one at a time (R10).
            stored = new Stored(locks.all(name), deployments.inFlight(name), requests.open(name),
                    requests.usedReleaseTags(name), deployments.recent(name, service.pipeline().names()),
                    freezes.holding(name).map(Freezes.StoredFreeze::freeze));
        } finally {
            // Every AWS read ends before this thread goes on, failed or not: none outlives the caller's work.
            List<CompletableFuture<?>> all = new ArrayList<>(reads.running().values());
            all.add(reads.images());
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        }
        try {
            Map<String, EnvironmentState> states = new LinkedHashMap<>();
            reads.running().forEach((environment, future) -> states.put(environment, future.join()));
            List<RegistryImage> registryImages = reads.images().join();
            Instant now = clock.instant();
            Snapshot snapshot = new Snapshot(service.pipeline(), service.repository(), states,
                    registryImages.stream().map(RegistryImage::image).toList(), stored.locks(), stored.inFlight(),
                    stored.open(), stored.usedReleaseTags(), Deployments.history(stored.recent()), now,
                    settings.roles(), stored.freeze(), windows.inForce(now));
            Map<String, Deployments.Deployment> latest = new LinkedHashMap<>();
            stored.recent().forEach((environment, newestFirst) -> newestFirst.stream().findFirst()
                    .ifPresent(deployment -> latest.put(environment, deployment)));
            return new Observed(snapshot, registryImages, latest);
        } catch (CompletionException e) {
            if (e.getCause() instanceof AwsProblem problem) {
                throw problem;
            }
            throw e;
        }
    }

    /** The newest images first, by build time in the tag (never by name). */
    public static List<Image> newestFirst(Snapshot snapshot) {
        return snapshot.images().stream().sorted(Image.NEWEST_FIRST).toList();
    }
}
