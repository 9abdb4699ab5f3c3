package dev.promobot.promotion;

import java.util.Locale;

/** What a deployment was (docs/glossary.md); stored in lower case in deployment.kind. */
public enum DeploymentKind {
    PROMOTION,
    ROLLBACK,
    /** Made outside promobot (CI, the console), noticed by the outside-deployment watch. */
    OUTSIDE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeploymentKind ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
