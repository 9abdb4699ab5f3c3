package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Phrases;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Service;
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
     * @param service     the service the request belongs to, when known: what the audit trail files it under
     * @param environment the configured environment the command named, if it named one: what the audit trail files
     *                    a refusal under (never an unchecked argument)
     */
    record Found(Optional<Long> requestId, String problem, Optional<String> service, Optional<String> environment) {

        static Found request(StoredRequest request) {
            return new Found(Optional.of(request.id()), "", Optional.of(request.service()),
                    Optional.of(request.request().environment()));
        }

        static Found none(String problem, Optional<String> service, Optional<String> environment) {
            return new Found(Optional.empty(), problem, service, environment);
        }
    }

    /**
     * A button names its request by id; whether it is still open is the rules' to say.
     *
     * @param verb "approve" or "reject", for the sentence that says how to point at a request
     */
    Found find(RequestPointer pointer, String verb) {
        if (pointer.requestId().isPresent()) {
            return new Found(pointer.requestId(), "", Optional.empty(), Optional.empty());
        }
        Optional<String> env = pointer.environment();
        if (env.isPresent() && !settings.services().environmentNames().contains(env.get())) {
            return noSuchEnvironment(pointer, env.get());
        }
        if (pointer.replyTo().isPresent()) {
            // The message replied to says which request is meant, whichever service the chat is bound to; only
            // what the command itself names must agree with it.
            Optional<StoredRequest> replied = requests.findByMessage(pointer.chatId(), pointer.replyTo().get());
            if (replied.isPresent()) {
                StoredRequest request = replied.get();
                Optional<String> service = Optional.of(request.service());
                if (env.isPresent() && !env.get().equals(request.request().environment())) {
                    return Found.none("That request is for " + request.request().environment()
                            + ", not " + env.get() + ".", service, env);
                }
                if (pointer.named().isPresent() && !pointer.named().get().equals(request.service())) {
                    return Found.none("That request is for " + request.service() + ", not "
                            + pointer.named().get() + ".", service, env);
                }
                return Found.request(request);
            }
        }
        List<Service> services = pointer.services().stream()
                .filter(service -> env.isEmpty() || service.pipeline().environment(env.get()).isPresent()).toList();
        Optional<String> named = named(pointer);
        if (env.isPresent() && services.isEmpty()) {
            return noSuchEnvironment(pointer, env.get());
        }
        Optional<String> service = services.size() == 1 ? Optional.of(services.get(0).name()) : Optional.empty();
        if (env.isEmpty()) {
            return Found.none("Reply to the request with /" + verb + " <env>, or name the "
                    + "environment: /" + verb + " prod", named, Optional.empty());
        }
        List<String> meant = services.stream().map(Service::name).toList();
        List<StoredRequest> open = requests.openStored().stream()
                .filter(stored -> meant.contains(stored.service()))
                .filter(stored -> stored.request().environment().equals(env.get())).toList();
        if (open.isEmpty()) {
            return Found.none("There is no open request for " + env.get() + ".", service, env);
        }
        if (open.size() > 1) {
            List<String> of = open.stream().map(StoredRequest::service).distinct().toList();
            return Found.none(env.get() + " has " + open.size() + " open requests"
                    + (of.size() > 1 ? " (" + String.join(", ", of) + ")" : "")
                    + "; reply to the one you mean.", service, env);
        }
        return Found.request(open.get(0));
    }

    private static Found noSuchEnvironment(RequestPointer pointer, String env) {
        return Found.none("There is no environment " + Phrases.quoted(env) + "; the environments are "
                + String.join(", ", environmentNames(pointer.services())) + ".", named(pointer), Optional.empty());
    }

    /** The service the audit trail files an answer under: the only one the command can mean, if it is one. */
    private static Optional<String> named(RequestPointer pointer) {
        return pointer.services().size() == 1 ? Optional.of(pointer.services().get(0).name()) : Optional.empty();
    }

    private static List<String> environmentNames(List<Service> services) {
        return services.stream().flatMap(service -> service.pipeline().names().stream()).distinct().toList();
    }

    /**
     * A request found by id, as stored, with its service while promobot still serves it.
     *
     * @param stored  empty when there is no such request
     * @param service empty when there is no such request, or its service is no longer configured
     */
    record Located(long requestId, Optional<StoredRequest> stored, Optional<Service> service) {

        Optional<String> serviceName() {
            return stored.map(StoredRequest::service);
        }

        Optional<String> environment() {
            return stored.map(request -> request.request().environment());
        }

        /** Why it cannot be acted on: it does not exist, or belongs to a service promobot no longer serves. */
        Reason notServed() {
            return new Reason(Rule.R7, stored.map(request -> "request #" + requestId + " is for "
                    + request.service() + ", which promobot no longer serves")
                    .orElse("there is no open approval request #" + requestId));
        }
    }

    Located locate(long requestId) {
        Optional<StoredRequest> stored = requests.find(requestId);
        return new Located(requestId, stored, stored.flatMap(request -> settings.services().named(request.service())));
    }
}
