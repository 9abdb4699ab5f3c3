package dev.promobot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.promobot.promotion.ReleaseTagCheck;
import dev.promobot.rules.ReleaseTag;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a release tag against a GitHub repository through its REST API: the tag's ref, the annotated tag object
 * when there is one, and a comparison with the main branch. The calls go through {@link GitHubApi}, a Quarkus REST
 * client built here for the configured API URL and timeout, and shared by every repository asked about.
 *
 * <p>Fails closed: when GitHub cannot answer, the result carries a problem, so a prod promotion waits rather than
 * going out under an unverified release tag.
 */
public final class GitHubReleaseTagCheck implements ReleaseTagCheck, AutoCloseable {

    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final String DEFAULT_MAIN_BRANCH = "main";

    private static final Logger LOG = Logger.getLogger(GitHubReleaseTagCheck.class);
    private static final Pattern GIT_SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    // 64 covers repositories that use SHA-256 object names.
    private static final Pattern OBJECT_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    // Git allows tags of tags; a bound keeps a strange repository from sending us round in circles.
    private static final int MAX_TAG_DEPTH = 5;
    private static final int SHORT_SHA = 7;
    private static final String UNREADABLE = "GitHub sent an answer promobot could not read";

    private final String apiBase;
    private final String token;
    private final String mainBranch;
    private final GitHubApi api;

    /**
     * @param token   a token that can read the repositories' contents; blank asks anonymously, which only works
     *                for public repositories and a low rate limit
     * @param timeout how long each GitHub request may take
     * @throws IllegalStateException outside a running Quarkus application, which the REST client needs
     */
    public GitHubReleaseTagCheck(URI apiUrl, String token, String mainBranch, Duration timeout) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (!"https".equals(apiUrl.getScheme()) && !"http".equals(apiUrl.getScheme())) {
            throw new IllegalArgumentException("the GitHub API URL must be http or https: " + apiUrl);
        }
        if (mainBranch == null || mainBranch.isBlank()) {
            throw new IllegalArgumentException("the main branch name cannot be blank");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the GitHub timeout must be positive: " + timeout);
        }
        String base = apiUrl.toString();
        this.apiBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token == null ? "" : token.strip();
        this.mainBranch = mainBranch;
        this.api = GitHubApi.connect(URI.create(apiBase), timeout);
    }

    public GitHubReleaseTagCheck(String token, Duration timeout) {
        this(DEFAULT_API_URL, token, DEFAULT_MAIN_BRANCH, timeout);
    }

    @Override
    public Outcome check(String repositoryName, ReleaseTag tag, String gitSha) {
        Objects.requireNonNull(tag, "tag");
        GitHubRepository repository;
        try {
            repository = GitHubRepository.of(repositoryName);
        } catch (IllegalArgumentException malformed) {
            return failed(List.of("release tag " + tag + " cannot be checked: " + malformed.getMessage()));
        }
        if (gitSha == null || !GIT_SHA.matcher(gitSha).matches()) {
            return failed(List.of("the image's git sha is not 7 to 40 hex digits, so release tag " + tag
                    + " cannot be checked against it"));
        }
        String imageSha = gitSha.toLowerCase(Locale.ROOT);
        try {
            return checkOnGitHub(repository, tag, imageSha);
        } catch (Unanswered unanswered) {
            LOG.warnf("release tag %s not checked on GitHub for %s: %s", tag, repository, unanswered.sentence);
            return failed(List.of("could not check release tag " + tag + ": " + unanswered.sentence));
        }
    }

    private Outcome checkOnGitHub(GitHubRepository repository, ReleaseTag tag, String imageSha) throws Unanswered {
        String owner = repository.owner();
        String name = repository.name();
        String tagName = GitHubApi.segment(tag.toString());
        Optional<JsonNode> ref = get(repository, authorization -> api.tagRef(owner, name, tagName, authorization));
        if (ref.isEmpty()) {
            return failed(List.of("release tag " + tag + " does not exist in " + repository));
        }
        JsonNode target = ref.get().path("object");
        for (int depth = 0; "tag".equals(target.path("type").asText()); depth++) {
            String tagObject = sha(target);
            if (depth == MAX_TAG_DEPTH) {
                return failed(List.of("release tag " + tag + " is a chain of more than " + MAX_TAG_DEPTH
                        + " tags; promobot does not follow it to a commit"));
            }
            Optional<JsonNode> peeled = get(repository, authorization -> api.tagObject(owner, name,
                    GitHubApi.segment(tagObject), authorization));
            if (peeled.isEmpty()) {
                throw new Unanswered("GitHub has no tag object " + shortSha(tagObject) + " although the tag's"
                        + " ref names it");
            }
            target = peeled.get().path("object");
        }
        String type = target.path("type").asText("");
        if (type.equals("tree") || type.equals("blob")) {
            return failed(List.of("release tag " + tag + " points at a " + type + ", not at a commit"));
        }
        if (!type.equals("commit")) {
            throw new Unanswered(UNREADABLE);
        }
        String commit = sha(target);

        List<String> problems = new ArrayList<>();
        if (!commit.startsWith(imageSha)) {
            problems.add("release tag " + tag + " points at " + shortSha(commit) + ", not at the image's git sha "
                    + imageSha);
        }
        // Reachability is checked even after a mismatch, so the refusal lists every reason at once.
        if (!reachableFromMain(repository, commit)) {
            problems.add("release tag " + tag + " (commit " + shortSha(commit) + ") is not reachable from "
                    + mainBranch);
        }
        return problems.isEmpty() ? Outcome.passed(tag, shortSha(commit), mainBranch) : failed(problems);
    }

    private boolean reachableFromMain(GitHubRepository repository, String commit) throws Unanswered {
        String basehead = branchPath(mainBranch) + "..." + GitHubApi.segment(commit);
        // GitHubApi asks for one commit per page: only the status is needed, not the commits between the two.
        Optional<JsonNode> comparison = get(repository, authorization -> api.compare(repository.owner(),
                repository.name(), basehead, authorization));
        if (comparison.isEmpty()) {
            throw new Unanswered("GitHub could not compare commit " + shortSha(commit) + " with branch "
                    + mainBranch + " (404)");
        }
        String status = comparison.get().path("status").asText("");
        switch (status) {
            case "identical":
            case "behind":
                return true;
            case "ahead":
            case "diverged":
                return false;
            default:
                throw new Unanswered("GitHub compared commit " + shortSha(commit) + " with branch " + mainBranch
                        + " but sent no status promobot knows");
        }
    }

    /** One GitHubApi call, given the Authorization header's value, or null to ask anonymously. */
    @FunctionalInterface
    private interface Call {
        Response send(String authorization);
    }

    /** The JSON body of a 200 answer, or empty for 404; every other outcome is a sentence in {@link Unanswered}. */
    private Optional<JsonNode> get(GitHubRepository repository, Call call) throws Unanswered {
        Response response;
        try {
            response = call.send(token.isEmpty() ? null : "Bearer " + token);
        } catch (RuntimeException failed) {
            // ProcessingException when no answer came; anything else the client throws fails closed the same way.
            throw new Unanswered(GitHubFailures.unanswered(failed));
        }
        try (response) {
            int status = response.getStatus();
            if (status == 200) {
                return Optional.of(read(response));
            }
            if (status == 404) {
                return Optional.empty();
            }
            throw new Unanswered(GitHubFailures.refusal(response, repository.fullName()));
        }
    }

    private static JsonNode read(Response response) throws Unanswered {
        // An empty body reads as nothing at all, which the callers then find has no object, type or status.
        if (!response.hasEntity() || response.getLength() == 0) {
            return MissingNode.getInstance();
        }
        JsonNode body;
        try {
            body = response.readEntity(JsonNode.class);
        } catch (RuntimeException unreadable) {
            // A body that is not JSON, or not sent as JSON, whichever exception the client reports it with.
            throw new Unanswered(UNREADABLE);
        }
        return body == null ? MissingNode.getInstance() : body;
    }

    private Outcome failed(List<String> problems) {
        // Belt and braces: no sentence built here should ever carry the token, whatever GitHub sends back.
        if (token.isEmpty()) {
            return Outcome.failed(problems);
        }
        return Outcome.failed(problems.stream().map(p -> p.replace(token, "[token]")).collect(Collectors.toList()));
    }

    private static String sha(JsonNode object) throws Unanswered {
        String sha = object.path("sha").asText("");
        if (!OBJECT_SHA.matcher(sha).matches()) {
            throw new Unanswered(UNREADABLE);
        }
        return sha;
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(SHORT_SHA, sha.length()));
    }

    /** A branch name may contain slashes, which stay path separators; everything else is encoded. */
    private static String branchPath(String branch) {
        return Arrays.stream(branch.split("/", -1)).map(GitHubApi::segment)
                .collect(Collectors.joining("/"));
    }


    /** Frees the REST client's connections; the check cannot be used afterwards. */
    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "GitHubReleaseTagCheck[" + apiBase + ", main branch " + mainBranch + "]";
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
