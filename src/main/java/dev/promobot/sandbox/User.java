package dev.promobot.sandbox;

import java.util.Objects;

/** A Telegram account as the stand-in shows it: a person in a chat, or the bot itself. */
public record User(long id, String firstName, String username, boolean isBot) {

    public User {
        Objects.requireNonNull(firstName, "firstName");
    }

    public static User person(long id, String firstName, String username) {
        return new User(id, firstName, username, false);
    }
}
