package dev.promobot.promotion;

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

    /** The id of the request meant, or the sentence to answer with. */
    record Found(Optional<Long> requestId, String problem) {

        static Found request(StoredRequest request) {
            return new Found(Optional.of(request.id()), "");
        }

        static Found none(String problem) {
            return new Found(Optional.empty(), problem);
        }
    }

    /**
     * A button names its request by id; whether it is still open is the rules' to say.
     *
     * @param verb "approve" or "reject", for the sentence that says how to point at a request
     */
    Found find(RequestPointer pointer, String verb) {
        if (pointer.requestId().isPresent()) {
            return new Found(pointer.requestId(), "");
        }
        Optional<String> env = pointer.environment();
        if (pointer.replyTo().isPresent()) {
            Optional<StoredRequest> replied = requests.findByMessage(pointer.chatId(), pointer.replyTo().get());
            if (replied.isPresent()) {
                if (env.isPresent() && !env.get().equals(replied.get().request().environment())) {
                    return Found.none("That request is for " + replied.get().request().environment()
                            + ", not " + env.get() + ".");
                }
                return Found.request(replied.get());
            }
        }
        if (env.isEmpty()) {
            return Found.none("Reply to the request with /" + verb + " <env>, or name the "
                    + "environment: /" + verb + " prod");
        }
        List<StoredRequest> open = requests.openStored().stream()
                .filter(stored -> stored.request().environment().equals(env.get())).toList();
        if (open.isEmpty()) {
            return Found.none("There is no open request for " + env.get() + ".");
        }
        if (open.size() > 1) {
            return Found.none(env.get() + " has " + open.size()
                    + " open requests; reply to the one you mean.");
        }
        return Found.request(open.get(0));
    }
}
