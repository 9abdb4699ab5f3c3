package dev.promobot.rules;

/**
 * What a command lets a person do, and the least role that may do it (R12). This is the one table of who may do
 * what: the rules check it, /help lists commands by it, and the chat asks the rules before it runs a command.
 * Some actions ask more of particular cases (rolling back an environment that needs approval takes an approver;
 * a requester may reject their own request); {@link Rules#decide} knows those.
 */
public enum Permission {
    VIEW(Role.VIEWER, "look"),
    PROMOTE(Role.DEPLOYER, "promote"),
    APPROVE(Role.APPROVER, "approve"),
    REJECT(Role.DEPLOYER, "reject"),
    ROLL_BACK(Role.DEPLOYER, "roll back"),
    LOCK(Role.ADMIN, "lock or unlock environments"),
    /** Stopping the line is cheap on purpose: whoever may deploy may stop every promotion. */
    FREEZE(Role.DEPLOYER, "freeze promotions"),
    /** Lifting it takes two people who may approve (see {@link Freeze#VOTES_TO_LIFT}). */
    UNFREEZE(Role.APPROVER, "lift the freeze"),
    /** An admin may push one promotion through a scheduled freeze window, with a reason. */
    OVERRIDE_WINDOW(Role.ADMIN, "override a freeze window"),
    SETTLE(Role.ADMIN, "settle deployments"),
    RUN_LIFECYCLE_AUDIT(Role.ADMIN, "run the lifecycle audit");

    private final Role leastRole;
    private final String verb;

    Permission(Role leastRole, String verb) {
        this.leastRole = leastRole;
        this.verb = verb;
    }

    public Role leastRole() {
        return leastRole;
    }

    /** "promote", "roll back": for sentences like "only deployers may promote". */
    public String verb() {
        return verb;
    }
}
