package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.dora.Dora;
import dev.promobot.dora.Report;
import dev.promobot.promotion.MeasureDelivery;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * /dora [env] [days]: the DORA figures (deployment frequency, lead time for changes, change failure rate, time to
 * restore) per environment, over the last 7 and 30 days, or over the days asked for (docs/dora.md).
 */
@ApplicationScoped
public class DoraCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("dora", "/dora [env] [days]",
            "deployment frequency, lead time, failure rate, time to restore", Permission.VIEW).withService();

    /** The message: templates/DoraCommand/dora.html. */
    record dora(String environment, List<EnvironmentFigures> environments, String failureWindow,
                String leadTimesFrom) implements TemplateInstance {
    }

    record EnvironmentFigures(String name, List<WindowLine> windows) {
    }

    /** @param line the window's figures in words ({@link Dora#line}) */
    record WindowLine(int days, String line) {
    }

    private final MeasureDelivery measure;
    private final Settings settings;

    DoraCommand(MeasureDelivery measure, Settings settings) {
        this.measure = measure;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        ServiceArgument.choose(command, settings.services(), this::runFor);
    }

    private void runFor(Service service, CommandContext context) {
        Optional<String> environment = Optional.empty();
        Optional<Integer> days = Optional.empty();
        for (String arg : context.args()) {
            if (days.isEmpty() && arg.matches("[0-9]{1,3}") && Integer.parseInt(arg) >= 1
                    && Integer.parseInt(arg) <= Dora.MAX_DAYS) {
                days = Optional.of(Integer.parseInt(arg));
            } else if (environment.isEmpty() && service.pipeline().environment(arg).isPresent()) {
                environment = Optional.of(arg);
            } else {
                context.replyText("Usage: " + SPEC.usage(settings.services().several()) + "; environments: "
                        + String.join(", ", service.pipeline().names())
                        + "; days 1 to " + Dora.MAX_DAYS + " (without, the last 7 and 30)");
                return;
            }
        }
        List<String> environments = environment.map(List::of).orElse(service.pipeline().names());
        Report report = measure.measure(service, environments, days.map(List::of).orElse(Dora.DEFAULT_DAYS));
        context.reply(Messages.render(new dora(environment.orElse(""), environments.stream()
                .map(name -> new EnvironmentFigures(name, report.of(name).stream()
                        .map(figures -> new WindowLine(figures.days(), Dora.line(figures))).toList()))
                .toList(), Dora.duration(report.failureWindow()), report.leadTimesFrom())));
    }
}
