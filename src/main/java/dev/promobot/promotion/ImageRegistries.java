package dev.promobot.promotion;

import dev.promobot.rules.Service;

/** The ECR repository of each service. */
public interface ImageRegistries {

    /** The registry of the service's images. */
    ImageRegistry of(Service service);
}
