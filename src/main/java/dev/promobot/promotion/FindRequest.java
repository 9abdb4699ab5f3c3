package dev.promobot.promotion;

import dev.promobot.promotion.StoredRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Which request "/approve prod" or "/reject prod" means: the one the command replies to, else the environment's
 * only open request. Anything else is answered with what to do instead.
 */
@ApplicationScoped
class FindRequest {

    private final ApprovalRequests requests;

    FindRequest(ApprovalRequests requests) {
        this.requests = requests;
    }

    /** The request meant, or the sentence to answer with. */
    record Found(Optional<StoredRequest> request, String problem) {
    }

    /**
     * @param verb "approve" or "reject", for the sentence that says how to point at a request
     */
    Found find(RequestPointer pointer, String verb) {
        Optional<String> env = pointer.environment();
        if (pointer.replyTo().isPresent()) {
            Optional<StoredRequest> replied = requests.findByMessage(pointer.chatId(), pointer.replyTo().get());
            if (replied.isPresent()) {
                if (env.isPresent() && !env.get().equals(replied.get().request().environment())) {
                    return new Found(Optional.empty(), "That request is for " + replied.get().request().environment()
                            + ", not " + env.get() + ".");
                }
                return new Found(replied, "");
            }
        }
        if (env.isEmpty()) {
            return new Found(Optional.empty(), "Reply to the request with /" + verb + " <env>, or name the "
                    + "environment: /" + verb + " prod");
        }
        List<StoredRequest> open = requests.openStored().stream()
                .filter(stored -> stored.request().environment().equals(env.get())).toList();
        if (open.isEmpty()) {
            return new Found(Optional.empty(), "There is no open request for " + env.get() + ".");
        }
        if (open.size() > 1) {
            return new Found(Optional.empty(), env.get() + " has " + open.size()
                    + " open requests; reply to the one you mean.");
        }
        return new Found(Optional.of(open.get(0)), "");
    }
}
