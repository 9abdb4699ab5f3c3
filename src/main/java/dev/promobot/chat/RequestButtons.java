package dev.promobot.chat;

import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.util.Optional;

/** The Approve and Reject buttons under a request, and reading back which one was pressed. */
final class RequestButtons {

    static final String APPROVE = "approve:";
    static final String REJECT = "reject:";

    /** A button press, as read from its callback data. */
    record ButtonPress(boolean approve, long requestId) {
    }

    private RequestButtons() {
    }

    static InlineKeyboardMarkup of(long requestId) {
        return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Approve").callbackData(APPROVE + requestId).build(),
                InlineKeyboardButton.builder().text("Reject").callbackData(REJECT + requestId).build())).build();
    }

    /** Empty for data no button of promobot's carries (an old or forged button). */
    static Optional<ButtonPress> read(String data) {
        String digits = data.startsWith(APPROVE) ? data.substring(APPROVE.length())
                : data.startsWith(REJECT) ? data.substring(REJECT.length()) : "";
        return digits.matches("[0-9]{1,18}")
                ? Optional.of(new ButtonPress(data.startsWith(APPROVE), Long.parseLong(digits))) : Optional.empty();
    }
}
