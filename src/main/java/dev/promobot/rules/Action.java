package dev.promobot.rules;

import java.util.Objects;
import java.util.Optional;

/** What someone asks promobot to do, as the rules see it: already parsed from chat, HTTP or a CLI. */
public sealed interface Action {

    /** Any read-only command: /status, /history, /images, /whoami. */
    record View() implements Action {
    }

    /**
     * Move the image the environment's source runs into the environment.
     *
     * @param tag        an image tag named in the command; it must be the image the source runs
     * @param releaseTag the vMAJOR.MINOR.PATCH the promotion is released under, as typed
     * @param override   an admin's reason to promote through a freeze window in force ({@code --override})
     */
    record Promote(String environment, Optional<String> tag, Optional<String> releaseTag, Optional<String> override)
            implements Action {
        public Promote {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(releaseTag, "releaseTag");
            Objects.requireNonNull(override, "override");
        }

        /** A promotion without an override. */
        public Promote(String environment, Optional<String> tag, Optional<String> releaseTag) {
            this(environment, tag, releaseTag, Optional.empty());
        }
    }

    record Approve(long requestId) implements Action {
    }

    record Reject(long requestId) implements Action {
    }

    /** @param tag an image the environment ran before; empty means the one before the current one */
    record Rollback(String environment, Optional<String> tag) implements Action {
        public Rollback {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(tag, "tag");
        }
    }

    record LockEnv(String environment) implements Action {
        public LockEnv {
            Objects.requireNonNull(environment, "environment");
        }
    }

    /** /freeze: stop every promotion to every environment. */
    record FreezeAll() implements Action {
    }

    /** /unfreeze: one of the two votes that lift the freeze. */
    record Unfreeze() implements Action {
    }

    record UnlockEnv(String environment) implements Action {
        public UnlockEnv {
            Objects.requireNonNull(environment, "environment");
        }
    }
}
