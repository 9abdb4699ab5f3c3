package dev.promobot.chat;

import dev.promobot.rules.Role;

import java.util.Optional;

/**
 * One command of the bot, one class each (discovered through CDI). The router checks the chat and the caller's
 * role against the command's {@link Spec} before {@link #run}; commands that change something also go through the
 * rule engine.
 */
public interface ChatCommand {

    /**
     * What a command is and who may use it where.
     *
     * @param name         without the slash, lower case: "status"
     * @param usage        how to call it, for /help (HTML-escaped): "/promote &amp;lt;env&amp;gt; [tag]"
     * @param description  one line for /help and Telegram's command menu
     * @param requiredRole the least role that may use it; empty when anyone may (/help, /whoami)
     * @param readOnly     read-only commands are also answered in a private chat with the bot
     */
    record Spec(String name, String usage, String description, Optional<Role> requiredRole, boolean readOnly) {

        static Spec readOnly(String name, String usage, String description, Role role) {
            return new Spec(name, usage, description, Optional.of(role), true);
        }

        static Spec forAnyone(String name, String description) {
            return new Spec(name, "/" + name, description, Optional.empty(), true);
        }

        static Spec changing(String name, String usage, String description, Role role) {
            return new Spec(name, usage, description, Optional.of(role), false);
        }
    }

    Spec spec();

    void run(CommandContext context);

    default String name() {
        return spec().name();
    }

    default String usage() {
        return spec().usage();
    }

    default String description() {
        return spec().description();
    }

    default Optional<Role> requiredRole() {
        return spec().requiredRole();
    }

    default boolean readOnly() {
        return spec().readOnly();
    }
}
