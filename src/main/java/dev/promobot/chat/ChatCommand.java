package dev.promobot.chat;

import dev.promobot.rules.Permission;

import java.util.Optional;

/**
 * One command of the bot, one class each (discovered through CDI). The router takes a command only where its
 * {@link Spec} says, and asks the rules whether the caller's role allows its permission; then {@link #run} parses
 * the arguments, calls one use case and renders its result.
 */
public interface ChatCommand {

    /** Where a command is taken. */
    enum Where {
        /** The configured team chats only: everything that changes something. */
        TEAM_CHAT,
        /** Team chats and a private chat with the bot: what only looks. */
        TEAM_OR_PRIVATE_CHAT,
        /** Any chat, configured or not: what people need before anyone configured them (/whoami). */
        ANYWHERE;

        boolean takes(boolean teamChat, boolean privateChat) {
            return switch (this) {
                case TEAM_CHAT -> teamChat;
                case TEAM_OR_PRIVATE_CHAT -> teamChat || privateChat;
                case ANYWHERE -> true;
            };
        }
    }

    /**
     * What a command is, where it is taken and what it lets people do.
     *
     * @param name         without the slash, lower case: "status"
     * @param usage        how to call it, for /help (plain text): "/promote <env> [tag]"
     * @param description  one line for /help and Telegram's command menu
     * @param permission   what the rules must allow the caller; empty when anyone may (/help, /whoami)
     * @param takesService whether a service's name may come first, which /help shows where there are several
     */
    record Spec(String name, String usage, String description, Where where, Optional<Permission> permission,
                boolean takesService) {

        static Spec looking(String name, String usage, String description, Permission permission) {
            return new Spec(name, usage, description, Where.TEAM_OR_PRIVATE_CHAT, Optional.of(permission), false);
        }

        static Spec changing(String name, String usage, String description, Permission permission) {
            return new Spec(name, usage, description, Where.TEAM_CHAT, Optional.of(permission), false);
        }

        static Spec forAnyone(String name, String description, Where where) {
            return new Spec(name, "/" + name, description, where, Optional.empty(), false);
        }

        /** The same command, taking a service's name as its optional first word. */
        Spec withService() {
            return new Spec(name, usage, description, where, permission, true);
        }

        /** How to call it: with "[service]" after its name where there are several services and it takes one. */
        String usage(boolean severalServices) {
            return severalServices && takesService ? ServiceArgument.usage(true, "/" + name,
                    usage.substring(Math.min(usage.length(), name.length() + 2))) : usage;
        }
    }

    Spec spec();

    void run(CommandContext context);

    default String name() {
        return spec().name();
    }
}
