package dev.promobot.promotion;

import dev.promobot.rules.Freeze;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Image;
import dev.promobot.rules.Service;

import java.util.List;
import java.util.Optional;

/**
 * How the freeze and overrides of freeze windows reach people: in the team chat where they happened and in the
 * channel. The chat implements it (wording, templates, the outbox, pinning); promotion decides when.
 */
public interface FreezeAnnouncements {

    /**
     * The line is stopped: answered as a reply to the command and pinned there, and posted to the channel.
     * Returns the outbox id of the reply, to unpin when the freeze is lifted.
     *
     * @param service the one service frozen; empty: every service
     */
    long frozen(Optional<String> service, Freeze freeze, Origin origin);

    /**
     * The freeze is lifted: answered as a reply, the pinned announcement (when known) unpinned, and posted to
     * the channel.
     */
    void unfrozen(Optional<String> service, Freeze freeze, List<String> by, Optional<Long> pinnedChatId,
                  Optional<Long> pinnedOutboxId,
                  Origin origin);

    /** An admin overrode freeze windows for one promotion: posted to the channel with the reason. */
    void windowOverridden(Service service, String environment, Image image, List<FreezeWindow> windows, String by,
                          String reason);
}
