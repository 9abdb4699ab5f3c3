package dev.promobot.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.promobot.rules.Fixture.ADMIN;
import static dev.promobot.rules.Fixture.APPROVER;
import static dev.promobot.rules.Fixture.OLD_IMAGE;
import static dev.promobot.rules.Fixture.PROD_IMAGE;
import static dev.promobot.rules.Fixture.SECOND_APPROVER;
import static org.assertj.core.api.Assertions.assertThat;

/** R7 for rollback requests: bound to what the environment ran when asked, with their own approval count. */
class RollbackRequestRulesTest {

    /** A prod rollback is asked for by an approver or above (DESIGN: /rollback), here the admin. */
    private static ApprovalRequest rollbackOfProd(int approvals, Long... approvers) {
        return new ApprovalRequest(7, "prod", OLD_IMAGE.digest(), "sha-1111111-20251101", Optional.empty(),
                ADMIN.userId(), ADMIN.name(), Instant.parse("2025-11-28T09:00:00Z"), List.of(approvers),
                RequestKind.ROLLBACK, approvals, Optional.of(PROD_IMAGE.digest()));
    }

    @Test
    void approvingARollbackRequestWhileProdStillRunsTheSameImageDeploysTheRollbackTarget() {
        Snapshot snapshot = Fixture.snapshot().request(rollbackOfProd(1)).build();

        Decision decision = Rules.decide(snapshot, APPROVER, new Action.Approve(7));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.deployNow()).isTrue();
        assertThat(decision.image()).hasValueSatisfying(image -> assertThat(image.digest())
                .isEqualTo(OLD_IMAGE.digest()));
    }

    @Test
    void aRollbackRequestNeedsItsOwnNumberOfApprovals() {
        Snapshot snapshot = Fixture.snapshot().request(rollbackOfProd(2)).build();

        Decision first = Rules.decide(snapshot, APPROVER, new Action.Approve(7));

        assertThat(first.allowed()).isTrue();
        assertThat(first.deployNow()).isFalse();
        assertThat(first.approvalsNeeded()).isEqualTo(2);
        Snapshot later = Fixture.snapshot().request(rollbackOfProd(2, APPROVER.userId())).build();
        assertThat(Rules.decide(later, SECOND_APPROVER, new Action.Approve(7)).deployNow()).isTrue();
    }

    @Test
    void aRollbackRequestIsVoidOnceProdRunsSomethingElse() {
        Snapshot snapshot = Fixture.snapshot().runs("prod", Fixture.STAGING_IMAGE).request(rollbackOfProd(1))
                .build();

        Decision decision = Rules.decide(snapshot, APPROVER, new Action.Approve(7));

        assertThat(decision.refusedBy(Rule.R7)).isTrue();
        assertThat(decision.sentences()).contains("prod no longer runs the image it ran when rollback #7 was "
                + "requested: request #7 is void");
    }
}
