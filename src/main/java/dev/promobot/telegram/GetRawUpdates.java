package dev.promobot.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.util.ArrayList;
import java.util.List;

/**
 * getUpdates, answered with each update as the JSON Telegram sent. TelegramBots' own GetUpdates reads the whole
 * batch into its classes, so one update it cannot read (an entity longer than its text, a field of a newer Bot
 * API in a shape it does not expect) fails every poll and holds every later update back for good. Stored as they
 * came, updates are read one by one when processed, and one that cannot be read is set aside alone. Telegram's
 * refusals (401, 409, 429 with retry_after) still arrive as TelegramBots' exceptions.
 */
final class GetRawUpdates extends BotApiMethod<ArrayList<ObjectNode>> {

    @JsonProperty("offset")
    private final long offset;
    @JsonProperty("limit")
    private final int limit;
    @JsonProperty("timeout")
    private final int timeout;
    @JsonProperty("allowed_updates")
    private final List<String> allowedUpdates;

    GetRawUpdates(long offset, int limit, int timeout, List<String> allowedUpdates) {
        this.offset = offset;
        this.limit = limit;
        this.timeout = timeout;
        this.allowedUpdates = List.copyOf(allowedUpdates);
    }

    @Override
    public String getMethod() {
        return "getUpdates";
    }

    @Override
    public ArrayList<ObjectNode> deserializeResponse(String answer) throws TelegramApiRequestException {
        return deserializeResponseArray(answer, ObjectNode.class);
    }
}
