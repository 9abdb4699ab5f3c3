package dev.promobot.sandbox;

import java.time.Instant;
import java.util.Optional;

/** How the bot answered a button press (answerCallbackQuery). */
public record CallbackAnswer(String callbackQueryId, Optional<String> text, boolean showAlert, Instant at) {
}
