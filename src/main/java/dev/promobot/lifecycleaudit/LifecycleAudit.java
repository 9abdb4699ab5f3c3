package dev.promobot.lifecycleaudit;

import dev.promobot.config.Settings;
import dev.promobot.lifecycle.Evaluation;
import dev.promobot.lifecycle.LifecycleEvaluator;
import dev.promobot.lifecycle.LifecycleImage;
import dev.promobot.lifecycle.LifecyclePolicy;
import dev.promobot.lifecycle.StorageClass;
import dev.promobot.promotion.ImageRegistries;
import dev.promobot.promotion.ImageRegistry;
import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.RegistryImage;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.PastDeployment;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ECR lifecycle audit: reads the repository in one pass (plus its tag mutability and policy), predicts what the
 * policy will expire or archive, and flags the images the team still needs among them: what each environment
 * runs, each environment's rollback target, and the image of any open approval request.
 */
@ApplicationScoped
public class LifecycleAudit {

    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private final ImageRegistries registries;
    private final LiveState live;
    private final Settings settings;
    private final Clock clock;

    LifecycleAudit(ImageRegistries registries, LiveState live, Settings settings, Clock clock) {
        this.registries = registries;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
    }

    /** Audits the repository of one service. */
    public LifecycleAuditReport run(Service service) {
        Instant now = clock.instant();
        ImageRegistry registry = registries.of(service);
        List<RegistryImage> images = registry.allImages();
        Snapshot snapshot = live.observe(service, images).snapshot(); // one pass over the repository, not two
        Optional<String> policyText = registry.lifecyclePolicy();
        String mutability = registry.tagMutability();

        List<String> policyFindings = new ArrayList<>();
        Map<Integer, Long> dueByRule = Map.of();
        List<LifecycleAuditReport.Danger> dangers = new ArrayList<>();
        int expiring = 0;
        int archiving = 0;
        if (policyText.isEmpty()) {
            policyFindings.add("the repository has no lifecycle policy: images pile up and cost grows; add one "
                    + "that keeps the newest sha- images (e.g. imageCountMoreThan 30)");
        } else {
            LifecyclePolicy.ParseResult parsed = LifecyclePolicy.parse(policyText.get());
            policyFindings.addAll(parsed.findings());
            if (parsed.policy().isPresent()) {
                List<LifecycleImage> lifecycleImages = images.stream().map(LifecycleAudit::toLifecycle).toList();
                Evaluation evaluation = LifecycleEvaluator.evaluate(parsed.policy().get(), lifecycleImages, now);
                dueByRule = evaluation.byRule();
                expiring = evaluation.expired().size();
                archiving = evaluation.transitioned().size();
                dangers.addAll(dangers(snapshot, parsed.policy().get(), evaluation, lifecycleImages, now));
            }
        }

        List<String> other = new ArrayList<>();
        if (!"IMMUTABLE".equals(mutability)) {
            other.add("tag mutability is " + mutability + ": a pushed sha- tag could be overwritten; set the "
                    + "repository to IMMUTABLE");
        }
        List<String> odd = images.stream().flatMap(image -> image.image().tags().stream())
                .filter(tag -> ImageTag.parse(tag).value().isEmpty() && ReleaseTag.parse(tag).value().isEmpty())
                .distinct().sorted().toList();
        if (!odd.isEmpty()) {
            other.add("tags that are neither sha- nor release tags: " + String.join(", ", odd.subList(0,
                    Math.min(10, odd.size()))) + (odd.size() > 10 ? " and " + (odd.size() - 10) + " more" : ""));
        }
        long untagged = images.stream().filter(image -> image.image().tags().isEmpty()).count();
        if (untagged > 0) {
            other.add(untagged + " untagged " + (untagged == 1 ? "image" : "images"));
        }
        long bytes = images.stream().mapToLong(RegistryImage::sizeBytes).sum();
        BigDecimal cost = BigDecimal.valueOf(bytes).divide(GIB, 6, RoundingMode.HALF_UP)
                .multiply(settings.pricePerGbMonth()).setScale(2, RoundingMode.HALF_UP);
        return new LifecycleAuditReport(now, registry.repository(), images.size(), policyFindings, dueByRule, expiring,
                archiving, dangers, other, bytes, cost);
    }

    private List<LifecycleAuditReport.Danger> dangers(Snapshot snapshot, LifecyclePolicy policy, Evaluation evaluation,
                                             List<LifecycleImage> images, Instant now) {
        Map<Digest, String> needed = needed(snapshot);
        List<LifecycleAuditReport.Danger> dangers = new ArrayList<>();
        needed.forEach((digest, why) -> evaluation.verdictFor(digest.value()).ifPresent(verdict -> {
            String label = snapshot.imageByDigest(digest).map(Image::label).orElse(digest.shortForm());
            LifecyclePolicy.Rule rule = policy.rules().stream()
                    .filter(r -> r.rulePriority() == verdict.rulePriority()).findFirst().orElseThrow();
            dangers.add(new LifecycleAuditReport.Danger(label, digest.value(), why, verdict.rulePriority(),
                    verdict.action().name().toLowerCase(Locale.ROOT),
                    fix(rule, evaluation.selectedBy(rule.rulePriority()), images, verdict.image(), now)));
        }));
        return dangers;
    }

    /** The images the team needs, each with why: what runs, what each rollback would go back to, what awaits. */
    private Map<Digest, String> needed(Snapshot snapshot) {
        Map<Digest, String> needed = new LinkedHashMap<>();
        for (Environment env : snapshot.pipeline().environments()) {
            Optional<Digest> running = snapshot.state(env.name()).flatMap(EnvironmentState::digest);
            running.ifPresent(digest -> needed.merge(digest, env.name() + " runs it", (a, b) -> a + ", " + b));
            snapshot.history(env.name()).stream().map(PastDeployment::digest)
                    .filter(digest -> running.isEmpty() || !digest.equals(running.get())).findFirst()
                    .ifPresent(digest -> needed.merge(digest, env.name() + " would roll back to it",
                            (a, b) -> a + ", " + b));
        }
        snapshot.openRequests().forEach(request -> needed.merge(request.digest(), "open request #" + request.id()
                + " would deploy it", (a, b) -> a + ", " + b));
        return needed;
    }

    /** The smallest change to the rule that would keep the image. */
    private static String fix(LifecyclePolicy.Rule rule, Set<String> selected, List<LifecycleImage> images,
                              LifecycleImage image, Instant now) {
        int priority = rule.rulePriority();
        return switch (rule.selection().countType()) {
            case IMAGE_COUNT_MORE_THAN -> {
                List<LifecycleImage> newestFirst = images.stream()
                        .filter(candidate -> selected.contains(candidate.digest()))
                        .sorted(Comparator.comparing(LifecycleAudit::effectivePush).reversed()
                                .thenComparing(LifecycleImage::digest))
                        .toList();
                int rank = newestFirst.indexOf(image) + 1;
                yield "raise rule " + priority + "'s countNumber from " + rule.selection().countNumber() + " to at "
                        + "least " + rank + " (it is the " + rank + ordinal(rank) + " newest image the rule selects)";
            }
            case SINCE_IMAGE_PUSHED, SINCE_IMAGE_PULLED, SINCE_IMAGE_TRANSITIONED -> {
                long days = Duration.between(effectivePush(image), now).toDays() + 1;
                yield "raise rule " + priority + "'s countNumber from " + rule.selection().countNumber()
                        + " to at least " + days + " days, or add a rule with a lower rulePriority that selects "
                        + "its tag and keeps it";
            }
        };
    }

    private static Instant effectivePush(LifecycleImage image) {
        return image.lastActivatedAt().filter(at -> at.isAfter(image.pushedAt())).orElse(image.pushedAt());
    }

    private static String ordinal(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    static LifecycleImage toLifecycle(RegistryImage image) {
        return new LifecycleImage(image.image().digest().value(), image.image().tags(),
                image.image().pushedAt().orElse(Instant.EPOCH), image.lastRecordedPullTime(),
                image.lastActivatedAt(), image.lastArchivedAt(),
                "ARCHIVED".equals(image.status()) ? StorageClass.ARCHIVE : StorageClass.STANDARD, image.sizeBytes(),
                image.childDigests());
    }
}
