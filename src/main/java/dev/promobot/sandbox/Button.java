package dev.promobot.sandbox;

/** One inline keyboard button; {@code callbackData} is empty for URL buttons and the like. */
public record Button(String text, String callbackData) {
}
