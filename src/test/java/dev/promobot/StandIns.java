package dev.promobot;

import dev.promobot.rules.Role;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.TelegramStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the Telegram and AWS stand-ins for the Quarkus tests and points promobot at them through its ordinary
 * configuration keys, as an operator would point it at Telegram and AWS. The chats, the channel and the people
 * with their roles are {@link Cast}'s.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    public static final String API_TOKEN = "ci-token-0123456789abcdef";

    private static TelegramStandIn telegram;
    private static AwsStandIn aws;

    public static TelegramStandIn telegram() {
        return telegram;
    }

    public static AwsStandIn aws() {
        return aws;
    }

    private static List<Seed.SeedImage> seeded = List.of();

    /** Puts ECR and Lambda back to the standard seed. */
    public static void reseedAws() {
        aws.reset();
        seeded = Seed.apply(aws, Clock.systemUTC());
    }

    /** The seeded images, newest first. */
    public static List<Seed.SeedImage> seededImages() {
        return seeded;
    }

    @Override
    public Map<String, String> start() {
        telegram = TelegramStandIn.start();
        telegram.openChat(Cast.TEAM_CHAT, "supergroup", "Team");
        for (int i = 0; i < Cast.EXTRA_TEAM_CHATS; i++) {
            telegram.openChat(Cast.teamChat(i), "supergroup", "Team " + i);
        }
        telegram.openChat(Cast.FUZZ_TEAM_CHAT, "supergroup", "Fuzz");
        telegram.openChat(Cast.CHANNEL, "channel", "Deployments");
        aws = AwsStandIn.start();
        seeded = Seed.apply(aws, Clock.systemUTC());
        // The AWS SDK's default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        return Map.ofEntries(
                Map.entry("promobot.telegram.api-url", telegram.baseUrl().toString()),
                Map.entry("promobot.telegram.token", telegram.token()),
                Map.entry("promobot.telegram.chats", Cast.teamChats().stream().map(String::valueOf)
                        .collect(Collectors.joining(","))),
                Map.entry("promobot.telegram.channel", String.valueOf(Cast.CHANNEL)),
                Map.entry("promobot.access.viewers", Cast.idsOf(Role.VIEWER)),
                Map.entry("promobot.access.deployers", Cast.idsOf(Role.DEPLOYER)),
                Map.entry("promobot.access.approvers", Cast.idsOf(Role.APPROVER)),
                Map.entry("promobot.access.admins", Cast.idsOf(Role.ADMIN)),
                Map.entry("promobot.aws.endpoint-override", aws.endpoint().toString()),
                Map.entry("promobot.aws.region", aws.region()),
                Map.entry("promobot.api.token", API_TOKEN));
    }

    @Override
    public void stop() {
        if (telegram != null) {
            telegram.close();
        }
        if (aws != null) {
            aws.close();
        }
    }
}
