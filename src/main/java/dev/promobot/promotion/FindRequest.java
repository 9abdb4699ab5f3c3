package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Phrases;
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
    private final Settings settings;

    FindRequest(ApprovalRequests requests, Settings settings) {
        this.requests = requests;
        this.settings = settings;
    }

    /**
     * The id of the request meant, or the sentence to answer with.
     *
     * @param environment the configured environment the command named, if it named one: what the audit trail files
     *                    a refusal under (never an unchecked argument)
     */
    record Found(Optional<Long> requestId, String problem, Optional<String> environment) {

        static Found request(StoredRequest request) {
            return new Found(Optional.of(request.id()), "", Optional.of(request.request().environment()));
        }

        static Found none(String problem, Optional<String> environment) {
            return new Found(Optional.empty(), problem, environment);
        }
    }

    /**
     * A button names its request by id; whether it is still open is the rules' to say.
     *
     * @param verb "approve" or "reject", for the sentence that says how to point at a request
     */
    Found find(RequestPointer pointer, String verb) {
        if (pointer.requestId().isPresent()) {
            return new Found(pointer.requestId(), "", Optional.empty());
        }
        Optional<String> env = pointer.environment();
        if (env.isPresent() && settings.pipeline().environment(env.get()).isEmpty()) {
            return Found.none("There is no environment " + Phrases.quoted(env.get()) + "; the environments are "
                    + String.join(", ", settings.pipeline().names()) + ".", Optional.empty());
        }
        if (pointer.replyTo().isPresent()) {
            Optional<StoredRequest> replied = requests.findByMessage(pointer.chatId(), pointer.replyTo().get());
            if (replied.isPresent()) {
                if (env.isPresent() && !env.get().equals(replied.get().request().environment())) {
                    return Found.none("That request is for " + replied.get().request().environment()
                            + ", not " + env.get() + ".", env);
                }
                return Found.request(replied.get());
            }
        }
        if (env.isEmpty()) {
            return Found.none("Reply to the request with /" + verb + " <env>, or name the "
                    + "environment: /" + verb + " prod", Optional.empty());
        }
        List<StoredRequest> open = requests.openStored().stream()
                .filter(stored -> stored.request().environment().equals(env.get())).toList();
        if (open.isEmpty()) {
            return Found.none("There is no open request for " + env.get() + ".", env);
        }
        if (open.size() > 1) {
            return Found.none(env.get() + " has " + open.size()
                    + " open requests; reply to the one you mean.", env);
        }
        return Found.request(open.get(0));
    }
}
