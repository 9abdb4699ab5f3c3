package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.TelegramStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Clock;
import java.util.Map;

/**
 * Starts the Telegram and AWS stand-ins for the Quarkus tests and points promobot at them through its ordinary
 * configuration keys, as an operator would point it at Telegram and AWS. Team chat {@value #TEAM_CHAT}; users:
 * a viewer, a deployer, two approvers and an admin.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    public static final long TEAM_CHAT = -1001234567890L;
    /**
     * More team chats, one per test where a test talks a lot: Telegram allows a group 20 messages a minute, and
     * promobot keeps to that, so one busy shared group would make later tests wait.
     */
    public static final int EXTRA_TEAM_CHATS = 40;
    public static final long CHANNEL = -1009876543210L;
    public static final long VIEWER = 500000;
    public static final long DEPLOYER = 111111;
    public static final long APPROVER = 222222;
    public static final long SECOND_APPROVER = 333333;
    public static final long ADMIN = 444444;
    public static final String API_TOKEN = "ci-token-0123456789abcdef";

    private static TelegramStandIn telegram;
    private static AwsStandIn aws;

    public static TelegramStandIn telegram() {
        return telegram;
    }

    public static AwsStandIn aws() {
        return aws;
    }

    private static java.util.List<Seed.Image> seeded = java.util.List.of();

    /** Puts ECR and Lambda back to the standard seed. */
    public static void reseedAws() {
        aws.reset();
        seeded = Seed.apply(aws, Clock.systemUTC());
    }

    /** The seeded images, newest first. */
    public static java.util.List<Seed.Image> seededImages() {
        return seeded;
    }

    @Override
    public Map<String, String> start() {
        telegram = TelegramStandIn.start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        for (int i = 0; i < EXTRA_TEAM_CHATS; i++) {
            telegram.openChat(teamChat(i), "supergroup", "Team " + i);
        }
        telegram.openChat(CHANNEL, "channel", "Deployments");
        aws = AwsStandIn.start();
        seeded = Seed.apply(aws, Clock.systemUTC());
        // The AWS SDK's default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        return Map.ofEntries(
                Map.entry("promobot.telegram.api-url", telegram.baseUrl().toString()),
                Map.entry("promobot.telegram.token", telegram.token()),
                Map.entry("promobot.telegram.chats", teamChats()),
                Map.entry("promobot.telegram.channel", String.valueOf(CHANNEL)),
                Map.entry("promobot.access.viewers", String.valueOf(VIEWER)),
                Map.entry("promobot.access.deployers", String.valueOf(DEPLOYER)),
                Map.entry("promobot.access.approvers", APPROVER + "," + SECOND_APPROVER),
                Map.entry("promobot.access.admins", String.valueOf(ADMIN)),
                Map.entry("promobot.aws.endpoint-override", aws.endpoint().toString()),
                Map.entry("promobot.aws.region", aws.region()),
                Map.entry("promobot.api.token", API_TOKEN));
    }

    /** The i-th extra team chat. */
    public static long teamChat(int i) {
        return TEAM_CHAT - 1 - i;
    }

    private static String teamChats() {
        StringBuilder chats = new StringBuilder(String.valueOf(TEAM_CHAT));
        for (int i = 0; i < EXTRA_TEAM_CHATS; i++) {
            chats.append(',').append(teamChat(i));
        }
        return chats.toString();
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
