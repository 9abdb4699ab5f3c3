package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.DeployResult;
import dev.promobot.promotion.PromoteImage;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * /promote &lt;env&gt; [tag | release tag]: deploys exactly the image the environment's source runs, at once, or,
 * where the environment needs approval, opens a promotion request with Approve and Reject buttons. An admin may end
 * it with {@code --override <reason>} to promote through a freeze window in force.
 */
@ApplicationScoped
public class PromoteCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("promote",
            "/promote <env> [tag], /promote prod vX.Y.Z, ... --override <reason> (admins, in a freeze window)",
            "deploy what the source environment runs", Permission.PROMOTE).withService();
    private static final String OVERRIDE = "--override";

    private final PromoteImage promote;

    private final Settings settings;

    PromoteCommand(PromoteImage promote, Settings settings) {
        this.settings = settings;
        this.promote = promote;
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
        // "--override <reason>" ends the command: everything after it is the reason.
        int at = context.args().indexOf(OVERRIDE);
        List<String> words = at < 0 ? context.args() : context.args().subList(0, at);
        Optional<String> override = at < 0 ? Optional.empty() : Optional.of(context.rest(at + 1));
        if (words.isEmpty() || words.size() > 2) {
            context.replyText("Usage: " + ServiceArgument.usage(settings.services().several(), "/promote",
                    "<env> [tag]") + ", e.g. /promote staging");
            return;
        }
        String env = words.get(0);
        Optional<String> second = words.size() > 1 ? Optional.of(words.get(1)) : Optional.empty();
        DeployResult result = promote.promote(context.actor(), service, env, second, override,
                context.origin());
        DeployAnswers.answer(context, result, "Not promoted to " + env);
    }
}
