package dev.promobot.promotion;

import dev.promobot.rules.ReleaseTag;

import java.util.List;
import java.util.Objects;

/**
 * Asks a service's source repository whether a release tag may name an image (R6): the tag exists, is reachable
 * from main, and points at the image's git sha. Optional: for a service without a repository the check is not
 * made, and the result says so instead of pretending it passed.
 */
public interface ReleaseTagCheck {

    /**
     * Never throws: an unreachable or refusing repository host becomes a problem sentence, so a prod promotion is
     * refused with a reason rather than crashing the command.
     *
     * @param repository the service's source repository, "owner/name"
     * @param gitSha     the 7..40 hex digit git sha carried in the image tag
     */
    Outcome check(String repository, ReleaseTag tag, String gitSha);

    /**
     * What the check found. {@code made} is false when nothing was asked (the {@code note} says why); otherwise
     * {@code problems} lists every reason the tag may not be used, empty when it may.
     */
    record Outcome(boolean made, List<String> problems, String note) {

        public Outcome {
            problems = List.copyOf(problems);
            Objects.requireNonNull(note, "note");
            if (!made && !problems.isEmpty()) {
                throw new IllegalArgumentException("a check that was not made cannot have found problems");
            }
        }

        /** @param why what is missing, e.g. "promobot.github.repository is not set" */
        public static Outcome notMade(String why) {
            return new Outcome(false, List.of(), "release tag not checked against GitHub: " + why);
        }

        public static Outcome passed() {
            return new Outcome(true, List.of(), "release tag checked on GitHub: exists, points at the image's git"
                    + " sha, reachable from main");
        }

        /** The passing result as chat shows it, naming the tag, the commit and the branch it was found on. */
        public static Outcome passed(ReleaseTag tag, String shortCommit, String mainBranch) {
            return new Outcome(true, List.of(), "release tag " + tag + " checked on GitHub: exists, points at "
                    + shortCommit + ", reachable from " + mainBranch);
        }

        public static Outcome failed(List<String> problems) {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a failed check needs at least one problem");
            }
            return new Outcome(true, problems, "");
        }

        /** A check that was not made does not block: the release tag rule then rests on the tag's format alone. */
        public boolean ok() {
            return !made || problems.isEmpty();
        }

        /** One line for chat. */
        public String summary() {
            return problems.isEmpty() ? note : String.join("; ", problems);
        }
    }
}
