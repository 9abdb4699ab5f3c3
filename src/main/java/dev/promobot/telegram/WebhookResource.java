package dev.promobot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.config.Settings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Webhook mode: Telegram POSTs each update here with the secret it was given in setWebhook. The secret is compared
 * in constant time; a wrong one gets 403 and nothing is stored. A good update is stored and answered 200 at once;
 * Telegram's retries of an update already stored are answered 200 and not acted on again.
 */
@Path("/telegram/webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final Settings settings;
    private final UpdateProcessor processor;
    private final ObjectMapper json;

    WebhookResource(Settings settings, UpdateProcessor processor, ObjectMapper json) {
        this.settings = settings;
        this.processor = processor;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret, String body) {
        if (settings.telegramMode() != Settings.TelegramMode.WEBHOOK) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (!matches(secret)) {
            LOG.warn("Refused a webhook call with a missing or wrong secret token");
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (Exception e) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        if (update == null || !update.path("update_id").canConvertToLong()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        processor.receive(update, body);
        return Response.ok().build();
    }

    private boolean matches(String given) {
        byte[] expected = settings.webhookSecret().orElse("").getBytes(StandardCharsets.UTF_8);
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        return expected.length > 0 && MessageDigest.isEqual(expected, actual);
    }
}
