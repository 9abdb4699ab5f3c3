package dev.promobot.chat;

import dev.promobot.rules.Service;
import dev.promobot.rules.Services;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
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

    /**
     * Runs the command for the service meant, with the service's word taken off its arguments; where the chat
     * could mean several and none is named, answers with the services to choose from instead.
     */
    static void choose(CommandContext context, Services services, BiConsumer<Service, CommandContext> command) {
        Optional<Chosen> named = named(context, services);
        List<Service> meant = services.meantIn(context.chatId());
        if (named.isPresent()) {
            command.accept(named.get().service(), named.get().context());
        } else if (meant.size() == 1) {
            command.accept(meant.get(0), context);
        } else {
            context.replyText(whichService(context, meant));
        }
    }

    /** "/promote [service] <env> [tag]" where there are several services, else "/promote <env> [tag]". */
    static String usage(boolean severalServices, String command, String arguments) {
        return command + (severalServices ? " [service]" : "") + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** "Which service? /promote <service> staging, with one of: api, report-worker." */
    static String whichService(CommandContext context, List<Service> meant) {
        String rest = context.args().isEmpty() ? "" : " " + String.join(" ", context.args());
        return "Which service? /" + context.commandName() + " <service>" + rest + ", with one of: "
                + meant.stream().map(Service::name).collect(Collectors.joining(", ")) + ".";
    }
}
