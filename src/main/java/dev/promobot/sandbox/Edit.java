package dev.promobot.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One editMessageText applied to a message: what it said before and what it says since. */
public record Edit(Instant at, String previousText, String text, Optional<String> parseMode, List<List<Button>> buttons) {
}
