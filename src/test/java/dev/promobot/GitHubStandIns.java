package dev.promobot;

import dev.promobot.sandbox.GitHubStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The GitHub stand-in, and the configuration that turns promobot's release-tag check on against it. */
public class GitHubStandIns implements QuarkusTestResourceLifecycleManager {

    private static GitHubStandIn github;

    public static GitHubStandIn github() {
        return github;
    }

    @Override
    public Map<String, String> start() {
        github = GitHubStandIn.start();
        return Map.of("promobot.github.repository", github.repository(),
                "promobot.github.token", github.token(),
                "promobot.github.api-url", github.apiUrl().toString());
    }

    @Override
    public void stop() {
        if (github != null) {
            github.close();
        }
    }
}
