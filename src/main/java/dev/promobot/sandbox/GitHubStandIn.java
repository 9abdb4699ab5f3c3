package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A local stand-in for the GitHub REST endpoints promobot uses: get a tag's ref, get an annotated tag object and
 * compare a commit with main (the release tag check), get a commit (its time, where lead time starts), and compare
 * two commits with the commits between them (a changelog). It serves {@link #REPOSITORY}, whose history is a main
 * branch plus side branches forked from it, built up with {@link #commit} and the tag methods, and any further
 * repository {@link #serve} adds, each with a history of its own built the same way.
 *
 * <p>Answers are shaped like GitHub's, errors included, so the real adapter is exercised over real HTTP. A
 * comparison lists at most {@value #MAX_COMPARED_COMMITS} commits, oldest first, unless pages are asked for
 * ({@code per_page}, at most 100, and {@code page}); {@code total_commits} counts them all.
 */
public final class GitHubStandIn implements AutoCloseable {

    public static final String REPOSITORY = "promobot-sandbox/service";
    public static final String MAIN_BRANCH = "main";
    /** When a commit added without a time of its own was committed. */
    public static final Instant DEFAULT_COMMIT_TIME = Instant.parse("2025-11-27T14:00:00Z");

    private static final String API_VERSION = "2022-11-28";
    private static final String DOCS = "https://docs.github.com/rest";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern RELEASE_TAG = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+");
    /** What a comparison lists without pagination; total_commits still counts every commit. */
    static final int MAX_COMPARED_COMMITS = 250;
    private static final int DEFAULT_PER_PAGE = 30;
    private static final int MAX_PER_PAGE = 100;
    // A stalled request gives up on its own eventually, so a forgotten stall cannot hang a build.
    private static final long STALL_LIMIT_SECONDS = 30;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI apiUrl;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger requests = new AtomicInteger();

    private final Object lock = new Object();
    /** Every repository served, by its name in lower case: GitHub's owner and repository names ignore case. */
    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private final Repository first;
    private final Deque<Failure> failures = new ArrayDeque<>();
    private CountDownLatch stall;
    private Optional<String> stallNext = Optional.empty();

    /**
     * A commit as the stand-in serves it.
     *
     * @param sha         40 lowercase hex digits
     * @param message     the whole commit message; its first line is the subject
     * @param authorName  {@code commit.author.name}
     * @param authorLogin the GitHub account the author's email belongs to ({@code author.login}); "" for none, and
     *                    then {@code author} is null, as GitHub sends it for an email no account has
     */
    public record Commit(String sha, String message, String authorName, String authorLogin, Instant committedAt) {
        public Commit {
            requireSha(sha);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(authorName, "authorName");
            Objects.requireNonNull(authorLogin, "authorLogin");
            Objects.requireNonNull(committedAt, "committedAt");
        }
    }

    private record Stored(Commit commit, Optional<String> parent) {
    }

    /** A failure for the next request whose path (after /repos/owner/name/) starts with {@code pathPrefix}. */
    private record Failure(int status, String pathPrefix) {
    }

    private record Ref(String sha, String type) {
    }

    private GitHubStandIn(HttpServer server, ExecutorService executor, String token) {
        this.server = server;
        this.token = token;
        this.executor = executor;
        this.apiUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.first = serve(REPOSITORY);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** On a free loopback port, accepting a token of its own making. */
    public static GitHubStandIn start() {
        return start(0, "standin-" + UUID.randomUUID());
    }

    /** On {@code port} of 127.0.0.1 (0 for a free one), accepting only {@code token}. */
    public static GitHubStandIn start(int port, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the GitHub stand-in needs a token to accept");
        }
        // Without it the JDK server delays small responses, which makes every test call slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = LoopbackHttp.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "github-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            return new GitHubStandIn(server, executor, token);
        } catch (IOException e) {
            throw new UncheckedIOException("the GitHub stand-in could not listen on 127.0.0.1", e);
        }
    }

    public URI apiUrl() {
        return apiUrl;
    }

    /** The only bearer token the stand-in accepts. */
    public String token() {
        return token;
    }

    public String repository() {
        return REPOSITORY;
    }

    /**
     * Serves {@code fullName} ("owner/name") too, with an empty history at first; the same repository when it is
     * served already. Its history is built with the returned repository's methods, like {@link #REPOSITORY}'s with
     * this stand-in's.
     */
    public Repository serve(String fullName) {
        if (fullName == null || !fullName.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a repository is named owner/name: " + fullName);
        }
        synchronized (lock) {
            return repositories.computeIfAbsent(fullName.toLowerCase(Locale.ROOT), key -> new Repository(fullName));
        }
    }

    /** Adds a commit to {@link #REPOSITORY} on top of main, or on a side branch forked from main's current head. */
    public void commit(String sha, boolean onMain) {
        first.commit(sha, onMain);
    }

    /** Adds a commit to {@link #REPOSITORY} committed at {@code committedAt}; see {@link Repository#commit}. */
    public void commit(String sha, boolean onMain, Instant committedAt) {
        first.commit(sha, onMain, committedAt);
    }

    /** Adds a commit to {@link #REPOSITORY}; see {@link Repository#commit(Commit, boolean)}. */
    public void commit(Commit commit, boolean onMain) {
        first.commit(commit, onMain);
    }

    /** Tags releases of {@link #REPOSITORY} as they are asked for; see {@link Repository#tagReleasesAt}. */
    public void tagReleasesAt(Supplier<Optional<String>> commit) {
        first.tagReleasesAt(commit);
    }

    public void lightweightTag(String tag, String commitSha) {
        first.lightweightTag(tag, commitSha);
    }

    public void annotatedTag(String tag, String tagObjectSha, String commitSha) {
        first.annotatedTag(tag, tagObjectSha, commitSha);
    }

    /** The next request is answered with this status and GitHub's error shape, before any other check. */
    public void failNext(int status) {
        failNext(status, "");
    }

    /**
     * The next request whose path, after {@code /repos/owner/name/}, starts with {@code pathPrefix} (for example
     * {@code "compare/1a2b3c4"}) is answered with this status and GitHub's error shape; others are served.
     */
    public void failNext(int status, String pathPrefix) {
        synchronized (lock) {
            failures.add(new Failure(status, Objects.requireNonNull(pathPrefix, "pathPrefix")));
        }
    }

    /** The next request gets no answer until {@link #reset()} or {@link #close()}, to exercise client timeouts. */
    public void stallNext() {
        stallNext("");
    }

    /** Like {@link #stallNext()}, for the next request whose path starts with {@code pathPrefix}. */
    public void stallNext(String pathPrefix) {
        synchronized (lock) {
            stallNext = Optional.of(Objects.requireNonNull(pathPrefix, "pathPrefix"));
        }
    }

    public int requestCount() {
        return requests.get();
    }

    /**
     * Forgets all commits, tags, pending failures and the request count; the address, the token and the repositories
     * served stay, each with an empty history.
     */
    public void reset() {
        synchronized (lock) {
            repositories.values().forEach(Repository::forget);
            failures.clear();
            stallNext = Optional.empty();
            releaseStall();
        }
        requests.set(0);
    }

    @Override
    public void close() {
        synchronized (lock) {
            releaseStall();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream ignored = exchange.getRequestBody()) {
            requests.incrementAndGet();
            String rest = repositoryPath(exchange.getRequestURI().getPath());
            Optional<Integer> failure;
            CountDownLatch wait = null;
            synchronized (lock) {
                failure = failures.stream().filter(f -> rest.startsWith(f.pathPrefix())).findFirst()
                        .map(f -> {
                            failures.remove(f);
                            return f.status();
                        });
                if (failure.isEmpty() && stallNext.filter(rest::startsWith).isPresent()) {
                    stallNext = Optional.empty();
                    stall = new CountDownLatch(1);
                    wait = stall;
                }
            }
            if (failure.isPresent()) {
                int status = failure.get();
                error(exchange, status, status >= 500 ? "Server Error" : "Simulated failure");
                return;
            }
            if (wait != null) {
                awaitRelease(wait);
                return;
            }
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().getFirst("User-Agent") == null) {
            error(exchange, 403, "Request forbidden by administrative rules. Please make sure your request has a"
                    + " User-Agent header");
            return;
        }
        String version = exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version");
        if (version != null && !API_VERSION.equals(version)) {
            error(exchange, 400, "API version " + version + " not supported");
            return;
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "Bad credentials");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Optional<Repository> served = servedAt(path);
        if (!"GET".equals(exchange.getRequestMethod()) || served.isEmpty()) {
            notFound(exchange);
            return;
        }
        Repository repository = served.get();
        String rest = repositoryPath(path);
        Optional<ObjectNode> body;
        synchronized (lock) {
            if (rest.startsWith("git/ref/tags/")) {
                body = repository.tagRef(rest.substring("git/ref/tags/".length()));
            } else if (rest.startsWith("git/tags/")) {
                body = repository.tagObject(rest.substring("git/tags/".length()));
            } else if (rest.startsWith("compare/")) {
                Optional<String> unrelated = repository.unrelated(rest.substring("compare/".length()));
                if (unrelated.isPresent()) {
                    error(exchange, 404, unrelated.get());
                    return;
                }
                body = repository.compare(rest.substring("compare/".length()), RequestParameters.parse(json,
                        exchange.getRequestURI().getRawQuery(), null, new byte[0]));
            } else if (rest.startsWith("commits/")) {
                body = repository.commitObject(rest.substring("commits/".length()));
            } else {
                body = Optional.empty();
            }
        }
        if (body.isPresent()) {
            send(exchange, 200, body.get());
        } else if (rest.startsWith("commits/")) {
            // What GitHub answers for a sha no commit has.
            error(exchange, 422, "No commit found for SHA: " + rest.substring("commits/".length()));
        } else {
            notFound(exchange);
        }
    }

    /**
     * One repository the stand-in serves: a main branch plus side branches forked from it, and tags. Its methods
     * build the history; every request is answered from it under the stand-in's lock.
     */
    public final class Repository {

        private final String fullName;
        private final List<String> mainHistory = new ArrayList<>();
        /** Every commit by sha, in the order they were added, with the parent it was added on. */
        private final Map<String, Stored> commits = new LinkedHashMap<>();
        /** The newest commit of each side branch, by where it forked from main (main's length then). */
        private final Map<Integer, String> sideHeads = new HashMap<>();
        private final Map<String, Ref> tags = new HashMap<>();
        private final Map<String, String> tagObjects = new HashMap<>();
        private Supplier<Optional<String>> releaseTagsAt = Optional::empty;

        private Repository(String fullName) {
            this.fullName = fullName;
        }

        /** "owner/name". */
        public String name() {
            return fullName;
        }

        /** Adds a commit on top of main, or on a side branch forked from main's current head. */
        public void commit(String sha, boolean onMain) {
            commit(sha, onMain, DEFAULT_COMMIT_TIME);
        }

        /** Adds a commit committed at {@code committedAt}, on top of main or on a side branch forked from its head. */
        public void commit(String sha, boolean onMain, Instant committedAt) {
            requireSha(sha);
            commit(new Commit(sha, "change " + sha.substring(0, 7), "Sandbox Developer", "", committedAt), onMain);
        }

        /**
         * Adds a commit on top of main, or on the side branch forked from main's current head (several side commits
         * added while main stays put make one branch, each on the one before).
         */
        public void commit(Commit commit, boolean onMain) {
            String sha = commit.sha();
            synchronized (lock) {
                if (commits.containsKey(sha)) {
                    throw new IllegalArgumentException("commit " + sha + " already exists");
                }
                Optional<String> mainHead = mainHistory.isEmpty() ? Optional.empty()
                        : Optional.of(mainHistory.get(mainHistory.size() - 1));
                if (onMain) {
                    commits.put(sha, new Stored(commit, mainHead));
                    mainHistory.add(sha);
                } else {
                    int forkedAt = mainHistory.size();
                    commits.put(sha, new Stored(commit,
                            Optional.ofNullable(sideHeads.get(forkedAt)).or(() -> mainHead)));
                    sideHeads.put(forkedAt, sha);
                }
            }
        }

        /**
         * From now on a release tag asked for that does not exist yet is tagged, there and then, at the commit
         * {@code commit} names (a sha or a prefix of one): as if the team had tagged the release just before asking.
         * The sandbox points it at what staging runs, so any release tag typed there passes the check once.
         */
        public void tagReleasesAt(Supplier<Optional<String>> commit) {
            synchronized (lock) {
                releaseTagsAt = Objects.requireNonNull(commit, "commit");
            }
        }

        public void lightweightTag(String tag, String commitSha) {
            synchronized (lock) {
                requireCommit(commitSha);
                tags.put(tag, new Ref(commitSha, "commit"));
            }
        }

        public void annotatedTag(String tag, String tagObjectSha, String commitSha) {
            requireSha(tagObjectSha);
            synchronized (lock) {
                requireCommit(commitSha);
                tagObjects.put(tagObjectSha, commitSha);
                tags.put(tag, new Ref(tagObjectSha, "tag"));
            }
        }

        private String repoUrl() {
            return apiUrl + "/repos/" + fullName;
        }

        private void requireCommit(String sha) {
            if (!commits.containsKey(sha)) {
                throw new IllegalArgumentException("no commit " + sha + " in " + fullName
                        + "; add it with commit(sha, onMain) first");
            }
        }

        private void forget() {
            mainHistory.clear();
            commits.clear();
            sideHeads.clear();
            tags.clear();
            tagObjects.clear();
            releaseTagsAt = Optional::empty;
        }

        private Optional<ObjectNode> tagRef(String tag) {
            if (!tags.containsKey(tag) && RELEASE_TAG.matcher(tag).matches()) {
                releaseTagsAt.get().flatMap(this::resolve)
                        .ifPresent(commit -> tags.put(tag, new Ref(commit, "commit")));
            }
            Ref ref = tags.get(tag);
            if (ref == null) {
                return Optional.empty();
            }
            ObjectNode body = json.createObjectNode();
            body.put("ref", "refs/tags/" + tag);
            body.put("node_id", "REF_" + tag);
            body.put("url", repoUrl() + "/git/refs/tags/" + tag);
            ObjectNode object = body.putObject("object");
            object.put("sha", ref.sha());
            object.put("type", ref.type());
            object.put("url", repoUrl() + ("tag".equals(ref.type()) ? "/git/tags/" : "/git/commits/") + ref.sha());
            return Optional.of(body);
        }

        private Optional<ObjectNode> tagObject(String sha) {
            String commit = tagObjects.get(sha);
            if (commit == null) {
                return Optional.empty();
            }
            String tag = tags.entrySet().stream().filter(e -> e.getValue().sha().equals(sha)).map(Map.Entry::getKey)
                    .findFirst().orElse("");
            ObjectNode body = json.createObjectNode();
            body.put("node_id", "TAG_" + sha);
            body.put("sha", sha);
            body.put("url", repoUrl() + "/git/tags/" + sha);
            body.put("tag", tag);
            body.put("message", "release " + tag + "\n");
            ObjectNode tagger = body.putObject("tagger");
            tagger.put("name", "Sandbox Releaser");
            tagger.put("email", "releaser@sandbox.invalid");
            tagger.put("date", "2025-11-27T14:05:00Z");
            ObjectNode object = body.putObject("object");
            object.put("sha", commit);
            object.put("type", "commit");
            object.put("url", repoUrl() + "/git/commits/" + commit);
            ObjectNode verification = body.putObject("verification");
            verification.put("verified", false);
            verification.put("reason", "unsigned");
            verification.putNull("signature");
            verification.putNull("payload");
            return Optional.of(body);
        }

        /** A commit as GET /repos/{owner}/{repo}/commits/{ref} shows it, for a full sha or an unambiguous prefix. */
        private Optional<ObjectNode> commitObject(String ref) {
            return resolve(ref).map(this::commitJson);
        }

        /** A commit in GitHub's shape, as the commits endpoint and a comparison's {@code commits} show it. */
        private ObjectNode commitJson(String sha) {
            Stored stored = commits.get(sha);
            Commit commit = stored.commit();
            String date = commit.committedAt().toString();
            ObjectNode body = json.createObjectNode();
            body.put("sha", sha);
            body.put("node_id", "C_" + sha);
            ObjectNode inner = body.putObject("commit");
            ObjectNode author = inner.putObject("author");
            author.put("name", commit.authorName());
            author.put("email", emailOf(commit));
            author.put("date", date);
            ObjectNode committer = inner.putObject("committer");
            committer.put("name", "GitHub");
            committer.put("email", "noreply@github.com");
            committer.put("date", date);
            inner.put("message", commit.message());
            ObjectNode tree = inner.putObject("tree");
            tree.put("sha", treeOf(sha));
            tree.put("url", repoUrl() + "/git/trees/" + treeOf(sha));
            inner.put("url", repoUrl() + "/git/commits/" + sha);
            inner.put("comment_count", 0);
            ObjectNode verification = inner.putObject("verification");
            verification.put("verified", false);
            verification.put("reason", "unsigned");
            verification.putNull("signature");
            verification.putNull("payload");
            verification.putNull("verified_at");
            body.put("url", repoUrl() + "/commits/" + sha);
            body.put("html_url", "https://github.com/" + fullName + "/commit/" + sha);
            body.put("comments_url", repoUrl() + "/commits/" + sha + "/comments");
            if (commit.authorLogin().isEmpty()) {
                body.putNull("author");
            } else {
                ObjectNode account = body.putObject("author");
                account.put("login", commit.authorLogin());
                account.put("id", Math.abs(commit.authorLogin().hashCode()));
                account.put("type", "User");
                account.put("html_url", "https://github.com/" + commit.authorLogin());
            }
            body.putNull("committer");
            var parents = body.putArray("parents");
            stored.parent().ifPresent(parent -> {
                ObjectNode p = parents.addObject();
                p.put("sha", parent);
                p.put("url", repoUrl() + "/commits/" + parent);
                p.put("html_url", "https://github.com/" + fullName + "/commit/" + parent);
            });
            return body;
        }

        /**
         * {@code base...head} as GitHub compares it: the commits head has and base lacks (oldest first), how many
         * base has that head lacks, and from those the status. Either side is a branch name (main) or a sha or prefix
         * of one.
         */
        private Optional<ObjectNode> compare(String basehead, ObjectNode parameters) {
            Optional<String[]> sides = sides(basehead);
            if (sides.isEmpty()) {
                return Optional.empty();
            }
            String base = sides.get()[0];
            String head = sides.get()[1];
            List<String> headLine = ancestry(head);
            List<String> baseLine = ancestry(base);
            List<String> ahead = new ArrayList<>(headLine.stream().filter(sha -> !baseLine.contains(sha)).toList());
            Collections.reverse(ahead); // oldest first, as GitHub lists them
            long behindBy = baseLine.stream().filter(sha -> !headLine.contains(sha)).count();
            String mergeBase = headLine.stream().filter(baseLine::contains).findFirst().orElseThrow();
            String status = ahead.isEmpty() ? (behindBy == 0 ? "identical" : "behind")
                    : (behindBy == 0 ? "ahead" : "diverged");

            List<String> listed;
            if (parameters.has("per_page") || parameters.has("page")) {
                int perPage = Math.min(MAX_PER_PAGE, Math.max(1, number(parameters, "per_page", DEFAULT_PER_PAGE)));
                int page = Math.max(1, number(parameters, "page", 1));
                int from = Math.min(ahead.size(), (page - 1) * perPage);
                listed = ahead.subList(from, Math.min(ahead.size(), from + perPage));
            } else {
                listed = ahead.subList(0, Math.min(ahead.size(), MAX_COMPARED_COMMITS));
            }
            String compared = basehead;
            ObjectNode body = json.createObjectNode();
            body.put("url", repoUrl() + "/compare/" + compared);
            body.put("html_url", "https://github.com/" + fullName + "/compare/" + compared);
            body.put("permalink_url", "https://github.com/" + fullName + "/compare/" + base + "..." + head);
            body.put("diff_url", "https://github.com/" + fullName + "/compare/" + compared + ".diff");
            body.put("patch_url", "https://github.com/" + fullName + "/compare/" + compared + ".patch");
            body.set("base_commit", commitJson(base));
            body.set("merge_base_commit", commitJson(mergeBase));
            body.put("status", status);
            body.put("ahead_by", ahead.size());
            body.put("behind_by", behindBy);
            body.put("total_commits", ahead.size());
            var listedCommits = body.putArray("commits");
            listed.forEach(sha -> listedCommits.add(commitJson(sha)));
            body.putArray("files");
            return Optional.of(body);
        }

        /** GitHub's 404 message for two commits with no history in common, if that is what these are. */
        private Optional<String> unrelated(String basehead) {
            synchronized (lock) {
                return sides(basehead).filter(sides -> ancestry(sides[1]).stream()
                                .noneMatch(ancestry(sides[0])::contains))
                        .map(sides -> "No common ancestor between " + sides[0] + " and " + sides[1] + ".");
            }
        }

        /** The full shas of {@code base...head}, empty when either is not known. */
        private Optional<String[]> sides(String basehead) {
            int dots = basehead.indexOf("...");
            if (dots < 0) {
                return Optional.empty();
            }
            Optional<String> base = ref(basehead.substring(0, dots));
            Optional<String> head = ref(basehead.substring(dots + 3));
            return base.isPresent() && head.isPresent()
                    ? Optional.of(new String[] {base.get(), head.get()}) : Optional.empty();
        }

        /** A branch name (main only) or a sha or prefix of one. */
        private Optional<String> ref(String ref) {
            if (MAIN_BRANCH.equals(ref)) {
                return mainHistory.isEmpty() ? Optional.empty() : Optional.of(mainHistory.get(mainHistory.size() - 1));
            }
            return resolve(ref);
        }

        /** The commit and its ancestors, newest first. */
        private List<String> ancestry(String sha) {
            List<String> line = new ArrayList<>();
            for (Optional<String> at = Optional.of(sha); at.isPresent(); at = commits.get(at.get()).parent()) {
                line.add(at.get());
            }
            return line;
        }

        /** Like GitHub, a ref may be given as a full sha or an unambiguous prefix of one (at least 4 digits). */
        private Optional<String> resolve(String ref) {
            if (ref.length() < 4) {
                return Optional.empty();
            }
            List<String> matches = commits.keySet().stream().filter(sha -> sha.startsWith(ref)).toList();
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        }
    }

    private static int number(ObjectNode parameters, String name, int otherwise) {
        try {
            return Integer.parseInt(parameters.path(name).asText(Integer.toString(otherwise)));
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    private static String emailOf(Commit commit) {
        return (commit.authorLogin().isEmpty() ? "developer" : commit.authorLogin()) + "@sandbox.invalid";
    }

    /** A stable tree sha for the commit; promobot never reads trees. */
    private static String treeOf(String sha) {
        return new StringBuilder(sha).reverse().toString();
    }

    /** The path after {@code /repos/owner/name/}, or the whole path for any other. */
    private static String repositoryPath(String path) {
        String[] parts = path.split("/", 5);
        return parts.length == 5 && parts[0].isEmpty() && "repos".equals(parts[1]) ? parts[4] : path;
    }

    /** The repository a path under {@code /repos/owner/name/} is about, when the stand-in serves it. */
    private Optional<Repository> servedAt(String path) {
        String[] parts = path.split("/", 5);
        if (parts.length != 5 || !parts[0].isEmpty() || !"repos".equals(parts[1])) {
            return Optional.empty();
        }
        synchronized (lock) {
            return Optional.ofNullable(repositories.get((parts[2] + "/" + parts[3]).toLowerCase(Locale.ROOT)));
        }
    }

    private void notFound(HttpExchange exchange) throws IOException {
        error(exchange, 404, "Not Found");
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("documentation_url", DOCS);
        body.put("status", Integer.toString(status));
        send(exchange, status, body);
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("X-GitHub-Api-Version-Selected", API_VERSION);
        exchange.getResponseHeaders().set("X-RateLimit-Limit", "5000");
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", "4999");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(STALL_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseStall() {
        if (stall != null) {
            stall.countDown();
            stall = null;
        }
    }

    private static void requireSha(String sha) {
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("a git object sha is 40 lowercase hex digits: " + sha);
        }
    }
}
