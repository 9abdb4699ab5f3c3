package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A local stand-in for the parts of Amazon ECR and AWS Lambda that promobot uses, speaking their real wire
 * protocols on 127.0.0.1 so that the real AWS SDK v2 clients work against it through
 * {@code endpointOverride(standIn.endpoint())}, with any region and any static credentials (nothing is signed
 * or checked).
 *
 * <p>ECR answers AWS JSON 1.1 ({@code POST /} with {@code X-Amz-Target}): DescribeImages (with real, opaque
 * pagination), DescribeRepositories, GetLifecyclePolicy, BatchGetImage and PutImage. Lambda answers REST JSON
 * under {@code /2015-03-31/functions/{name}}: GetFunction, GetFunctionConfiguration and UpdateFunctionCode.
 *
 * <p>State is seeded through the Java methods here (see also {@link Seed}); faults are injected the same way.
 * All methods are thread-safe. Requests are served one at a time against the state, which keeps every
 * observable sequence deterministic.
 */
public final class AwsStandIn implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_REGION = "ap-southeast-1";

    private static final Logger LOG = Logger.getLogger(AwsStandIn.class);
    private static final String ECR_TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String LAMBDA_FUNCTIONS_PATH = "/2015-03-31/functions/";
    private static final String ECR_CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String LAMBDA_CONTENT_TYPE = "application/json";
    /** Enough that an injected latency delays calls side by side, as AWS does, rather than queuing them. */
    private static final int HANDLER_THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger throttledRequestsLeft = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean accessDenied;
    private volatile Duration latency = Duration.ZERO;
    /** When each request for an operation arrived, for the rate a client keeps. */
    private final Map<String, ConcurrentLinkedQueue<Long>> requestTimes =
            new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> responsesToLose = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterServing = new ConcurrentHashMap<>();
    private EcrRegistry ecr;
    private LambdaFunctions lambda;

    private AwsStandIn(int port, String region, Clock clock) throws IOException {
        this.region = region;
        this.clock = clock;
        newState();
        this.server = LoopbackHttp.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        this.executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.debugf("AWS stand-in listening on %s for region %s", endpoint(), region);
    }

    /** Starts on an ephemeral port in {@value #DEFAULT_REGION}. */
    public static AwsStandIn start() {
        return start(0);
    }

    public static AwsStandIn start(int port) {
        return start(port, DEFAULT_REGION, Clock.systemUTC());
    }

    /**
     * @param port  0 for an ephemeral port
     * @param clock source of every timestamp the stand-in invents (repository creation, Lambda LastModified,
     *              pull times); image push times are always given by the caller
     */
    public static AwsStandIn start(int port, String region, Clock clock) {
        try {
            return new AwsStandIn(port, region, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the AWS stand-in on port " + port, e);
        }
    }

    /** Starts on an ephemeral port with the standard {@link Seed} applied relative to the system clock. */
    public static AwsStandIn seeded() {
        return seeded(Clock.systemUTC());
    }

    public static AwsStandIn seeded(Clock clock) {
        AwsStandIn standIn = start(0, DEFAULT_REGION, clock);
        Seed.apply(standIn, clock);
        return standIn;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String accountId() {
        return ACCOUNT_ID;
    }

    public String region() {
        return region;
    }

    // ---- ECR seeding ---------------------------------------------------------------------------------------

    /**
     * @param tagMutability {@code MUTABLE} or {@code IMMUTABLE}
     * @return the repository URI, {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}
     */
    public String createRepository(String name, String tagMutability) {
        return direct(() -> ecr.createRepository(name, tagMutability));
    }

    public String repositoryUri(String repository) {
        synchronized (lock) {
            return ecr.repositoryUri(repository);
        }
    }

    /**
     * Pushes a generated Docker v2 image manifest with a single layer of {@code sizeBytes}. The digest is the
     * SHA-256 of that manifest, which names the repository, a per-stand-in push counter, the tags, the push
     * time and the size: every push yields a new digest, and the same sequence of pushes yields the same digests.
     * Tags follow the repository's mutability: an existing tag moves in a MUTABLE repository and is refused in
     * an IMMUTABLE one.
     *
     * @return the digest, {@code sha256:<64 hex>}
     */
    public String pushImage(String repository, List<String> tags, Instant pushedAt, long sizeBytes) {
        return direct(() -> ecr.pushImage(repository, tags, pushedAt, sizeBytes));
    }

    public void tag(String repository, String digest, String tag) {
        direct(() -> {
            ecr.tag(repository, digest, tag);
            return null;
        });
    }

    public void putLifecyclePolicy(String repository, String policyJson) {
        direct(() -> {
            ecr.putLifecyclePolicy(repository, policyJson);
            return null;
        });
    }

    // ---- Lambda seeding ------------------------------------------------------------------------------------

    /** Creates an image-packaged function, active and up to date; the image must exist in this stand-in. */
    public void createFunction(String name, String imageUri) {
        direct(() -> {
            lambda.createFunction(name, imageUri);
            return null;
        });
    }

    /** The image URI the function runs now, as it was deployed (by tag or by digest). */
    public String imageUriOf(String function) {
        return direct(() -> lambda.imageUriOf(function));
    }

    /** The digest the function runs now; a pending or failed update does not change it. */
    public String resolvedDigestOf(String function) {
        return direct(() -> lambda.resolvedDigestOf(function));
    }

    // ---- fault injection -----------------------------------------------------------------------------------

    /** The next {@code n} requests to either service get that service's throttling error. */
    public void throttleNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Cannot throttle a negative number of requests: " + n);
        }
        throttledRequestsLeft.set(n);
    }

    /** Every answer from either service comes this long after its request, as from a region far away. */
    public void answerAfter(Duration delay) {
        latency = delay;
    }

    /** While on, every request to either service gets AccessDeniedException. */
    public void denyAccess(boolean denied) {
        accessDenied = denied;
    }

    /** The function's next UpdateFunctionCode is accepted but ends Failed with this reason. */
    public void failNextUpdateOf(String function, String reason) {
        synchronized (lock) {
            lambda.failNextUpdateOf(function, reason);
        }
    }

    /**
     * How many reads of a function (GetFunction or GetFunctionConfiguration) an update started from now on takes:
     * reads before the n-th see {@code InProgress}, the n-th sees the outcome. Defaults to 2.
     */
    public void updateReadsUntilDone(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("An update needs at least one read to finish, not " + n);
        }
        synchronized (lock) {
            lambda.updateReadsUntilDone(n);
        }
    }

    /**
     * While held, every update started stays {@code InProgress}, however often the function is read: a deployment
     * that waits on Lambda for as long as a test needs. Released, updates finish as {@link #updateReadsUntilDone}
     * says.
     */
    public void holdUpdates(boolean held) {
        synchronized (lock) {
            lambda.holdUpdates(held);
        }
    }

    /** Every UpdateFunctionCode received, in order: the function, the ImageUri and the RevisionId it carried. */
    public List<String> updateCalls() {
        synchronized (lock) {
            return lambda.updateCalls().stream()
                    .map(call -> call.function() + " " + call.imageUri() + " revision " + call.revisionId()).toList();
        }
    }

    /**
     * The next {@code n} requests for the operation are carried out, and then the connection is closed without an
     * answer: a response lost on the way back, as after a network fault or a timeout.
     */
    public void loseResponsesOf(String operation, int n) {
        responsesToLose.put(operation, new AtomicInteger(n));
    }

    /** Runs {@code hook} after each request for the operation has been carried out, before it is answered. */
    public void afterServing(String operation, Runnable hook) {
        afterServing.put(operation, hook);
    }

    /** The most requests for the operation that arrived within any one second, as AWS counts its rate limits. */
    public int busiestSecond(String operation) {
        List<Long> times = requestTimes.getOrDefault(operation, new ConcurrentLinkedQueue<>())
                .stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= 1_000_000_000L) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /**
     * Requests received for an operation as AWS names it ({@code DescribeImages}, {@code GetFunction},
     * {@code UpdateFunctionCode}...), including those answered with an injected fault and SDK retries.
     */
    public int requestCount(String operation) {
        LongAdder count = requestCounts.get(operation);
        return count == null ? 0 : count.intValue();
    }

    /** Forgets all repositories, images, functions, injected faults and request counts. */
    public void reset() {
        synchronized (lock) {
            newState();
            requestCounts.clear();
            throttledRequestsLeft.set(0);
            accessDenied = false;
            latency = Duration.ZERO;
            requestTimes.clear();
            responsesToLose.clear();
            afterServing.clear();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Route route = route(exchange);
            LOG.debugf("%s %s -> %s", exchange.getRequestMethod(), exchange.getRequestURI(),
                    route == null ? "no route" : route.operation);
            Reply reply = route == null ? notFound() : serve(route, body);
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            if (route != null) {
                Optional.ofNullable(afterServing.get(route.operation)).ifPresent(Runnable::run);
                AtomicInteger lose = responsesToLose.get(route.operation);
                if (lose != null && lose.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    LOG.debugf("Losing the response to %s on purpose", route.operation);
                    return; // closed in finally, unanswered
                }
            }
            send(exchange, reply);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "AWS stand-in could not answer %s %s", exchange.getRequestMethod(),
                    exchange.getRequestURI());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            exchange.close();
        }
    }

    private Reply serve(Route route, byte[] body) {
        requestCounts.computeIfAbsent(route.operation, operation -> new LongAdder()).increment();
        requestTimes.computeIfAbsent(route.operation, operation -> new ConcurrentLinkedQueue<>())
                .add(System.nanoTime());
        try {
            if (accessDenied) {
                throw route.service.accessDenied(route.operation);
            }
            if (throttledRequestsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw route.service.throttled();
            }
            synchronized (lock) {
                byte[] response = route.service == Service.ECR
                        ? ecr.handle(route.operation, parseEcrRequest(body))
                        : lambda.handle(route.operation, route.functionName, body);
                return new Reply(200, route.service.contentType, response, Map.of());
            }
        } catch (AwsError e) {
            return route.service.error(e, json);
        } catch (RuntimeException e) {
            LOG.warnf(e, "AWS stand-in failed on %s", route.operation);
            return route.service.error(new AwsError(500, route.service.internalErrorCode,
                    "The stand-in failed: " + e), json);
        }
    }

    private Route route(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("POST".equals(method) && "/".equals(path) && target != null && target.startsWith(ECR_TARGET_PREFIX)) {
            return new Route(Service.ECR, target.substring(ECR_TARGET_PREFIX.length()), null);
        }
        if (path.startsWith(LAMBDA_FUNCTIONS_PATH) && path.length() > LAMBDA_FUNCTIONS_PATH.length()) {
            String[] segments = path.substring(LAMBDA_FUNCTIONS_PATH.length()).split("/");
            String functionName = functionName(URLDecoder.decode(segments[0], StandardCharsets.UTF_8));
            String subresource = String.join("/", Arrays.copyOfRange(segments, 1, segments.length));
            return new Route(Service.LAMBDA, LambdaFunctions.operation(method, subresource), functionName);
        }
        return null;
    }

    /** Lambda accepts a name, a full ARN or a partial ARN, each optionally with a qualifier. */
    private static String functionName(String identifier) {
        String[] parts = identifier.split(":");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("function")) {
                return parts[i + 1];
            }
        }
        return parts[0];
    }

    private JsonNode parseEcrRequest(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AwsError(400, "SerializationException", "The request body is not valid JSON");
        }
    }

    private Reply notFound() {
        ObjectNode body = json.createObjectNode().put("message", "The stand-in has nothing at this path");
        return new Reply(404, LAMBDA_CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType);
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        reply.headers.forEach(headers::set);
        exchange.sendResponseHeaders(reply.status, reply.body.length);
        exchange.getResponseBody().write(reply.body);
    }

    private void newState() {
        ecr = new EcrRegistry(ACCOUNT_ID, region, clock, json);
        lambda = new LambdaFunctions(ACCOUNT_ID, region, clock, json, ecr);
    }

    /**
     * Runs a Java-API call against the state. A refusal there is the caller's mistake, so it surfaces as
     * IllegalArgumentException rather than as an AWS error.
     */
    private <T> T direct(Supplier<T> action) {
        synchronized (lock) {
            try {
                return action.get();
            } catch (AwsError e) {
                throw new IllegalArgumentException(e.code() + ": " + e.getMessage(), e);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "aws-stand-in-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Route(Service service, String operation, String functionName) {
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    /** How each service phrases its errors on the wire. */
    private enum Service {

        ECR(ECR_CONTENT_TYPE, "ServerException") {
            @Override
            AwsError throttled() {
                return new AwsError(400, "ThrottlingException", "Rate exceeded");
            }

            @Override
            AwsError accessDenied(String operation) {
                return new AwsError(400, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT_ID
                        + ":user/sandbox is not authorized to perform: ecr:" + operation);
            }

            @Override
            Reply error(AwsError error, ObjectMapper json) {
                ObjectNode body = json.createObjectNode()
                        .put("__type", error.code())
                        .put("message", error.getMessage());
                return new Reply(error.status(), contentType, bytes(body), error.headers());
            }
        },

        LAMBDA(LAMBDA_CONTENT_TYPE, "ServiceException") {
            @Override
            AwsError throttled() {
                return new AwsError(429, "TooManyRequestsException", "Rate exceeded", Map.of("Retry-After", "1"));
            }

            @Override
            AwsError accessDenied(String operation) {
                return new AwsError(403, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT_ID
                        + ":user/sandbox is not authorized to perform: lambda:" + operation);
            }

            /** The SDK takes the error code from {@code x-amzn-ErrorType} before looking at the body. */
            @Override
            Reply error(AwsError error, ObjectMapper json) {
                ObjectNode body = json.createObjectNode()
                        .put("Type", error.status() >= 500 ? "Service" : "User")
                        .put("message", error.getMessage());
                Map<String, String> headers = new HashMap<>(error.headers());
                headers.put("x-amzn-ErrorType", error.code());
                return new Reply(error.status(), contentType, bytes(body), headers);
            }
        };

        final String contentType;
        final String internalErrorCode;

        Service(String contentType, String internalErrorCode) {
            this.contentType = contentType;
            this.internalErrorCode = internalErrorCode;
        }

        abstract AwsError throttled();

        abstract AwsError accessDenied(String operation);

        abstract Reply error(AwsError error, ObjectMapper json);

        private static byte[] bytes(ObjectNode body) {
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
