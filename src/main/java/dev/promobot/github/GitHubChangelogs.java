package dev.promobot.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promobot.promotion.Changelog;
import dev.promobot.promotion.Changelogs;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Changelogs from GitHub's compare API ({@code GET /repos/{owner}/{repo}/compare/{base}...{head}}): its status,
 * {@code total_commits}, the newest commits and {@code html_url}, the comparison's web page.
 *
 * <p>Fails open: whatever goes wrong, the answer is a changelog that says so, and a request opens regardless. The
 * asking ends after {@link #BUDGET}, so a slow GitHub holds a command for seconds, not minutes.
 */
public final class GitHubChangelogs implements Changelogs, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GitHubChangelogs.class);
    private static final Pattern GIT_SHA = Pattern.compile("[0-9a-f]{7,40}");
    /** Commits per page; GitHub allows 100 at most. One page covers nearly every promotion. */
    static final int PER_PAGE = 100;
    /** No further page is asked for after this; a comparison rarely needs more than one. */
    static final Duration BUDGET = Duration.ofSeconds(6);
    /** Long enough for a good subject (git's own advice is 50), short enough to keep ten to a line each. */
    static final int SUBJECT_LENGTH = 72;
    static final int AUTHOR_LENGTH = 40;
    private static final int SHORT_SHA = 7;

    private final String apiBase;
    private final String token;
    private final GitHubApi api;

    /**
     * @param token   a token that can read the repositories' contents, shared by every repository asked about
     * @param timeout how long each GitHub request may take
     * @throws IllegalStateException outside a running Quarkus application, which the REST client needs
     */
    public GitHubChangelogs(URI apiUrl, String token, Duration timeout) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String base = apiUrl.toString();
        this.apiBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token == null ? "" : token.strip();
        this.api = GitHubApi.connect(URI.create(apiBase), timeout);
    }

    @Override
    public Changelog between(String repositoryName, String fromGitSha, String toGitSha) {
        GitHubRepository repository;
        try {
            repository = GitHubRepository.of(repositoryName);
        } catch (IllegalArgumentException malformed) {
            return new Changelog.CannotCompare(malformed.getMessage());
        }
        String from = Objects.requireNonNullElse(fromGitSha, "").toLowerCase(Locale.ROOT);
        String to = Objects.requireNonNullElse(toGitSha, "").toLowerCase(Locale.ROOT);
        if (!GIT_SHA.matcher(from).matches() || !GIT_SHA.matcher(to).matches()) {
            return new Changelog.CannotCompare("a git sha is not 7 to 40 hex digits");
        }
        try {
            return compare(repository, from, to);
        } catch (Unanswered unanswered) {
            LOG.warnf("changelog %s...%s not read from GitHub for %s: %s", shortSha(from), shortSha(to),
                    repository, unanswered.sentence);
            return new Changelog.Unavailable(unanswered.sentence);
        } catch (RuntimeException unreadable) {
            // A body in a shape promobot does not expect; the class alone, since a message may quote the request.
            LOG.warnf("changelog %s...%s not read from GitHub for %s: %s", shortSha(from), shortSha(to),
                    repository, unreadable.getClass().getName());
            return new Changelog.Unavailable("GitHub sent an answer promobot could not read");
        }
    }

    private Changelog compare(GitHubRepository repository, String from, String to) throws Unanswered {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        String basehead = GitHubApi.segment(from) + "..." + GitHubApi.segment(to);
        Page first = page(repository, basehead, 1);
        if (first.notFound().isPresent()) {
            String message = first.notFound().get();
            return new Changelog.CannotCompare("GitHub cannot compare " + shortSha(from) + " with " + shortSha(to)
                    + (message.toLowerCase(Locale.ROOT).contains("no common ancestor")
                    ? ": they share no history" : ": one of them is not a commit of " + repository));
        }
        JsonNode body = first.body();
        String status = body.path("status").asText("");
        String link = webLink(body.path("html_url").asText(""));
        switch (status) {
            case "identical":
                return new Changelog.Identical(shortSha(from), shortSha(to));
            case "behind":
                return new Changelog.GoesBack(shortSha(from), shortSha(to), body.path("behind_by").asInt(), link);
            case "diverged":
                return new Changelog.CannotCompare("the histories of " + shortSha(from) + " and " + shortSha(to)
                        + " diverged: " + shortSha(to) + " has " + count(body.path("ahead_by").asInt()) + " that "
                        + shortSha(from) + " lacks, and lacks " + count(body.path("behind_by").asInt()) + " it has");
            case "ahead":
                break;
            default:
                throw new Unanswered("GitHub compared " + shortSha(from) + " with " + shortSha(to)
                        + " but sent no status promobot knows");
        }
        int total = body.path("total_commits").asInt(body.path("ahead_by").asInt());
        List<JsonNode> commits = commits(body);
        if (commits.size() < total) {
            commits = newestPages(repository, basehead, total, commits, deadline);
        }
        List<Changelog.Commit> newest = new ArrayList<>();
        for (int i = commits.size() - 1; i >= 0 && newest.size() < Math.min(Changelog.MAX_LISTED, total); i--) {
            newest.add(commit(commits.get(i)));
        }
        return new Changelog.Listed(shortSha(from), shortSha(to), total, newest, link);
    }

    /** The commits of the last page, and of the one before when the last holds fewer than are listed. */
    private List<JsonNode> newestPages(GitHubRepository repository, String basehead, int total,
                                       List<JsonNode> firstPage, long deadline) throws Unanswered {
        int last = (total + PER_PAGE - 1) / PER_PAGE;
        List<JsonNode> newest = new ArrayList<>();
        for (int page = last; page >= 1 && newest.size() < Changelog.MAX_LISTED; page--) {
            List<JsonNode> commits;
            if (page == 1) {
                commits = firstPage;
            } else {
                if (System.nanoTime() - deadline > 0) {
                    throw new Unanswered("GitHub did not answer in time");
                }
                Page answer = page(repository, basehead, page);
                if (answer.notFound().isPresent()) {
                    throw new Unanswered("GitHub lost the comparison between two of its pages");
                }
                commits = commits(answer.body());
            }
            newest.addAll(0, commits);
        }
        return newest;
    }

    private record Page(JsonNode body, Optional<String> notFound) {
    }

    private Page page(GitHubRepository repository, String basehead, int page) throws Unanswered {
        Response response;
        try {
            response = api.compareCommits(repository.owner(), repository.name(), basehead, PER_PAGE, page,
                    token.isEmpty() ? null : "Bearer " + token);
        } catch (RuntimeException failed) {
            throw new Unanswered(GitHubFailures.unanswered(failed));
        }
        try (response) {
            int status = response.getStatus();
            // 404 for a sha GitHub does not know or histories without a common ancestor; 422 for a malformed one.
            if (status == 404 || status == 422) {
                return new Page(null, Optional.of(message(response)));
            }
            if (status != 200) {
                throw new Unanswered(GitHubFailures.refusal(response, repository.fullName()));
            }
            JsonNode body = response.readEntity(JsonNode.class);
            if (body == null || !body.isObject()) {
                throw new Unanswered("GitHub sent an answer promobot could not read");
            }
            return new Page(body, Optional.empty());
        }
    }

    private static String message(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body == null ? "" : body.path("message").asText("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static List<JsonNode> commits(JsonNode body) {
        List<JsonNode> commits = new ArrayList<>();
        body.path("commits").forEach(commits::add);
        return commits;
    }

    private static Changelog.Commit commit(JsonNode commit) {
        String message = commit.path("commit").path("message").asText("");
        String subject = message.lines().map(String::strip).findFirst().orElse("");
        String author = commit.path("commit").path("author").path("name").asText("").strip();
        if (author.isEmpty()) {
            author = commit.path("author").path("login").asText("").strip();
        }
        return new Changelog.Commit(shortSha(commit.path("sha").asText("")),
                cut(subject.isEmpty() ? "(no message)" : subject, SUBJECT_LENGTH),
                cut(author.isEmpty() ? "unknown" : author, AUTHOR_LENGTH));
    }

    /**
     * At most {@code length} characters of whole code points, an ellipsis marking the cut, made between words when
     * one ends in the second half.
     */
    static String cut(String text, int length) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (clean.codePointCount(0, clean.length()) <= length) {
            return clean;
        }
        String kept = clean.substring(0, clean.offsetByCodePoints(0, length - 1));
        int space = kept.lastIndexOf(' ');
        return (space > kept.length() / 2 ? kept.substring(0, space) : kept).stripTrailing() + "…";
    }

    /** GitHub's web link, when it is one: anything else would become a link in the chat. */
    private static String webLink(String url) {
        return url.startsWith("https://") || url.startsWith("http://") ? url : "";
    }

    private static String count(int commits) {
        return commits == 1 ? "1 commit" : commits + " commits";
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(SHORT_SHA, sha.length()));
    }


    /** Frees the REST client's connections. */
    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "GitHubChangelogs[" + apiBase + "]";
    }

    /** GitHub gave no usable answer; the sentence says what happened and never carries the token. */
    private static final class Unanswered extends Exception {
        private final String sentence;

        Unanswered(String sentence) {
            super(sentence, null, false, false);
            this.sentence = sentence;
        }
    }
}
