package dev.promobot.promotion;

import java.util.List;

/** The rules allowed the request, but the release tag check on GitHub did not (R6); nothing was opened. */
public record RequestNotOpened(String environment, List<String> problems) implements DeployResult {

    public RequestNotOpened {
        problems = List.copyOf(problems);
    }
}
