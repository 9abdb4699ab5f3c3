package dev.promobot.chat;

import dev.promobot.promotion.DeployResult.RequestNotOpened;
import dev.promobot.promotion.DeployResult;
import dev.promobot.promotion.Refusal;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The answer to /promote and /rollback. A deployment that started or a request that opened has announced itself
 * already (its progress or request message); what is left to say here is why nothing happened.
 */
final class DeployAnswers {

    /** The message: templates/DeployAnswers/requestNotOpened.html. */
    record requestNotOpened(String environment, List<String> problems) implements TemplateInstance {
    }

    private DeployAnswers() {
    }

    static void answer(CommandContext context, DeployResult result, String refusalHeading) {
        if (result instanceof Refusal refusal) {
            context.replyRefusal(refusalHeading, refusal);
        } else if (result instanceof RequestNotOpened notOpened) {
            context.reply(Messages.render(new requestNotOpened(notOpened.environment(), notOpened.problems())));
        }
    }
}
