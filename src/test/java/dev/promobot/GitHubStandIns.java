package dev.promobot;

import dev.promobot.sandbox.GitHubStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The GitHub stand-in, and the configuration that turns promobot's release-tag check on against it.
 *
 * <p>By default the single service's source is {@link GitHubStandIn#REPOSITORY} (promobot.github.repository). Init
 * arguments change that: {@value #SINGLE} "false" leaves the single service without a repository, and
 * {@value #SERVICE} followed by a service's name, with "owner/name" as its value, gives that service a repository
 * of its own (promobot.services.&lt;service&gt;.github.repository), which the stand-in then serves too.
 */
public class GitHubStandIns implements QuarkusTestResourceLifecycleManager {

    public static final String SINGLE = "single";
    public static final String SERVICE = "service.";

    private static GitHubStandIn github;
    private Map<String, String> args = Map.of();

    public static GitHubStandIn github() {
        return github;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        github = GitHubStandIn.start();
        Map<String, String> config = new HashMap<>(Map.of("promobot.github.token", github.token(),
                "promobot.github.api-url", github.apiUrl().toString()));
        if (!"false".equals(args.get(SINGLE))) {
            config.put("promobot.github.repository", github.repository());
        }
        args.forEach((key, repository) -> {
            if (key.startsWith(SERVICE)) {
                github.serve(repository);
                config.put("promobot.services." + key.substring(SERVICE.length()) + ".github.repository", repository);
            }
        });
        return config;
    }

    @Override
    public void stop() {
        if (github != null) {
            github.close();
        }
    }
}
