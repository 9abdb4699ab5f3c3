package dev.promobot.chat;

import dev.promobot.promotion.DeployResult;
import dev.promobot.promotion.Refusal;
import dev.promobot.promotion.RequestNotOpened;
import dev.promobot.telegram.Html;

import java.util.stream.Collectors;

/**
 * The answer to /promote and /rollback. A deployment that started or a request that opened has announced itself
 * already (its progress or request message); what is left to say here is why nothing happened.
 */
final class DeployAnswers {

    private DeployAnswers() {
    }

    static void answer(CommandContext context, DeployResult result, String refusalHeading) {
        if (result instanceof Refusal refusal) {
            context.replyRefusal(refusalHeading, refusal);
        } else if (result instanceof RequestNotOpened notOpened) {
            context.reply("⛔ No request opened for " + Html.escape(notOpened.environment()) + ":\n"
                    + notOpened.problems().stream().map(problem -> "• " + Html.escape(problem))
                    .collect(Collectors.joining("\n")));
        }
    }
}
