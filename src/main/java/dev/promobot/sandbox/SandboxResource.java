package dev.promobot.sandbox;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web chat page of the sandbox and the small API it uses to play the people in the chats: send messages,
 * reply to one, press buttons, and read what the bot sent and edited. Answers 404 unless the sandbox runs.
 */
@Path("/")
public class SandboxResource {

    public record Setup(List<Sandbox.Person> people, List<Chat> chats, String bot) {
    }

    public record Chat(long id, String title, String type) {
    }

    /** @param pinned whether the message is pinned in its chat (the freeze announcement, while it holds) */
    public record Message(long messageId, long fromId, String from, boolean bot, long date, String text,
                          boolean html, Long replyTo, List<List<Button>> buttons, int edits, boolean pinned) {
    }

    public record Send(long userId, String text, Long replyTo) {
    }

    public record Press(long userId, long messageId, String data) {
    }

    public record Pressed(String callbackQueryId) {
    }

    public record Sent(long messageId) {
    }

    public record Answer(String text) {
    }

    public record Version(long version) {
    }

    private final Sandbox sandbox;
    private final AtomicLong version = new AtomicLong();
    private volatile boolean listening;

    SandboxResource(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    private TelegramStandIn telegram() {
        TelegramStandIn telegram = sandbox.telegram().orElseThrow(NotFoundException::new);
        if (!listening) {
            synchronized (this) {
                if (!listening) {
                    telegram.onChange(version::incrementAndGet);
                    listening = true;
                }
            }
        }
        return telegram;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() throws IOException {
        telegram();
        try (InputStream html = getClass().getResourceAsStream("/sandbox/index.html")) {
            if (html == null) {
                throw new NotFoundException();
            }
            return Response.ok(new String(html.readAllBytes(), StandardCharsets.UTF_8)).build();
        }
    }

    @GET
    @Path("sandbox/api/setup")
    @Produces(MediaType.APPLICATION_JSON)
    public Setup setup() {
        TelegramStandIn telegram = telegram();
        List<Chat> chats = new ArrayList<>(List.of(new Chat(Sandbox.TEAM_CHAT, "Team", "supergroup"),
                new Chat(Sandbox.CHANNEL, "Deployments (channel)", "channel")));
        Sandbox.PEOPLE.forEach(person -> chats.add(new Chat(person.id(), "Private: " + person.name() + " and the bot",
                "private")));
        return new Setup(Sandbox.PEOPLE, chats, telegram.bot().username());
    }

    @GET
    @Path("sandbox/api/version")
    @Produces(MediaType.APPLICATION_JSON)
    public Version version() {
        telegram();
        return new Version(version.get());
    }

    @GET
    @Path("sandbox/api/chats/{chat}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Message> messages(@PathParam("chat") long chat) {
        List<Long> pinned = telegram().pinnedMessages(chat);
        return telegram().messages(chat).stream().map(m -> new Message(m.messageId(), m.from().id(),
                m.from().firstName(), m.fromBot(), m.date().getEpochSecond(), m.text(),
                m.fromBot() && m.parseMode().filter("HTML"::equalsIgnoreCase).isPresent(),
                m.replyToMessageId().orElse(null), m.buttons(), m.editCount(), pinned.contains(m.messageId())))
                .toList();
    }

    @POST
    @Path("sandbox/api/chats/{chat}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("chat") long chat, Send send) {
        Optional<Sandbox.Person> person = person(send.userId());
        if (person.isEmpty() || send.text() == null || send.text().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        User user = User.person(person.get().id(), person.get().name(), person.get().name().toLowerCase());
        String type = chat == Sandbox.TEAM_CHAT ? "supergroup" : chat == Sandbox.CHANNEL ? "channel" : "private";
        SentMessage sent = send.replyTo() == null ? telegram().userSends(chat, type, user, send.text())
                : telegram().userReplies(chat, type, user, send.text(), send.replyTo());
        return Response.ok(new Sent(sent.messageId())).build();
    }

    @POST
    @Path("sandbox/api/chats/{chat}/buttons")
    @Produces(MediaType.APPLICATION_JSON)
    public Response press(@PathParam("chat") long chat, Press press) {
        Optional<Sandbox.Person> person = person(press.userId());
        if (person.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        User user = User.person(person.get().id(), person.get().name(), person.get().name().toLowerCase());
        try {
            return Response.ok(new Pressed(telegram().userPressesButton(chat, press.messageId(), user, press.data())))
                    .build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Answer(e.getMessage())).build();
        }
    }

    @GET
    @Path("sandbox/api/callbacks/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response answer(@PathParam("id") String id) {
        return telegram().callbackAnswer(id)
                .map(answer -> Response.ok(new Answer(answer.text().orElse(""))).build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
    }

    private static Optional<Sandbox.Person> person(long id) {
        return Sandbox.PEOPLE.stream().filter(person -> person.id() == id).findFirst();
    }
}
