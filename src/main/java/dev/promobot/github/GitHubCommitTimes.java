package dev.promobot.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promobot.promotion.CommitTimes;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Commit times from GitHub's commits API ({@code GET /repos/{owner}/{repo}/commits/{ref}}, field
 * {@code commit.committer.date}), for lead time for changes. A commit's time never changes, so each one answered is
 * remembered, by repository and sha, and asked once.
 *
 * <p>Fails open: a commit GitHub does not answer for is left out, and its lead time starts at the image's build
 * time. The first request that fails for another reason than an unknown commit (GitHub down, slow, refusing the
 * token) ends the asking for that call, so a GitHub outage costs one timeout, not one per commit.
 */
public final class GitHubCommitTimes implements CommitTimes, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GitHubCommitTimes.class);
    private static final Pattern GIT_SHA = Pattern.compile("[0-9a-f]{7,40}");
    /** Commits asked in one call at most; beyond them lead times start at the build time, and the next call asks. */
    static final int MAX_ASKED = 60;
    private static final int MAX_REMEMBERED = 5_000;
    /** All asking in one call ends after this, so a slow GitHub cannot hold a command for MAX_ASKED timeouts. */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private final String apiBase;
    private final String token;
    private final GitHubApi api;
    /** By repository too: a commit one repository has, another may lack, or a short sha may name another there. */
    private final Map<Remembered, Instant> remembered = new ConcurrentHashMap<>();

    private record Remembered(String repository, String sha) {
    }

    /**
     * @param token   a token that can read the repositories' contents, shared by every repository asked about
     * @param timeout how long each GitHub request may take
     * @throws IllegalStateException outside a running Quarkus application, which the REST client needs
     */
    public GitHubCommitTimes(URI apiUrl, String token, Duration timeout) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String base = apiUrl.toString();
        this.apiBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token == null ? "" : token.strip();
        this.api = GitHubApi.connect(URI.create(apiBase), timeout);
    }

    @Override
    public boolean asks() {
        return true;
    }

    @Override
    public Map<String, Instant> of(String repositoryName, Set<String> gitShas) {
        GitHubRepository repository;
        try {
            repository = GitHubRepository.of(repositoryName);
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("commit times not read from GitHub: %s", malformed.getMessage());
            return Map.of();
        }
        Map<String, Instant> times = new LinkedHashMap<>();
        int asked = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        for (String sha : gitShas) {
            Instant known = remembered.get(new Remembered(repository.fullName(), sha));
            if (known != null) {
                times.put(sha, known);
                continue;
            }
            if (!GIT_SHA.matcher(sha).matches() || asked == MAX_ASKED || System.nanoTime() - deadline > 0) {
                continue;
            }
            asked++;
            Optional<Optional<Instant>> answer = ask(repository, sha);
            if (answer.isEmpty()) {
                break;
            }
            answer.get().ifPresent(time -> {
                times.put(sha, time);
                remember(new Remembered(repository.fullName(), sha), time);
            });
        }
        return times;
    }

    /** The commit's time, empty inside when GitHub has no such commit; empty outside when GitHub failed. */
    private Optional<Optional<Instant>> ask(GitHubRepository repository, String sha) {
        Response response;
        try {
            response = api.commit(repository.owner(), repository.name(), GitHubApi.segment(sha),
                    token.isEmpty() ? null : "Bearer " + token);
        } catch (RuntimeException failed) {
            LOG.warnf("commit times not read from GitHub for %s: %s", repository, failed.getClass().getName());
            return Optional.empty();
        }
        try (response) {
            int status = response.getStatus();
            if (status == 404 || status == 422) { // 422: "No commit found for SHA"
                return Optional.of(Optional.empty());
            }
            if (status != 200) {
                LOG.warnf("commit times not read from GitHub for %s: it answered %d", repository, status);
                return Optional.empty();
            }
            return Optional.of(committed(response, sha));
        }
    }

    private Optional<Instant> committed(Response response, String sha) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            String date = body == null ? "" : body.path("commit").path("committer").path("date").asText("");
            return Optional.of(OffsetDateTime.parse(date).toInstant());
        } catch (RuntimeException unreadable) {
            // DateTimeException for a missing or odd date; anything else the client reports a bad body with.
            LOG.debugf("GitHub's answer for commit %s carried no readable committer date (%s)", sha,
                    unreadable instanceof DateTimeException ? "date" : unreadable.getClass().getName());
            return Optional.empty();
        }
    }

    private void remember(Remembered commit, Instant time) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear(); // rare enough that asking again is cheaper than bookkeeping
        }
        remembered.put(commit, time);
    }


    /** Frees the REST client's connections. */
    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "GitHubCommitTimes[" + apiBase + "]";
    }
}
