package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.ExplainPromotion.Explanation;
import dev.promobot.promotion.ExplainPromotion;
import dev.promobot.promotion.PromoteImage;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Freeze;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /why &lt;env&gt; [tag | release tag]: every reason /promote would be refused right now, from the same engine and
 * the same question as the decision endpoint ({@link ExplainPromotion}), or what it would deploy; and what stands
 * around it: the freeze, freeze windows, locks, deployments in flight and open requests with the approvals they
 * still need.
 */
@ApplicationScoped
public class WhyCommand implements ChatCommand {

    /** The message: templates/WhyCommand/why.html. */
    record why(String command, List<ReasonView> reasons, Optional<ImageView> image, int approvalsNeeded,
               Optional<FreezeView> freeze, List<WindowView> windows, Optional<LockView> lock,
               Optional<FlightView> inFlight, List<RequestView> requests) implements TemplateInstance {
    }

    record ReasonView(String sentence, String rule, String title) {
    }

    record ImageView(String tag, String digest) {
    }

    record FreezeView(String by, String since, String reason, int votes, int needed) {
    }

    /** A freeze window on the environment: in force (until its end) or the next one (from its start). */
    record WindowView(String name, boolean inForce, String start, String end, String reason) {
    }

    record LockView(String by, String since, String reason) {
    }

    record FlightView(String by, String since) {
    }

    record RequestView(long id, String tag, int approvals, int needed, String requester, boolean expired) {
        public int stillNeeded() {
            return Math.max(0, needed - approvals);
        }
    }

    private static final Spec SPEC = Spec.looking("why", "/why <env> [tag | release tag]",
            "every reason a promotion would be refused now", Permission.VIEW).withService();

    private final ExplainPromotion explain;
    private final Settings settings;

    WhyCommand(ExplainPromotion explain, Settings settings) {
        this.explain = explain;
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
        Optional<String> env = context.arg(0);
        if (env.isEmpty() || context.args().size() > 2) {
            context.replyText("Usage: " + SPEC.usage(settings.services().several()) + ", e.g. /why staging");
            return;
        }
        Action.Promote promote = PromoteImage.action(service, env.get(), context.arg(1), Optional.empty());
        context.reply(render(explain.explain(service, promote), context.arg(1)));
    }

    String render(Explanation explanation, Optional<String> second) {
        Snapshot s = explanation.snapshot();
        Decision decision = explanation.decision();
        ZoneId zone = settings.timeZone();
        String name = explanation.question().environment();
        Optional<Environment> env = s.pipeline().environment(name);
        String command = "/promote " + name + second.map(word -> " " + word).orElse("");
        return Messages.render(new why(command,
                decision.reasons().stream().map(reason -> new ReasonView(reason.sentence(), reason.rule().name(),
                        reason.rule().title())).toList(),
                decision.image().map(image -> new ImageView(image.label(), image.digest().shortForm())),
                decision.approvalsNeeded(),
                s.freeze().map(freeze -> freezeView(freeze, zone)),
                env.map(e -> windows(explanation, e.name(), zone)).orElse(List.of()),
                env.flatMap(e -> s.lock(e.name())).map(lock -> new LockView(lock.lockedByName(),
                        Formats.time(lock.since(), zone), lock.reason())),
                env.flatMap(e -> s.inFlight(e.name())).map(flight -> new FlightView(flight.startedByName(),
                        Formats.time(flight.since(), zone))),
                env.map(e -> requests(s, e)).orElse(List.of())));
    }

    static FreezeView freezeView(Freeze freeze, ZoneId zone) {
        return new FreezeView(freeze.frozenByName(), Formats.time(freeze.since(), zone), freeze.reason(),
                freeze.unfreezeVoterIds().size(), Freeze.VOTES_TO_LIFT);
    }

    /** The windows in force on the environment, and the next one that will be. */
    private static List<WindowView> windows(Explanation explanation, String env, ZoneId zone) {
        List<WindowView> views = new ArrayList<>(explanation.snapshot().windowsInForce(env).stream()
                .map(window -> view(window, true, zone)).toList());
        explanation.upcomingWindows().stream().filter(window -> window.covers(env)).findFirst()
                .ifPresent(window -> views.add(view(window, false, zone)));
        return views;
    }

    private static WindowView view(FreezeWindow window, boolean inForce, ZoneId zone) {
        return new WindowView(window.name(), inForce, Formats.time(window.start(), zone),
                Formats.time(window.end(), zone), window.reason());
    }

    private static List<RequestView> requests(Snapshot s, Environment env) {
        return s.openRequests().stream().filter(request -> request.environment().equals(env.name()))
                .map(request -> new RequestView(request.id(), request.tag(), Rules.countingApprovals(s, request),
                        request.approvalsNeeded(env), request.requesterName(), request.expiredAt(s.now())))
                .toList();
    }
}
