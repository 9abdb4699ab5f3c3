package dev.promobot.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a message text as a bot command. TelegramBots' own {@code Message.isCommand()} depends on entities being
 * parsed first, so promobot reads the text itself: "/promote@promobot_bot  staging  v1.2.3" is the command
 * "promote" with arguments ["staging", "v1.2.3"]. Never throws, whatever the text.
 */
public final class CommandParser {

    /** Longer texts are not commands anyone typed; they are refused without being read further. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern BOT_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** What a message text turned out to be. */
    public sealed interface Reading {
    }

    /** Plain chat, not addressed to any bot: promobot stays quiet. */
    public record NotACommand() implements Reading {
    }

    /** A command for another bot in the same group ("/status@OtherBot"): not ours to answer. */
    public record ForAnotherBot(String botName) implements Reading {
    }

    /** A command for promobot; {@code name} is lower case. */
    public record Command(String name, List<String> args) implements Reading {
        public Command {
            args = List.copyOf(args);
        }

        public Optional<String> arg(int index) {
            return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
        }
    }

    /** Something that starts like a command but cannot be one; {@code sentence} is the short answer to give. */
    public record Unreadable(String sentence) implements Reading {
    }

    private final String botUsername;

    /** @param botUsername this bot's username without "@", as getMe reports it */
    public CommandParser(String botUsername) {
        this.botUsername = botUsername;
    }

    public Reading parse(String text) {
        if (text == null) {
            return new NotACommand();
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("/")) {
            return new NotACommand();
        }
        if (trimmed.length() > MAX_LENGTH) {
            return new Unreadable("That command is too long (over " + MAX_LENGTH + " characters).");
        }
        if (trimmed.codePoints().anyMatch(CommandParser::binary)) {
            return new Unreadable("That command contains control characters; type it as plain text.");
        }
        String[] words = WHITESPACE.split(trimmed);
        String head = words[0].substring(1);
        int at = head.indexOf('@');
        if (at >= 0) {
            String addressee = head.substring(at + 1);
            head = head.substring(0, at);
            if (!BOT_NAME.matcher(addressee).matches()) {
                return new NotACommand();
            }
            if (!addressee.equalsIgnoreCase(botUsername)) {
                return new ForAnotherBot(addressee);
            }
        }
        String name = head.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !Character.isLetter(name.codePointAt(0))) {
            return new NotACommand(); // "/", "//", "/ 5": punctuation, not a command
        }
        if (!NAME.matcher(name).matches()) {
            return new Unreadable("That is not a command I know. Send /help for the list.");
        }
        return new Command(name, Arrays.asList(words).subList(1, words.length));
    }

    /** Control characters other than ordinary whitespace, and unassigned or private-use code points. */
    private static boolean binary(int codePoint) {
        if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }
}
