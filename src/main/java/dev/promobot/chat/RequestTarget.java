package dev.promobot.chat;

import dev.promobot.promotion.PromotionRequests.Stored;

import java.util.List;
import java.util.Optional;

/**
 * Which promotion request "/approve prod" or "/reject prod" means: the one the command replies to, else the
 * environment's only open request. Anything else is answered with what to do instead.
 */
final class RequestTarget {

    /** The request meant, or the sentence to answer with. */
    record Found(Optional<Stored> request, String problem) {
    }

    private RequestTarget() {
    }

    static Found find(CommandContext context, RequestFlow flow, String verb) {
        Optional<String> env = context.arg(0);
        if (context.replyToMessageId().isPresent()) {
            Optional<Stored> replied = flow.byMessage(context.chatId(), context.replyToMessageId().get());
            if (replied.isPresent()) {
                if (env.isPresent() && !env.get().equals(replied.get().request().target())) {
                    return new Found(Optional.empty(), "That request is for " + replied.get().request().target()
                            + ", not " + env.get() + ".");
                }
                return new Found(replied, "");
            }
        }
        if (env.isEmpty()) {
            return new Found(Optional.empty(), "Reply to the request with /" + verb + " &lt;env&gt;, or name the "
                    + "environment: /" + verb + " prod");
        }
        List<Stored> open = flow.openFor(env.get());
        if (open.isEmpty()) {
            return new Found(Optional.empty(), "There is no open request for " + Html.escape(env.get()) + ".");
        }
        if (open.size() > 1) {
            return new Found(Optional.empty(), Html.escape(env.get()) + " has " + open.size()
                    + " open requests; reply to the one you mean.");
        }
        return new Found(Optional.of(open.get(0)), "");
    }
}
