package dev.promobot.promotion;

import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.rules.Digest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a deployment stands by what Lambda reports of each of its functions: the one judgement every settling makes
 * (the sweeper taking over a dead replica's deployment, start-up, /settle, and an owner whose call to Lambda ended
 * without a clear answer). Pure: it reads nothing and writes nothing.
 */
final class Settling {

    /** What to record; {@link DeploymentStatus#IN_PROGRESS} means keep waiting. */
    record Verdict(DeploymentStatus status, String sentence, List<FunctionStatus> outside) {
        boolean settled() {
            return status != DeploymentStatus.IN_PROGRESS;
        }
    }

    private Settling() {
    }

    /**
     * @param waited how long the deployment has been in progress
     * @param limit  how long it may stay in progress while Lambda still updates: the longest wait plus one lease
     */
    static Verdict judge(Deployment deployment, List<FunctionStatus> functions, Duration waited, Duration limit) {
        String env = deployment.environment();
        String tag = deployment.tag().orElse(deployment.digest().shortForm());
        Optional<Digest> previous = deployment.previousDigest().flatMap(d -> Digest.parse(d).value());
        List<FunctionStatus> updating = functions.stream().filter(FunctionStatus::updating).toList();
        if (!updating.isEmpty()) {
            String names = names(updating);
            if (waited.compareTo(limit) <= 0) {
                return new Verdict(DeploymentStatus.IN_PROGRESS, "Lambda is still updating " + names, List.of());
            }
            return new Verdict(DeploymentStatus.FAILED, "Lambda was still updating " + names + " after "
                    + waited.toMinutes() + " minutes, so promobot stopped waiting on the deployment of " + tag
                    + " to " + env + "; check " + env + " by hand", List.of());
        }
        List<FunctionStatus> outside = functions.stream()
                .filter(f -> previous.isPresent() && !f.digest().equals(previous))
                .filter(f -> !f.digest().equals(Optional.of(deployment.digest()))).toList();
        if (!outside.isEmpty()) {
            return new Verdict(DeploymentStatus.OVERTAKEN, "while promobot deployed " + tag + " to " + env + ", "
                    + env + " was changed outside promobot: " + images(outside, deployment)
                    + "; promobot recorded that and changed nothing", outside);
        }
        long onNew = functions.stream().filter(f -> onNewImage(f, deployment)).count();
        if (onNew == functions.size()) {
            return new Verdict(DeploymentStatus.SUCCEEDED, "the deployment of " + tag + " to " + env + " finished; "
                    + env + " runs it", List.of());
        }
        if (onNew == 0) {
            return new Verdict(DeploymentStatus.FAILED, "the deployment of " + tag + " to " + env
                    + " did not change anything; " + env + " still runs " + deployment.previousTag()
                    .or(() -> previous.map(Digest::shortForm)).orElse("its previous image"), List.of());
        }
        return new Verdict(DeploymentStatus.SPLIT, "the deployment of " + tag + " to " + env + " was left split: "
                + images(functions, deployment) + "; promote or roll back " + env + " to make them agree", List.of());
    }

    /** On the new digest, and not by an update Lambda reports as failed (which leaves the previous code running). */
    private static boolean onNewImage(FunctionStatus function, Deployment deployment) {
        return function.digest().equals(Optional.of(deployment.digest()))
                && function.update() != FunctionStatus.Update.FAILED;
    }

    private static String names(List<FunctionStatus> functions) {
        return functions.stream().map(FunctionStatus::function).collect(Collectors.joining(", "));
    }

    /** "api-a runs sha-1a2b3c4-20251127, api-b runs sha256:9f8e7d6c5b4a". */
    private static String images(List<FunctionStatus> functions, Deployment deployment) {
        return functions.stream().map(f -> f.function() + " runs " + label(f, deployment))
                .collect(Collectors.joining(", "));
    }

    private static String label(FunctionStatus function, Deployment deployment) {
        Optional<Digest> digest = function.digest();
        if (digest.equals(Optional.of(deployment.digest()))) {
            return deployment.tag().orElse(deployment.digest().shortForm());
        }
        if (digest.isPresent() && deployment.previousDigest().equals(Optional.of(digest.get().value()))) {
            return deployment.previousTag().orElse(digest.get().shortForm());
        }
        Optional<String> tag = function.image().imageUri().filter(uri -> !uri.contains("@"))
                .map(uri -> uri.substring(uri.lastIndexOf(':') + 1));
        return tag.orElse(digest.map(Digest::shortForm).orElse("an unknown image"));
    }
}
