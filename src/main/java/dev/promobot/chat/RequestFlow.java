package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Approvals;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.Finished;
import dev.promobot.promotion.Promotions.NeedsApproval;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.promotion.PromotionRequests.Stored;
import dev.promobot.promotion.ReleaseTagCheck;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Environment;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.PromotionRequest;
import dev.promobot.rules.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Approval requests in the chat: the request message with its Approve and Reject buttons, approving and rejecting
 * by command or button, the deployment the last approval starts, and the message kept up to date through all of
 * it (approvals so far, then the outcome, or expiry).
 */
@ApplicationScoped
public class RequestFlow {

    static final String APPROVE = "approve:";
    static final String REJECT = "reject:";

    private final Approvals approvals;
    private final Promotions promotions;
    private final Deployments deployments;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Settings settings;
    private final ManagedExecutor executor;

    RequestFlow(Approvals approvals, Promotions promotions, Deployments deployments, Outbox outbox, AuditTrail audit,
                Settings settings, ManagedExecutor executor) {
        this.approvals = approvals;
        this.promotions = promotions;
        this.deployments = deployments;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.executor = executor;
    }

    /** Posts a new request for a promotion (or rollback) the rules allowed pending approval. */
    public void open(CommandContext context, NeedsApproval plan, Optional<String> releaseTag,
                     PromotionRequest.Kind kind, int needed) {
        Optional<ReleaseTagCheck.Result> check = approvals.checkReleaseTag(plan.image(), releaseTag);
        if (check.isPresent() && !check.get().ok()) {
            String lines = check.get().problems().stream().map(p -> "• " + Html.escape(p))
                    .collect(Collectors.joining("\n"));
            context.reply("⛔ No request opened for " + Html.escape(plan.target().name()) + ":\n" + lines);
            record(context.userId(), context.userName(), context.chatId(), "promote", context.text(),
                    plan.target().name(), "refused", check.get().problems().toString());
            return;
        }
        String releaseCheck = check.map(ReleaseTagCheck.Result::summary).orElse("");
        long id = approvals.open(plan.target(), plan.image(), releaseTag, context.actor(), context.chatId(), kind,
                needed, plan.from(), releaseCheck);
        Stored stored = approvals.find(id).orElseThrow();
        long message = outbox.send(context.chatId(), render(stored, "waiting for approval"), Optional.of(
                context.messageId()), Optional.of(buttons(id)));
        approvals.attachMessage(id, message);
        record(context.userId(), context.userName(), context.chatId(), kind == PromotionRequest.Kind.ROLLBACK
                ? "rollback" : "promote", context.text(), plan.target().name(), "requested",
                "request #" + id + " for " + plan.image().label());
    }

    /** An approval by command or button; returns the short answer for the approver. */
    public String approve(Actor actor, long requestId, long chatId, String text) {
        Approvals.Outcome outcome = approvals.approve(actor, requestId);
        if (outcome instanceof Approvals.Refusal refusal) {
            refusal.closed().ifPresent(this::showClosed);
            record(actor.userId(), actor.name(), chatId, "approve", text, target(requestId), "refused",
                    sentences(refusal.reasons()));
            return "⛔ " + sentences(refusal.reasons());
        }
        if (outcome instanceof Approvals.Recorded recorded) {
            edit(recorded.request(), "approvals " + recorded.approvals() + " of " + recorded.needed() + ": "
                    + String.join(", ", recorded.request().approverNames()), true);
            record(actor.userId(), actor.name(), chatId, "approve", text, target(requestId), "approved",
                    recorded.approvals() + " of " + recorded.needed());
            return "Approved #" + requestId + " (" + recorded.approvals() + " of " + recorded.needed() + ").";
        }
        Approvals.Approved approved = (Approvals.Approved) outcome;
        record(actor.userId(), actor.name(), chatId, "approve", text, target(requestId), "approved",
                "last approval of #" + requestId);
        if (approved.deployment() instanceof Refused refused) {
            edit(approved.request(), "approved, but not deployed: " + sentences(refused.reasons()), false);
            return "Approved #" + requestId + ", but it could not deploy: " + sentences(refused.reasons());
        }
        Ready ready = (Ready) approved.deployment();
        approved.request().outboxId().ifPresent(id -> deployments.attachMessage(ready.deploymentId(),
                approved.request().chatId().orElse(chatId), id));
        edit(approved.request(), "approved by " + String.join(", ", approved.request().approverNames())
                + "; ⏳ deploying…", false);
        executor.runAsync(() -> {
            Finished finished = promotions.carryOut(ready);
            approvals.settle(ready, finished);
            Stored settled = approvals.find(requestId).orElseThrow();
            String from = ready.from().map(image -> image.label()).orElse("nothing known");
            if (finished.succeeded()) {
                edit(settled, "✅ deployed by approval of " + String.join(", ", settled.approverNames()) + ": "
                        + from + " → " + ready.image().label() + " in " + Formats.seconds(finished.took()), false);
            } else {
                edit(settled, "❌ deploying failed after " + Formats.seconds(finished.took()) + ": "
                        + finished.failure().orElse("unknown failure"), false);
            }
            audit.record(Optional.of(ready.actor().userId()), ready.actor().name(), settled.chatId(), "deploy",
                    "request #" + requestId, Optional.of(ready.target().name()),
                    finished.succeeded() ? "succeeded" : "failed",
                    from + " -> " + ready.image().label() + finished.failure().map(f -> ": " + f).orElse(""));
        });
        return "Approved #" + requestId + "; deploying to " + ready.target().name() + ".";
    }

    /** A rejection by command or button; returns the short answer. */
    public String reject(Actor actor, long requestId, String reason, long chatId, String text) {
        Approvals.Outcome outcome = approvals.reject(actor, requestId, reason);
        if (outcome instanceof Approvals.Refusal refusal) {
            record(actor.userId(), actor.name(), chatId, "reject", text, target(requestId), "refused",
                    sentences(refusal.reasons()));
            return "⛔ " + sentences(refusal.reasons());
        }
        Approvals.Rejected rejected = (Approvals.Rejected) outcome;
        edit(rejected.request(), "❌ rejected by " + rejected.by() + ": " + rejected.reason(), false);
        record(actor.userId(), actor.name(), chatId, "reject", text, target(requestId), "rejected", rejected.reason());
        return "Rejected #" + requestId + ".";
    }

    /** Edits the messages of requests that expired or became void. */
    public void showClosed(Stored stored) {
        String why = stored.status().equals("expired")
                ? "⌛ expired at " + Formats.time(stored.request().expiresAt(), settings.timeZone())
                : "⚠️ void: " + stored.closedReason().orElse("what it was bound to changed");
        edit(stored, why, false);
        audit.record(Optional.empty(), "promobot", stored.chatId(), "request", "request #" + stored.id(),
                Optional.of(stored.request().target()), stored.status(), why);
    }

    /** The one open request of the environment, for "/approve prod" not sent as a reply. */
    public List<Stored> openFor(String environment) {
        return approvals.openFor(environment);
    }

    public Optional<Stored> byMessage(long chatId, long messageId) {
        return approvals.byMessage(chatId, messageId);
    }

    private void edit(Stored stored, String status, boolean keepButtons) {
        stored.outboxId().ifPresent(id -> outbox.edit(id, stored.chatId().orElseThrow(), render(stored, status),
                keepButtons ? Optional.of(buttons(stored.id())) : Optional.empty()));
    }

    String render(Stored stored, String status) {
        PromotionRequest request = stored.request();
        Environment env = settings.pipeline().environment(request.target()).orElseThrow();
        boolean rollback = request.isRollback();
        StringBuilder out = new StringBuilder(rollback ? "↩️ <b>Rollback request #" : "✋ <b>Promotion request #")
                .append(request.id()).append("</b> · ").append(Html.escape(request.target()))
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
        out.append("\n").append(Html.escape(request.target())).append(" runs now: ")
                .append(stored.replacesTag().map(Html::code).orElse("nothing known"))
                .append("\nrequested by ").append(Html.escape(request.requesterName()))
                .append(" · expires ").append(Formats.time(request.expiresAt(), settings.timeZone()))
                .append("\nneeds ").append(request.approvalsNeeded(env)).append(" approval(s), not from the requester")
                .append("\n\n").append(Html.escape(status));
        return out.toString();
    }

    private static String buttons(long requestId) {
        return "{\"inline_keyboard\":[[{\"text\":\"Approve\",\"callback_data\":\"" + APPROVE + requestId
                + "\"},{\"text\":\"Reject\",\"callback_data\":\"" + REJECT + requestId + "\"}]]}";
    }

    private Optional<String> target(long requestId) {
        return approvals.find(requestId).map(stored -> stored.request().target());
    }

    private static String sentences(List<Reason> reasons) {
        return reasons.stream().map(Reason::sentence).collect(Collectors.joining("; "));
    }

    private void record(long userId, String name, long chatId, String command, String text, String env,
                        String outcome, String detail) {
        record(userId, name, chatId, command, text, Optional.of(env), outcome, detail);
    }

    private void record(long userId, String name, long chatId, String command, String text, Optional<String> env,
                        String outcome, String detail) {
        audit.record(Optional.of(userId), name, Optional.of(chatId), command, text, env, outcome, detail);
    }
}
