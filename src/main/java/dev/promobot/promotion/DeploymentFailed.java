package dev.promobot.promotion;

import java.util.List;

/**
 * A deployment that did not reach every function of its environment. Says which function failed and why, which
 * functions were put back on their previous image, and which could not be put back (they need a person).
 */
public class DeploymentFailed extends AwsProblem {

    private final String failedFunction;
    private final List<String> restored;
    private final List<String> notRestored;

    public DeploymentFailed(String failedFunction, String reason, List<String> restored, List<String> notRestored,
                            Throwable cause) {
        super(Kind.FAILED, sentence(failedFunction, reason, restored, notRestored), cause);
        this.failedFunction = failedFunction;
        this.restored = List.copyOf(restored);
        this.notRestored = List.copyOf(notRestored);
    }

    private static String sentence(String failedFunction, String reason, List<String> restored,
                                   List<String> notRestored) {
        StringBuilder sentence = new StringBuilder("updating ").append(failedFunction).append(" failed: ")
                .append(reason);
        if (!restored.isEmpty()) {
            sentence.append("; put back ").append(String.join(", ", restored)).append(" on the previous image");
        }
        if (!notRestored.isEmpty()) {
            sentence.append("; could NOT put back ").append(String.join(", ", notRestored))
                    .append(", check them by hand");
        }
        return sentence.toString();
    }

    public String failedFunction() {
        return failedFunction;
    }

    public List<String> restored() {
        return restored;
    }

    public List<String> notRestored() {
        return notRestored;
    }
}
