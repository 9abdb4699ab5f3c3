package dev.promobot.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * An in-process stand-in for api.telegram.org, for tests and the sandbox profile. Point the real
 * client at it with {@code new OkHttpTelegramClient(token, new TelegramUrl("http", "127.0.0.1", port, false))};
 * then play the users through {@link #userSends} and friends and inspect what the bot did.
 *
 * <p>It answers {@code /bot<token>/<method>} (and the test-server form {@code /bot<token>/test/<method>})
 * with Telegram's envelopes and error texts. Method names match case-insensitively because
 * TelegramBots 10.2.0 sends both {@code sendmessage} and {@code setMyCommands}.
 */
public final class TelegramStandIn implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "123456:sandbox";
    public static final long DEFAULT_BOT_ID = 777000111L;
    public static final String DEFAULT_BOT_USERNAME = "promobot_sandbox_bot";

    private static final Logger LOG = Logger.getLogger(TelegramStandIn.class);
    private static final long DRAIN_MILLIS = 1_000;

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final User bot;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final BotApi api;
    private final Faults faults = new Faults();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Object inFlightMonitor = new Object();
    private int inFlight;
    private boolean closed;

    private TelegramStandIn(Builder builder) throws IOException {
        this.token = builder.token;
        this.bot = new User(builder.botId, builder.botFirstName, builder.botUsername, true);
        this.api = new BotApi(json, builder.clock, bot, this::notifyListeners);
        AtomicInteger threads = new AtomicInteger();
        // Each waiting long poll holds a thread, so the pool must grow rather than queue.
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "telegram-stand-in-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = LoopbackHttp.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        LOG.debugf("Telegram stand-in listening on %s", baseUrl());
    }

    public static TelegramStandIn start() {
        return builder().start();
    }

    public static TelegramStandIn start(int port) {
        return builder().port(port).start();
    }

    public static TelegramStandIn start(int port, String token) {
        return builder().port(port).token(token).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // --- where it is -----------------------------------------------------------------------------

    /** {@code http://127.0.0.1:<port>}; the client adds {@code /bot<token>/<method>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI methodUrl(String method) {
        return baseUrl().resolve("/bot" + token + "/" + method);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    public User bot() {
        return bot;
    }

    // --- the users' side -------------------------------------------------------------------------

    /** Makes a chat known before anyone writes in it, e.g. the group a scheduled summary goes to. */
    public void openChat(long chatId, String chatType, String title) {
        api.openChat(chatId, chatType, title, Optional.empty());
    }

    public SentMessage userSends(long chatId, String chatType, User from, String text) {
        return api.userSends(chatId, chatType, from, text, Optional.empty());
    }

    public SentMessage userReplies(long chatId, String chatType, User from, String text, long replyToMessageId) {
        return api.userSends(chatId, chatType, from, text, Optional.of(replyToMessageId));
    }

    public SentMessage userEditsMessage(long chatId, long messageId, User from, String newText) {
        return api.userEdits(chatId, messageId, from, newText);
    }

    /** Presses an inline button the bot offered on that message; returns the callback query id. */
    public String userPressesButton(long chatId, long messageId, User from, String callbackData) {
        return api.userPresses(chatId, messageId, from, callbackData);
    }

    /** Queues any update, e.g. {@code {"my_chat_member":{...}}}; returns the update_id it was given. */
    public long enqueueRawUpdate(String updateJsonWithoutId) {
        return api.enqueueRaw(updateJsonWithoutId);
    }

    // --- what happened ---------------------------------------------------------------------------

    /** Every message in the chat in order, from users and the bot, as it currently reads. */
    public List<SentMessage> messages(long chatId) {
        return api.messages(chatId);
    }

    public Optional<SentMessage> message(long chatId, long messageId) {
        return messages(chatId).stream().filter(message -> message.messageId() == messageId).findFirst();
    }

    public Optional<SentMessage> lastMessage(long chatId) {
        List<SentMessage> messages = messages(chatId);
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
    }

    public List<SentMessage> botMessages(long chatId) {
        return messages(chatId).stream().filter(SentMessage::fromBot).toList();
    }

    /** Parameters of every call of that method with the right token, failed ones included, oldest first. */
    public List<Map<String, Object>> requests(String method) {
        List<JsonNode> matching;
        synchronized (requests) {
            matching = requests.stream().filter(request -> request.method().equalsIgnoreCase(method))
                    .map(RecordedRequest::params).toList();
        }
        List<Map<String, Object>> copies = new ArrayList<>();
        for (JsonNode params : matching) {
            copies.add(json.convertValue(params, new TypeReference<Map<String, Object>>() { }));
        }
        return copies;
    }

    public int requestCount(String method) {
        synchronized (requests) {
            return (int) requests.stream().filter(request -> request.method().equalsIgnoreCase(method)).count();
        }
    }

    /** The ids of the chat's pinned messages, oldest pin first. */
    public List<Long> pinnedMessages(long chatId) {
        return api.pinned(chatId);
    }

    public Optional<CallbackAnswer> callbackAnswer(String callbackQueryId) {
        return api.callbackAnswer(callbackQueryId);
    }

    /** The command menu for the default scope and language. */
    public List<BotCommand> commands() {
        return api.commands();
    }

    /** Updates not yet confirmed by a getUpdates offset. */
    public int pendingUpdateCount() {
        return api.pendingUpdateCount();
    }

    /** Whether a getUpdates call is parked waiting for updates right now. */
    public boolean isLongPollWaiting() {
        return api.longPollWaiting();
    }

    /** How many waiting getUpdates calls were terminated with 409 by a newer one. */
    public int getUpdatesConflicts() {
        return api.getUpdatesConflicts();
    }

    /** Called after any message is sent or edited, by the bot or a user, and after a reset. */
    public Subscription onChange(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // --- faults ----------------------------------------------------------------------------------

    /** The next {@code times} calls of the method answer 429 with {@code parameters.retry_after}. */
    public void tooManyRequests(String method, int times, int retryAfterSeconds) {
        faults.plan(method, BotApiException.tooManyRequests(retryAfterSeconds), times);
    }

    /** The next {@code times} calls of the method to that chat answer 429; calls to other chats go through. */
    public void tooManyRequests(String method, long chatId, int times, int retryAfterSeconds) {
        faults.planForChat(method, chatId, BotApiException.tooManyRequests(retryAfterSeconds), times);
    }

    /**
     * The bot is not an administrator allowed to pin in that chat: pinChatMessage and unpinChatMessage answer
     * 400 "Bad Request: not enough rights to manage pinned messages in the chat", as Telegram does.
     */
    public void refusePinning(long chatId) {
        api.refusePinning(chatId);
    }

    /** The next call of the method answers with this HTTP status as {@code error_code}. */
    public void failNext(String method, int httpStatus, String description) {
        faults.plan(method, new BotApiException(httpStatus, description), 1);
    }

    // --- lifecycle -------------------------------------------------------------------------------

    /** Forgets chats, updates, answers, commands, requests and planned faults; update ids keep growing. */
    public void reset() {
        faults.clear();
        synchronized (requests) {
            requests.clear();
        }
        api.reset();
    }

    /** Answers waiting long polls with no updates, then stops listening. */
    @Override
    public void close() {
        synchronized (inFlightMonitor) {
            if (closed) {
                return;
            }
            closed = true;
        }
        api.close();
        awaitInFlightRequests();
        server.stop(0);
        handlers.shutdownNow();
        LOG.debugf("Telegram stand-in on port %d closed", server.getAddress().getPort());
    }

    private void awaitInFlightRequests() {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        synchronized (inFlightMonitor) {
            long left;
            while (inFlight > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    inFlightMonitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- HTTP ------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        synchronized (inFlightMonitor) {
            inFlight++;
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = "";
            int status;
            ObjectNode envelope;
            try {
                method = methodOf(exchange.getRequestURI());
                ObjectNode params = RequestParameters.parse(json, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body);
                synchronized (requests) {
                    requests.add(new RecordedRequest(method, params.deepCopy()));
                }
                faults.failIfPlanned(method, params.path("chat_id").asText());
                envelope = json.createObjectNode();
                envelope.put("ok", true);
                envelope.set("result", api.call(method, params));
                status = 200;
            } catch (BotApiException failure) {
                status = failure.status();
                envelope = error(failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 500;
                envelope = error(new BotApiException(500, "Internal Server Error: restart"));
            } catch (RuntimeException bug) {
                LOG.errorf(bug, "Telegram stand-in failed on %s", method);
                status = 500;
                envelope = error(new BotApiException(500, "Internal Server Error"));
            }
            LOG.debugf("%s %s -> %d", exchange.getRequestMethod(), method, status);
            respond(exchange, status, envelope);
        } catch (IOException | UncheckedIOException clientGone) {
            LOG.debugf("Telegram stand-in could not answer: %s", clientGone.getMessage());
        } finally {
            synchronized (inFlightMonitor) {
                inFlight--;
                inFlightMonitor.notifyAll();
            }
        }
    }

    /** Accepts {@code /bot<token>/<method>} and {@code /bot<token>/test/<method>}. */
    private String methodOf(URI uri) {
        String[] segments = uri.getRawPath().split("/");
        boolean shaped = (segments.length == 3 || segments.length == 4 && segments[2].equals("test"))
                && segments[0].isEmpty() && segments[1].startsWith("bot");
        if (!shaped) {
            throw new BotApiException(404, "Not Found");
        }
        if (!URLDecoder.decode(segments[1].substring(3), StandardCharsets.UTF_8).equals(token)) {
            throw new BotApiException(401, "Unauthorized");
        }
        return URLDecoder.decode(segments[segments.length - 1], StandardCharsets.UTF_8);
    }

    private ObjectNode error(BotApiException failure) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("ok", false);
        envelope.put("error_code", failure.status());
        envelope.put("description", failure.description());
        failure.retryAfter().ifPresent(seconds -> envelope.putObject("parameters").put("retry_after", seconds));
        return envelope;
    }

    private void respond(HttpExchange exchange, int status, ObjectNode envelope) throws IOException {
        byte[] bytes = json.writeValueAsBytes(envelope);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Telegram stand-in change listener failed");
            }
        }
    }

    private record RecordedRequest(String method, JsonNode params) {
    }

    /** Port, token, bot identity and clock of a stand-in; every setting has a sandbox default. */
    public static final class Builder {

        private int port;
        private String token = DEFAULT_TOKEN;
        private long botId = DEFAULT_BOT_ID;
        private String botUsername = DEFAULT_BOT_USERNAME;
        private String botFirstName = "Promobot Sandbox";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0, the default, picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        public Builder bot(long id, String username, String firstName) {
            this.botId = id;
            this.botUsername = Objects.requireNonNull(username, "username");
            this.botFirstName = Objects.requireNonNull(firstName, "firstName");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TelegramStandIn start() {
            try {
                return new TelegramStandIn(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Telegram stand-in could not listen on port " + port, e);
            }
        }
    }
}
