package dev.promobot.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test images named by a short name (the digest is "sha256:" + name), aged relative to {@link #NOW}. */
final class Images {

    /** The reference's test vectors run at this instant. */
    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private Images() {
    }

    static String digest(String name) {
        return "sha256:" + name;
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    static LifecycleImage image(String name, Duration pushedAgo, String... tags) {
        return new LifecycleImage(digest(name), List.of(tags), NOW.minus(pushedAgo), Optional.empty(),
                Optional.empty(), Optional.empty(), StorageClass.STANDARD, 1_000_000L, List.of());
    }

    static LifecycleImage pulled(LifecycleImage image, Duration ago) {
        return new LifecycleImage(image.digest(), image.tags(), image.pushedAt(), Optional.of(NOW.minus(ago)),
                image.lastActivatedAt(), image.lastArchivedAt(), image.storageClass(), image.sizeBytes(),
                image.childDigests());
    }

    static LifecycleImage restored(LifecycleImage image, Duration ago) {
        return new LifecycleImage(image.digest(), image.tags(), image.pushedAt(), image.lastRecordedPullTime(),
                Optional.of(NOW.minus(ago)), image.lastArchivedAt(), StorageClass.STANDARD, image.sizeBytes(),
                image.childDigests());
    }

    static LifecycleImage archived(LifecycleImage image, Duration ago) {
        return new LifecycleImage(image.digest(), image.tags(), image.pushedAt(), image.lastRecordedPullTime(),
                image.lastActivatedAt(), Optional.of(NOW.minus(ago)), StorageClass.ARCHIVE, image.sizeBytes(),
                image.childDigests());
    }

    static LifecycleImage referencing(LifecycleImage list, String... childNames) {
        return new LifecycleImage(list.digest(), list.tags(), list.pushedAt(), list.lastRecordedPullTime(),
                list.lastActivatedAt(), list.lastArchivedAt(), list.storageClass(), list.sizeBytes(),
                List.of(childNames).stream().map(Images::digest).toList());
    }
}
