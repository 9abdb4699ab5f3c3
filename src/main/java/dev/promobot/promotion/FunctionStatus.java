package dev.promobot.promotion;

import dev.promobot.rules.Digest;
import dev.promobot.rules.FunctionImage;

import java.util.Optional;

/** One function as Lambda reports it now: the image it runs, and where its last update stands. */
public record FunctionStatus(FunctionImage image, Update update) {

    /** Lambda's LastUpdateStatus. A function still being updated runs its previous image until the update ends. */
    public enum Update { SUCCESSFUL, IN_PROGRESS, FAILED }

    public String function() {
        return image.function();
    }

    public Optional<Digest> digest() {
        return image.resolvedDigest();
    }

    public boolean updating() {
        return update == Update.IN_PROGRESS;
    }
}
