package dev.promobot.promotion;

import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * What a promotion to an environment would come to right now, asked as a deployer in the team's chat would ask
 * it, and changing nothing: /why and the CI pipeline's decision endpoint ask the rules the same way, on the same
 * live state, so they answer alike.
 */
@ApplicationScoped
public class ExplainPromotion {

    /** The question is about the environment, not the asker: it is asked as a deployer in the team's chat. */
    public static final Actor AS_DEPLOYER = new Actor(0, "a deployer", Optional.of(Role.DEPLOYER), true);

    /**
     * The rules' answer, the state it was given, and the next start of each freeze window, which a snapshot does
     * not hold (it holds only those in force).
     */
    public record Explanation(Snapshot snapshot, Action.Promote question, Decision decision,
                              List<FreezeWindow> upcomingWindows) {
    }

    private final LiveState live;
    private final FreezeWindows windows;

    ExplainPromotion(LiveState live, FreezeWindows windows) {
        this.live = live;
        this.windows = windows;
    }

    /** @throws AwsProblem when ECR or Lambda cannot be read */
    public Explanation explain(Service service, Action.Promote promote) {
        Snapshot snapshot = live.observe(service).snapshot();
        return new Explanation(snapshot, promote, wouldPromote(snapshot, promote),
                windows.upcoming(snapshot.now()));
    }

    public static Decision wouldPromote(Snapshot snapshot, Action.Promote promote) {
        return Rules.decide(snapshot, AS_DEPLOYER, promote);
    }
}
