package dev.promobot.store;

import dev.promobot.Cast;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.sandbox.SentMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many readers at once share the pool without waiting it out: nothing holds two connections at a time. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ConnectionPoolTest {

    @TestHTTPResource("/api/decisions?target=staging")
    URI decisions;

    @Test
    void fiftyStatusCommandsAndFiftyDecisionCallsAtOnceAllGetTheirAnswer() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(decisions).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + StandIns.API_TOKEN).GET().build();
        List<Conversation> chats = IntStream.range(0, 5).mapToObj(i -> Conversation.team())
                .toList();

        List<SentMessage> commands = IntStream.range(0, 50)
                .mapToObj(i -> chats.get(i % chats.size()).says(Cast.VIEWER, "/status")).toList();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();

        assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        for (int i = 0; i < commands.size(); i++) {
            Conversation chat = chats.get(i % chats.size());
            SentMessage command = commands.get(i);
            await().atMost(Duration.ofSeconds(120)).until(() -> chat.reply(command).isPresent());
            assertThat(chat.reply(command).orElseThrow().text()).doesNotContain("went wrong");
        }
    }
}
