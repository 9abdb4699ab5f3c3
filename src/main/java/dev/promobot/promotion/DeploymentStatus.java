package dev.promobot.promotion;

import java.util.Locale;

/** Where a deployment stands; stored in lower case in deployment.status. */
public enum DeploymentStatus {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    /** Interrupted half-way by a crash, and put back on the image it replaced. */
    RESTORED,
    /** A change outside promobot put a third image on a function meanwhile; recorded, never overwritten. */
    OVERTAKEN,
    /** Left with some functions on the new image and some on the old one. */
    SPLIT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeploymentStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
