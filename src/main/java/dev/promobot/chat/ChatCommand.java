package dev.promobot.chat;

import dev.promobot.rules.Role;

import java.util.Optional;

/**
 * One command of the bot, one class each (discovered through CDI). The router checks the chat and the caller's
 * role before {@link #run}; commands that change something also go through the rule engine.
 */
public interface ChatCommand {

    /** The command's name without the slash, lower case: "status". */
    String name();

    /** How to call it, for /help: "/promote &lt;env&gt; [tag]" (HTML-escaped). */
    String usage();

    /** One line for /help and Telegram's command menu. */
    String description();

    /** The least role that may use it; empty when anyone may (/help, /whoami). */
    Optional<Role> requiredRole();

    /** Read-only commands are also answered in a private chat with the bot. */
    boolean readOnly();

    void run(CommandContext context);
}
