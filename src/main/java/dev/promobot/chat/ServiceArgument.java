package dev.promobot.chat;

import dev.promobot.rules.Service;
import dev.promobot.rules.Services;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service a command is about: named as its first word, or left out where the chat can mean only one (one
 * service is configured, or the chat is bound to one). Otherwise the command is answered with one line listing
 * the services to choose from, and changes nothing.
 */
final class ServiceArgument {

    /** The service chosen, and the command with the service's word taken off its arguments. */
    record Chosen(Service service, CommandContext context) {
    }

    private ServiceArgument() {
    }

    /** The service the first word names, if it names one. */
    static Optional<Chosen> named(CommandContext context, Services services) {
        List<String> rest = context.args().subList(Math.min(1, context.args().size()), context.args().size());
        return context.arg(0).flatMap(services::named).map(service -> new Chosen(service, context.withArgs(rest)));
    }

    /** The service meant, or empty once the command has been answered with the services to choose from. */
    static Optional<Chosen> choose(CommandContext context, Services services) {
        Optional<Chosen> named = named(context, services);
        if (named.isPresent()) {
            return named;
        }
        List<Service> meant = services.meantIn(context.chatId());
        if (meant.size() == 1) {
            return Optional.of(new Chosen(meant.get(0), context));
        }
        context.replyText(whichService(context, meant));
        return Optional.empty();
    }

    /** "Which service? /promote <service> staging, with one of: api, report-worker." */
    static String whichService(CommandContext context, List<Service> meant) {
        String rest = context.args().isEmpty() ? "" : " " + String.join(" ", context.args());
        return "Which service? /" + context.commandName() + " <service>" + rest + ", with one of: "
                + meant.stream().map(Service::name).collect(Collectors.joining(", ")) + ".";
    }
}
