package dev.promobot.promotion;

import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.FunctionImage;
import dev.promobot.rules.Image;

import java.time.Duration;
import java.util.List;

/** Where images run: the Lambda functions of each environment. */
public interface DeploymentTarget {

    /** What every function of the environment runs now. */
    EnvironmentState running(Environment environment);

    /** Every function of the environment as Lambda reports it now, with where its last update stands. */
    List<FunctionStatus> inspect(Environment environment);

    /** The longest {@link #deploy} waits for one function's update before it stops waiting. */
    Duration longestWait();

    /**
     * Points every function of the environment at the image by digest, each update fenced by the function's
     * RevisionId, waits until each update has finished, and checks that each function then runs exactly the image's
     * digest. A call whose outcome is unknown (a conflict, a timeout after Lambda may have accepted it) is resolved
     * by reading the function. If any function fails, the functions already changed are put back on the digest they
     * ran before and {@link DeploymentFailed} says what failed and what was restored.
     *
     * @param imageUri the URI to deploy, from {@link ImageRegistry#imageUri(Image)}: the repository and digest
     * @param owner    asked before every change; see {@link OwnerCheck}
     */
    Deployed deploy(Environment environment, Image image, String imageUri, OwnerCheck owner);

    /** The outcome of a deployment that reached every function. */
    record Deployed(Environment environment, Image image, List<FunctionImage> functions, Duration took) {
    }
}
