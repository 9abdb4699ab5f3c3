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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local stand-in for the GitHub REST endpoints promobot uses: get a tag's ref, get an annotated tag object and
 * compare a commit with main (the release tag check), and get a commit (its time, where lead time starts). It serves
 * one repository, {@link #REPOSITORY}, whose history is a main branch plus side branches forked from it, built up
 * with {@link #commit} and the tag methods.
 *
 * <p>Answers are shaped like GitHub's, errors included, so the real adapter is exercised over real HTTP.
 */
public final class GitHubStandIn implements AutoCloseable {

    public static final String REPOSITORY = "promobot-sandbox/service";
    public static final String MAIN_BRANCH = "main";
    /** When a commit added without a time of its own was committed. */
    public static final Instant DEFAULT_COMMIT_TIME = Instant.parse("2025-11-27T14:00:00Z");

    private static final String API_VERSION = "2022-11-28";
    private static final String DOCS = "https://docs.github.com/rest";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    // A stalled request gives up on its own eventually, so a forgotten stall cannot hang a build.
    private static final long STALL_LIMIT_SECONDS = 30;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI apiUrl;
    private final String token = "standin-" + UUID.randomUUID();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger requests = new AtomicInteger();

    private final Object lock = new Object();
    private final List<String> mainHistory = new ArrayList<>();
    private final Map<String, SideCommit> sideCommits = new HashMap<>();
    private final Map<String, Ref> tags = new HashMap<>();
    private final Map<String, String> tagObjects = new HashMap<>();
    private final Map<String, Instant> commitTimes = new HashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private CountDownLatch stall;
    private boolean stallNext;

    /** A commit off main: where it forked (main's length then) and how many side commits lead up to it. */
    private record SideCommit(int forkedAt, int aheadBy) {
    }

    private record Ref(String sha, String type) {
    }

    private GitHubStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.apiUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static GitHubStandIn start() {
        // Without it the JDK server delays small responses, which makes every test call slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = LoopbackHttp.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "github-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            return new GitHubStandIn(server, executor);
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

    /** Adds a commit on top of main, or on a side branch forked from main's current head. */
    public void commit(String sha, boolean onMain) {
        commit(sha, onMain, DEFAULT_COMMIT_TIME);
    }

    /** Adds a commit committed at {@code committedAt}, on top of main or on a side branch forked from its head. */
    public void commit(String sha, boolean onMain, Instant committedAt) {
        requireSha(sha);
        synchronized (lock) {
            if (mainHistory.contains(sha) || sideCommits.containsKey(sha)) {
                throw new IllegalArgumentException("commit " + sha + " already exists");
            }
            commitTimes.put(sha, committedAt);
            if (onMain) {
                mainHistory.add(sha);
            } else {
                int forkedAt = mainHistory.size();
                long before = sideCommits.values().stream().filter(c -> c.forkedAt() == forkedAt).count();
                sideCommits.put(sha, new SideCommit(forkedAt, (int) before + 1));
            }
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

    /** The next request is answered with this status and GitHub's error shape, before any other check. */
    public void failNext(int status) {
        synchronized (lock) {
            failures.add(status);
        }
    }

    /** The next request gets no answer until {@link #reset()} or {@link #close()}, to exercise client timeouts. */
    public void stallNext() {
        synchronized (lock) {
            stallNext = true;
        }
    }

    public int requestCount() {
        return requests.get();
    }

    /** Forgets all commits, tags, pending failures and the request count; the address and token stay. */
    public void reset() {
        synchronized (lock) {
            mainHistory.clear();
            sideCommits.clear();
            tags.clear();
            tagObjects.clear();
            commitTimes.clear();
            failures.clear();
            stallNext = false;
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
            Optional<Integer> failure;
            CountDownLatch wait = null;
            synchronized (lock) {
                failure = Optional.ofNullable(failures.poll());
                if (failure.isEmpty() && stallNext) {
                    stallNext = false;
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
        String prefix = "/repos/" + REPOSITORY + "/";
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod()) || !path.regionMatches(true, 0, prefix, 0, prefix.length())) {
            notFound(exchange);
            return;
        }
        String rest = path.substring(prefix.length());
        Optional<ObjectNode> body;
        synchronized (lock) {
            if (rest.startsWith("git/ref/tags/")) {
                body = tagRef(rest.substring("git/ref/tags/".length()));
            } else if (rest.startsWith("git/tags/")) {
                body = tagObject(rest.substring("git/tags/".length()));
            } else if (rest.startsWith("compare/")) {
                body = compare(rest.substring("compare/".length()));
            } else if (rest.startsWith("commits/")) {
                body = commitObject(rest.substring("commits/".length()));
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

    private Optional<ObjectNode> tagRef(String tag) {
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
        Optional<String> sha = resolve(ref);
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        String date = commitTimes.get(sha.get()).toString();
        ObjectNode body = json.createObjectNode();
        body.put("sha", sha.get());
        body.put("node_id", "C_" + sha.get());
        body.put("url", repoUrl() + "/commits/" + sha.get());
        body.put("html_url", "https://github.com/" + REPOSITORY + "/commit/" + sha.get());
        ObjectNode commit = body.putObject("commit");
        for (String role : List.of("author", "committer")) {
            ObjectNode person = commit.putObject(role);
            person.put("name", "Sandbox Developer");
            person.put("email", "developer@sandbox.invalid");
            person.put("date", date);
        }
        commit.put("message", "change " + sha.get().substring(0, 7));
        commit.put("url", repoUrl() + "/git/commits/" + sha.get());
        commit.put("comment_count", 0);
        body.putNull("author");
        body.putNull("committer");
        body.putArray("parents");
        return Optional.of(body);
    }

    private Optional<ObjectNode> compare(String basehead) {
        int dots = basehead.indexOf("...");
        if (dots < 0 || !MAIN_BRANCH.equals(basehead.substring(0, dots)) || mainHistory.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> head = resolve(basehead.substring(dots + 3));
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String status;
        int aheadBy;
        int behindBy;
        int onMain = mainHistory.indexOf(head.get());
        if (onMain >= 0) {
            aheadBy = 0;
            behindBy = mainHistory.size() - 1 - onMain;
            status = behindBy == 0 ? "identical" : "behind";
        } else {
            SideCommit side = sideCommits.get(head.get());
            aheadBy = side.aheadBy();
            behindBy = mainHistory.size() - side.forkedAt();
            status = behindBy == 0 ? "ahead" : "diverged";
        }
        ObjectNode body = json.createObjectNode();
        body.put("url", repoUrl() + "/compare/" + basehead);
        body.put("html_url", "https://github.com/" + REPOSITORY + "/compare/" + basehead);
        body.put("status", status);
        body.put("ahead_by", aheadBy);
        body.put("behind_by", behindBy);
        body.put("total_commits", aheadBy);
        body.putArray("commits");
        body.putArray("files");
        return Optional.of(body);
    }

    /** Like GitHub, a head may be given as a full sha or an unambiguous prefix of one. */
    private Optional<String> resolve(String head) {
        if (head.length() < 4) {
            return Optional.empty();
        }
        List<String> matches = new ArrayList<>();
        mainHistory.stream().filter(sha -> sha.startsWith(head)).forEach(matches::add);
        sideCommits.keySet().stream().filter(sha -> sha.startsWith(head)).forEach(matches::add);
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private String repoUrl() {
        return apiUrl + "/repos/" + REPOSITORY;
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

    private void requireCommit(String sha) {
        if (!mainHistory.contains(sha) && !sideCommits.containsKey(sha)) {
            throw new IllegalArgumentException("no commit " + sha + "; add it with commit(sha, onMain) first");
        }
    }

    private static void requireSha(String sha) {
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("a git object sha is 40 lowercase hex digits: " + sha);
        }
    }
}
