package dev.promobot.rules;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.promobot.rules.Fixture.digest;
import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentStateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", textBlock = """
            123.dkr.ecr.eu-west-1.amazonaws.com/repo:sha-abc1234-20251127,   sha-abc1234-20251127
            localhost:5000/team/repo:sha-abc1234-20251127,                   sha-abc1234-20251127
            localhost:5000/repo,                                             none
            123.dkr.ecr.eu-west-1.amazonaws.com/repo@sha256:abc,             none
            123.dkr.ecr.eu-west-1.amazonaws.com/repo:sha-abc1234@sha256:abc, none
            repo:,                                                           none
            """)
    void aFunctionsDeployedTagComesFromItsImageUri(String uri, String tag) {
        FunctionImage function = new FunctionImage("api", Optional.of(uri), Optional.empty());

        assertThat(function.deployedTag()).isEqualTo(Optional.ofNullable(tag));
    }

    @Test
    void anEnvironmentRunsOneImageWhenEveryFunctionReportsTheSameDigest() {
        EnvironmentState state = state(Optional.of(digest('a')), Optional.of(digest('a')));

        assertThat(state.digest()).contains(digest('a'));
        assertThat(state.consistent()).isTrue();
    }

    @Test
    void anEnvironmentWhoseFunctionsDisagreeRunsNoSingleImage() {
        EnvironmentState state = state(Optional.of(digest('a')), Optional.of(digest('b')));

        assertThat(state.digest()).isEmpty();
        assertThat(state.consistent()).isFalse();
        assertThat(state.digests()).containsExactly(digest('a'), digest('b'));
    }

    @Test
    void anEnvironmentWithAFunctionOfUnknownDigestRunsNoSingleImage() {
        EnvironmentState state = state(Optional.of(digest('a')), Optional.empty());

        assertThat(state.digest()).isEmpty();
        assertThat(state.consistent()).isTrue();
    }

    @Test
    void anEnvironmentWithoutFunctionsRunsNothing() {
        assertThat(new EnvironmentState("dev", List.of()).digest()).isEmpty();
    }

    @SafeVarargs
    private static EnvironmentState state(Optional<Digest>... digests) {
        List<FunctionImage> functions = new java.util.ArrayList<>();
        for (int i = 0; i < digests.length; i++) {
            functions.add(new FunctionImage("fn-" + i, Optional.empty(), digests[i]));
        }
        return new EnvironmentState("dev", functions);
    }
}
