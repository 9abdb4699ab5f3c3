package dev.promobot;

import dev.promobot.Cast.Person;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Role;
import dev.promobot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' people are the sandbox's people, and nobody in the cast is mistaken for anyone else. */
class CastTest {

    @Test
    void theTeamIsTheSandboxsPeopleWithTheirIdsNamesAndRoles() {
        assertThat(Cast.TEAM).extracting(person -> new Sandbox.Person(person.id(), person.firstName(),
                        person.role().orElseThrow().name().toLowerCase(Locale.ROOT)))
                .containsExactlyInAnyOrderElementsOf(Sandbox.PEOPLE);
    }

    @Test
    void theSandboxProfileGivesEachOfTheTeamTheirRole() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CastTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        for (Role role : Role.values()) {
            String key = "%sandbox.promobot.access." + role.name().toLowerCase(Locale.ROOT) + "s";
            assertThat(properties.getProperty(key)).as(key).isEqualTo(Cast.idsOf(role));
        }
    }

    @Test
    void eachPersonHasTheUsernameTheSandboxWebChatGivesThem() {
        for (Person person : Cast.TEAM) {
            assertThat(person.username()).isEqualTo(person.firstName().toLowerCase(Locale.ROOT));
            assertThat(person.user().id()).isEqualTo(person.id());
            assertThat(person.user().username()).isEqualTo(person.username());
        }
    }

    @Test
    void everyoneInTheCastHasAnIdOfTheirOwn() {
        List<Long> ids = new ArrayList<>();
        Cast.TEAM.forEach(person -> ids.add(person.id()));
        ids.add(Cast.STRANGER.id());
        Cast.crowdOfViewers(100).forEach(person -> ids.add(person.id()));

        assertThat(ids).hasSize(106).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        assertThat(Cast.STRANGER.role()).isEmpty();
    }

    @Test
    void theRuleEngineSeesAPersonWithTheirIdNameRoleAndChat() {
        assertThat(Cast.APPROVER.actor()).isEqualTo(new Actor(222222, "Ari", Optional.of(Role.APPROVER), true));
        assertThat(Cast.DEPLOYER.actorInAnotherChat())
                .isEqualTo(new Actor(111111, "Dana", Optional.of(Role.DEPLOYER), false));
        assertThat(Cast.STRANGER.actor().role()).isEmpty();
    }

    @Test
    void everyChatIsAGroupOfItsOwn() {
        List<Long> chats = new ArrayList<>(Cast.teamChats());
        chats.add(Cast.CHANNEL);
        chats.add(Cast.FOREIGN_GROUP);
        chats.add(Cast.ANOTHER_FOREIGN_GROUP);

        assertThat(chats).hasSize(Cast.EXTRA_TEAM_CHATS + 5).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNegative());
    }
}
