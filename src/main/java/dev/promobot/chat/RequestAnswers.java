package dev.promobot.chat;

import dev.promobot.promotion.ApproveResult.ApprovalRecorded;
import dev.promobot.promotion.ApproveResult.RequestApproved;
import dev.promobot.promotion.ApproveResult;
import dev.promobot.promotion.NoRequest;
import dev.promobot.promotion.Refusal;
import dev.promobot.promotion.RejectResult.RequestRejected;
import dev.promobot.promotion.RejectResult;

/**
 * The short answer to an approval or rejection, the same for the command and the button (where Telegram shows it
 * as a toast, or an alert when it starts with ⛔). Plain text; the caller escapes it for a chat message.
 */
final class RequestAnswers {

    private RequestAnswers() {
    }

    static String of(ApproveResult result) {
        if (result instanceof Refusal refusal) {
            return "⛔ " + refusal.sentences();
        }
        if (result instanceof NoRequest none) {
            return none.sentence();
        }
        if (result instanceof ApprovalRecorded recorded) {
            return "Approved #" + recorded.request().id() + " (" + recorded.approvals() + " of " + recorded.needed()
                    + ")." + (recorded.noLongerCounting() == 0 ? "" : " " + recorded.noLongerCounting()
                    + " earlier approval(s) no longer count: their approvers are no longer approvers.");
        }
        RequestApproved approved = (RequestApproved) result;
        long id = approved.request().id();
        return approved.deployment()
                .map(plan -> "Approved #" + id + "; deploying to " + plan.environment().name() + ".")
                .orElse("Approved #" + id + ", but it could not deploy: "
                        + new Refusal(approved.notDeployedBecause()).sentences());
    }

    static String of(RejectResult result) {
        if (result instanceof Refusal refusal) {
            return "⛔ " + refusal.sentences();
        }
        if (result instanceof NoRequest none) {
            return none.sentence();
        }
        return "Rejected #" + ((RequestRejected) result).request().id() + ".";
    }
}
