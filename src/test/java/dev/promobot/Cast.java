package dev.promobot;

import dev.promobot.rules.Actor;
import dev.promobot.rules.Role;
import dev.promobot.sandbox.User;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The people and chats of every test. The team is the sandbox's own five people, with the ids, names and roles
 * the sandbox profile gives them ({@code CastTest} holds the two together); everyone else plays one part a test
 * needs and is named for it. A person is a numeric Telegram id, a first name and a username;
 * {@link Person#user()} and {@link Person#actor()} give them as the Telegram stand-in and the rule engine see them.
 */
public final class Cast {

    public static final Person VIEWER = new Person(555555, "Vic", "vic", Role.VIEWER);
    public static final Person DEPLOYER = new Person(111111, "Dana", "dana", Role.DEPLOYER);
    public static final Person APPROVER = new Person(222222, "Ari", "ari", Role.APPROVER);
    public static final Person SECOND_APPROVER = new Person(333333, "Bea", "bea", Role.APPROVER);
    public static final Person ADMIN = new Person(444444, "Ada", "ada", Role.ADMIN);

    /** The people promobot's access lists name, each under one role. */
    public static final List<Person> TEAM = List.of(VIEWER, DEPLOYER, APPROVER, SECOND_APPROVER, ADMIN);

    /** Someone promobot has not been told about: no role, whichever chat they write in. */
    public static final Person STRANGER = new Person(987654, "Sam", "sam", Optional.empty());

    /** The team's chat, a supergroup promobot takes commands in. */
    public static final long TEAM_CHAT = -1001234567890L;
    /**
     * More team chats, one per test where a test talks a lot: Telegram allows a group 20 messages a minute, and
     * promobot keeps to that, so one busy shared group would make later tests wait. Enough that the whole suite
     * does not come back to a chat within the minute it was busy.
     */
    public static final int EXTRA_TEAM_CHATS = 200;
    /**
     * A team chat kept for the update fuzz alone: its backlog of answers (Telegram allows a group 20 a minute) must
     * not hold up any other test.
     */
    public static final long FUZZ_TEAM_CHAT = -1001234567000L;
    /** The channel promobot posts summaries, audits and notices to. */
    public static final long CHANNEL = -1009876543210L;
    /** A group promobot is not configured for. */
    public static final long FOREIGN_GROUP = -100555L;
    /** A second group promobot is not configured for, so that two tests never read each other's messages. */
    public static final long ANOTHER_FOREIGN_GROUP = -100556L;

    /** The first of the ids {@link #crowdOfViewers} hands out. */
    private static final long FIRST_IN_CROWD = 700000;

    private Cast() {
    }

    /** The i-th extra team chat, counting from 0. */
    public static long teamChat(int i) {
        if (i < 0 || i >= EXTRA_TEAM_CHATS) {
            throw new IllegalArgumentException("there are " + EXTRA_TEAM_CHATS + " extra team chats, not " + i);
        }
        return TEAM_CHAT - 1 - i;
    }

    /** Every team chat: {@link #TEAM_CHAT}, the extra ones, and the fuzz's. */
    public static List<Long> teamChats() {
        return LongStream.concat(LongStream.concat(LongStream.of(TEAM_CHAT), IntStream.range(0, EXTRA_TEAM_CHATS)
                .mapToLong(Cast::teamChat)), LongStream.of(FUZZ_TEAM_CHAT)).boxed().toList();
    }

    /** The ids of the team's people with {@code role}, as an access list key takes them ("222222,333333"). */
    /** The team's access table, as the configuration holds it. */
    public static Map<Long, Role> roles() {
        Map<Long, Role> roles = new HashMap<>();
        TEAM.forEach(person -> person.role().ifPresent(role -> roles.put(person.id(), role)));
        return roles;
    }

    public static String idsOf(Role role) {
        return TEAM.stream().filter(person -> person.role().equals(Optional.of(role)))
                .map(person -> String.valueOf(person.id())).collect(Collectors.joining(","));
    }

    /**
     * {@code size} viewers who are not in {@link #TEAM}, each to talk to promobot in a private chat of their own:
     * the crowd of a load benchmark, or many chats at once. Ids count up from 700000; names are User0, User1, ...
     */
    public static List<Person> crowdOfViewers(int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> new Person(FIRST_IN_CROWD + i, "User" + i, "user" + i, Role.VIEWER)).toList();
    }

    /**
     * A Telegram account of a person.
     *
     * @param role empty for someone without a role in promobot
     */
    public record Person(long id, String firstName, String username, Optional<Role> role) {

        public Person {
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(role, "role");
        }

        Person(long id, String firstName, String username, Role role) {
            this(id, firstName, username, Optional.of(role));
        }

        /** The person as the Telegram stand-in shows them in a chat. */
        public User user() {
            return User.person(id, firstName, username);
        }

        /** The person as the rule engine sees them, asking in a team chat. */
        public Actor actor() {
            return new Actor(id, firstName, role, true);
        }

        /** The person as the rule engine sees them, asking in a chat promobot is not configured for. */
        public Actor actorInAnotherChat() {
            return new Actor(id, firstName, role, false);
        }
    }
}
