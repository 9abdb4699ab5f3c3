package dev.promobot.rules;

/** What a person may do; each role includes every role below it. */
public enum Role {
    VIEWER, DEPLOYER, APPROVER, ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** "viewer", "deployer", ... as people write it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "viewers", "deployers", ... for sentences like "only approvers may approve prod". */
    public String plural() {
        return label() + "s";
    }
}
