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

    /**
     * Points every function of the environment at the image, waits until each update has finished, and checks that
     * each function then runs exactly the image's digest. If any function fails, the functions already changed are
     * put back on what they ran before and {@link DeploymentFailed} says what failed and what was restored.
     *
     * @param imageUri the URI to deploy, from {@link ImageRegistry#imageUri(Image)}
     */
    Deployed deploy(Environment environment, Image image, String imageUri);

    /** The outcome of a deployment that reached every function. */
    record Deployed(Environment environment, Image image, List<FunctionImage> functions, Duration took) {
    }
}
