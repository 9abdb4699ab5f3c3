package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Announcements;
import dev.promobot.promotion.DeploymentOutcome;
import dev.promobot.promotion.DeploymentPlan;
import dev.promobot.promotion.Origin;
import dev.promobot.promotion.RequestStatus;
import dev.promobot.promotion.SettledDeployment;
import dev.promobot.promotion.StoredRequest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.ApprovalRequest;
import dev.promobot.telegram.Html;
import dev.promobot.telegram.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * What promotion announces, as the chat shows it: a deployment's progress message and its outcome in place, and a
 * request's message with its buttons, kept up to date through approvals, deployment, rejection or expiry.
 */
@ApplicationScoped
public class ChatAnnouncements implements Announcements {

    private final Outbox outbox;
    private final Settings settings;

    ChatAnnouncements(Outbox outbox, Settings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public long deploymentStarted(DeploymentPlan plan, Origin origin) {
        String env = Html.escape(plan.environment().name());
        return outbox.send(origin.chatId(), "⏳ " + verb(plan) + " <b>" + env + "</b> to " + Formats.image(plan.image())
                + " (was " + Html.code(plan.fromLabel()) + ")…", Optional.of(origin.messageId()), Optional.empty());
    }

    @Override
    public void deploymentFinished(DeploymentOutcome outcome, long outboxId, Origin origin) {
        DeploymentPlan plan = outcome.plan();
        String env = Html.escape(plan.environment().name());
        String text = outcome.succeeded()
                ? "✅ <b>" + env + "</b> now runs " + Formats.image(plan.image()) + "\n"
                        + Html.code(plan.fromLabel()) + " → " + Html.code(plan.image().label()) + " in "
                        + Formats.seconds(outcome.took()) + ", by " + Html.escape(plan.actor().name())
                : "❌ " + verb(plan) + " <b>" + env + "</b> to " + Html.code(plan.image().label())
                        + " failed after " + Formats.seconds(outcome.took()) + ": "
                        + Html.escape(outcome.failure().orElse("unknown failure"));
        outbox.edit(outboxId, origin.chatId(), text, Optional.empty());
    }

    @Override
    public void deploymentSettled(SettledDeployment settled) {
        String icon = switch (settled.status()) {
            case SUCCEEDED -> "✅ ";
            case RESTORED -> "↩️ ";
            default -> "❌ ";
        };
        String text = icon + Html.escape(capitalised(settled.sentence())) + ".";
        Optional<Long> chat = settled.deployment().chatId();
        Optional<Long> message = settled.deployment().outboxId();
        if (chat.isPresent() && message.isPresent()) {
            outbox.edit(message.get(), chat.get(), text, Optional.empty());
        } else {
            chat.or(settings::channelOrFirstChat)
                    .ifPresent(id -> outbox.send(id, text, Optional.empty(), Optional.empty()));
        }
    }

    @Override
    public long requestOpened(StoredRequest request, Origin origin) {
        return outbox.send(origin.chatId(), render(request, "waiting for approval"),
                Optional.of(origin.messageId()), Optional.of(RequestButtons.of(request.id())));
    }

    @Override
    public void approvalRecorded(StoredRequest request, int approvals, int needed) {
        edit(request, "approvals " + approvals + " of " + needed + ": " + String.join(", ", request.approverNames()),
                true);
    }

    @Override
    public void requestApproved(StoredRequest request, Optional<DeploymentPlan> deployment, List<String> notDeployedBecause) {
        edit(request, deployment.isPresent()
                ? "approved by " + String.join(", ", request.approverNames()) + "; ⏳ deploying…"
                : "approved, but not deployed: " + String.join("; ", notDeployedBecause), false);
    }

    @Override
    public void requestDeployed(StoredRequest request, DeploymentOutcome outcome) {
        DeploymentPlan plan = outcome.plan();
        edit(request, outcome.succeeded()
                ? "✅ deployed by approval of " + String.join(", ", request.approverNames()) + ": "
                        + plan.fromLabel() + " → " + plan.image().label() + " in " + Formats.seconds(outcome.took())
                : "❌ deploying failed after " + Formats.seconds(outcome.took()) + ": "
                        + outcome.failure().orElse("unknown failure"), false);
    }

    @Override
    public void requestRejected(StoredRequest request, String by, String reason) {
        edit(request, "❌ rejected by " + by + ": " + reason, false);
    }

    @Override
    public void requestClosed(StoredRequest request) {
        edit(request, request.status() == RequestStatus.EXPIRED
                ? "⌛ expired at " + Formats.time(request.request().expiresAt(), settings.timeZone())
                : "⚠️ void: " + request.closedReason().orElse("what it was bound to changed"), false);
    }

    private void edit(StoredRequest stored, String status, boolean keepButtons) {
        stored.outboxId().ifPresent(id -> outbox.edit(id, stored.chatId().orElseThrow(), render(stored, status),
                keepButtons ? Optional.of(RequestButtons.of(stored.id())) : Optional.empty()));
    }

    String render(StoredRequest stored, String status) {
        ApprovalRequest request = stored.request();
        Environment env = settings.pipeline().environment(request.environment()).orElseThrow();
        StringBuilder out = new StringBuilder(request.isRollback() ? "↩️ <b>Rollback request #"
                : "✋ <b>Promotion request #")
                .append(request.id()).append("</b> · ").append(Html.escape(request.environment()))
                .append("\nimage: ").append(Html.code(request.tag())).append(" (")
                .append(request.digest().shortForm()).append(")");
        String sha = ImageTag.parse(request.tag()).value().map(ImageTag::shortSha).orElse("");
        if (!sha.isEmpty()) {
            out.append("\ngit: ").append(settings.github()
                    .map(github -> "<a href=\"https://github.com/" + Html.escape(github.repository()) + "/commit/"
                            + sha + "\">" + sha + "</a>").orElse(sha));
        }
        request.releaseTag().ifPresent(tag -> out.append("\nrelease tag: ").append(Html.code(tag.toString())));
        stored.releaseCheck().filter(line -> !line.isBlank())
                .ifPresent(line -> out.append("\n").append(Html.escape(line)));
        out.append("\n").append(Html.escape(request.environment())).append(" runs now: ")
                .append(stored.replacesTag().map(Html::code).orElse("nothing known"))
                .append("\nrequested by ").append(Html.escape(request.requesterName()))
                .append(" · expires ").append(Formats.time(request.expiresAt(), settings.timeZone()))
                .append("\nneeds ").append(request.approvalsNeeded(env)).append(" approval(s), not from the requester")
                .append("\n\n").append(Html.escape(status));
        return out.toString();
    }

    private static String verb(DeploymentPlan plan) {
        return plan.isRollback() ? "Rolling back" : "Promoting";
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
