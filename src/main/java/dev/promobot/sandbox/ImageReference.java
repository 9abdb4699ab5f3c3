package dev.promobot.sandbox;

import java.util.Optional;

/**
 * A container image URI as Lambda accepts it: {@code <registry>/<repository>:<tag>} or
 * {@code <registry>/<repository>@sha256:<hex>}. Exactly one of {@code tag} and {@code digest} is set.
 */
record ImageReference(String registry, String repository, String tag, String digest) {

    /** Docker's rule: a reference without tag or digest means the tag {@code latest}. */
    private static final String DEFAULT_TAG = "latest";

    static Optional<ImageReference> parse(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int slash = uri.indexOf('/');
        if (slash <= 0 || slash == uri.length() - 1) {
            return Optional.empty();
        }
        String registry = uri.substring(0, slash);
        String rest = uri.substring(slash + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            return at == 0 ? Optional.empty()
                    : Optional.of(new ImageReference(registry, rest.substring(0, at), null, rest.substring(at + 1)));
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            return colon == 0 || colon == rest.length() - 1 ? Optional.empty()
                    : Optional.of(new ImageReference(registry, rest.substring(0, colon), rest.substring(colon + 1), null));
        }
        return Optional.of(new ImageReference(registry, rest, DEFAULT_TAG, null));
    }
}
