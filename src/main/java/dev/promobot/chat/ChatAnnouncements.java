package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Announcements;
import dev.promobot.promotion.Changelog;
import dev.promobot.promotion.DeploymentOutcome;
import dev.promobot.promotion.DeploymentPlan;
import dev.promobot.promotion.DeploymentStatus;
import dev.promobot.promotion.Origin;
import dev.promobot.promotion.RequestStatus;
import dev.promobot.promotion.SettledDeployment;
import dev.promobot.promotion.StoredRequest;
import dev.promobot.rules.ApprovalRequest;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import dev.promobot.telegram.Outbox;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * What promotion announces, as the chat shows it: a deployment's progress message and its outcome in place, and a
 * request's message with its buttons, kept up to date through approvals, deployment, rejection or expiry. The
 * wording is in templates/ChatAnnouncements/.
 */
@ApplicationScoped
public class ChatAnnouncements implements Announcements {

    record deploymentStarted(boolean rollback, String service, String environment, String tag, String digest,
                             String from) implements TemplateInstance {
    }

    record deploymentFinished(boolean succeeded, boolean rollback, String service, String environment, String tag,
                              String digest, String from, String took, String by, String failure, String changelog)
            implements TemplateInstance {
    }

    /**
     * A changelog as a block of lines, rendered on its own and put into the message that shows it. Every value in it
     * is escaped here, subjects and author names from GitHub included, so the messages take it as it is.
     */
    record changelog(Kind kind, String environment, String from, String to, int total,
                     List<Changelog.Commit> commits, int more, String url, String why, String repositoryKey)
            implements TemplateInstance {

        enum Kind { LISTED, IDENTICAL, GOES_BACK, CANNOT_COMPARE, UNAVAILABLE, NOT_CONFIGURED }

        /** @param repositoryKey the key that would give the service its GitHub repository, for the hint */
        static changelog of(String environment, Changelog changelog, String repositoryKey) {
            if (changelog instanceof Changelog.Listed listed) {
                return new changelog(Kind.LISTED, environment, listed.from(), listed.to(), listed.total(),
                        listed.newest(), listed.more(), listed.comparisonUrl(), "", "");
            }
            if (changelog instanceof Changelog.Identical identical) {
                return new changelog(Kind.IDENTICAL, environment, identical.from(), identical.to(), 0, List.of(), 0,
                        "", "", "");
            }
            if (changelog instanceof Changelog.GoesBack back) {
                return new changelog(Kind.GOES_BACK, environment, back.from(), back.to(), back.commits(), List.of(),
                        0, back.comparisonUrl(), "", "");
            }
            if (changelog instanceof Changelog.CannotCompare cannot) {
                return new changelog(Kind.CANNOT_COMPARE, environment, "", "", 0, List.of(), 0, "", cannot.why(), "");
            }
            if (changelog instanceof Changelog.Unavailable unavailable) {
                return new changelog(Kind.UNAVAILABLE, environment, "", "", 0, List.of(), 0, "", unavailable.why(), "");
            }
            return new changelog(Kind.NOT_CONFIGURED, environment, "", "", 0, List.of(), 0, "", "", repositoryKey);
        }
    }

    record deploymentSettled(DeploymentStatus status, String service, String sentence)
            implements TemplateInstance {
    }

    record request(long id, boolean rollback, String service, String environment, String tag, String digest, String sha,
                   String commitUrl, String releaseTag, String releaseCheck, String replaces, String requester,
                   String expires, int approvalsNeeded, String changelog, StatusLine line) implements TemplateInstance {
    }

    /** The last line of a request message: where the request stands. */
    record StatusLine(Stage stage, String names, int approvals, int needed, String from, String to, String took,
                      String by, String reason, String at) {

        enum Stage { WAITING, APPROVALS, DEPLOYING, NOT_DEPLOYED, DEPLOYED, DEPLOY_FAILED, REJECTED, EXPIRED, VOID }

        static StatusLine waiting() {
            return new StatusLine(Stage.WAITING, "", 0, 0, "", "", "", "", "", "");
        }

        static StatusLine approvals(int approvals, int needed, List<String> approvers) {
            return new StatusLine(Stage.APPROVALS, String.join(", ", approvers), approvals, needed, "", "", "", "", "",
                    "");
        }

        static StatusLine deploying(List<String> approvers) {
            return new StatusLine(Stage.DEPLOYING, String.join(", ", approvers), 0, 0, "", "", "", "", "", "");
        }

        static StatusLine notDeployed(String reason) {
            return new StatusLine(Stage.NOT_DEPLOYED, "", 0, 0, "", "", "", "", reason, "");
        }

        static StatusLine deployed(List<String> approvers, String from, String to, String took) {
            return new StatusLine(Stage.DEPLOYED, String.join(", ", approvers), 0, 0, from, to, took, "", "", "");
        }

        static StatusLine deployFailed(String took, String reason) {
            return new StatusLine(Stage.DEPLOY_FAILED, "", 0, 0, "", "", took, "", reason, "");
        }

        static StatusLine rejected(String by, String reason) {
            return new StatusLine(Stage.REJECTED, "", 0, 0, "", "", "", by, reason, "");
        }

        static StatusLine expired(String at) {
            return new StatusLine(Stage.EXPIRED, "", 0, 0, "", "", "", "", "", at);
        }

        static StatusLine voided(String reason) {
            return new StatusLine(Stage.VOID, "", 0, 0, "", "", "", "", reason, "");
        }
    }

    private final Outbox outbox;
    private final Settings settings;

    ChatAnnouncements(Outbox outbox, Settings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public long deploymentStarted(DeploymentPlan plan, Origin origin) {
        return outbox.send(origin.chatId(), Messages.render(new deploymentStarted(plan.isRollback(),
                        named(plan.service().name()), plan.environment().name(), plan.image().label(),
                        plan.image().digest().shortForm(), plan.fromLabel())), Optional.of(origin.messageId()),
                Optional.empty());
    }

    @Override
    public void deploymentFinished(DeploymentOutcome outcome, Optional<Changelog> changelog, long outboxId,
                                   Origin origin) {
        DeploymentPlan plan = outcome.plan();
        outbox.edit(outboxId, origin.chatId(), Messages.render(new deploymentFinished(outcome.succeeded(),
                plan.isRollback(), named(plan.service().name()), plan.environment().name(), plan.image().label(),
                plan.image().digest().shortForm(), plan.fromLabel(), outcome.tookInSeconds(), plan.actor().name(),
                outcome.failure().orElse("unknown failure"), rendered(plan.service().name(), plan.environment().name(),
                        changelog))),
                Optional.empty());
    }

    @Override
    public void deploymentSettled(SettledDeployment settled) {
        String text = Messages.render(new deploymentSettled(settled.status(),
                named(settled.deployment().service()), capitalised(settled.sentence())));
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
        return outbox.send(origin.chatId(), render(request, StatusLine.waiting()),
                Optional.of(origin.messageId()), Optional.of(RequestButtons.of(request.id())));
    }

    @Override
    public void approvalRecorded(StoredRequest request, int approvals, int needed) {
        edit(request, StatusLine.approvals(approvals, needed, request.approverNames()), true);
    }

    @Override
    public void requestApproved(StoredRequest request, Optional<DeploymentPlan> deployment,
                                List<String> notDeployedBecause) {
        edit(request, deployment.isPresent()
                ? StatusLine.deploying(request.approverNames())
                : StatusLine.notDeployed(String.join("; ", notDeployedBecause)), false);
    }

    @Override
    public void requestDeployed(StoredRequest request, DeploymentOutcome outcome) {
        DeploymentPlan plan = outcome.plan();
        String took = outcome.tookInSeconds();
        edit(request, outcome.succeeded()
                ? StatusLine.deployed(request.approverNames(), plan.fromLabel(), plan.image().label(), took)
                : StatusLine.deployFailed(took, outcome.failure().orElse("unknown failure")), false);
    }

    @Override
    public void requestRejected(StoredRequest request, String by, String reason) {
        edit(request, StatusLine.rejected(by, reason), false);
    }

    @Override
    public void requestClosed(StoredRequest request) {
        edit(request, request.status() == RequestStatus.EXPIRED
                ? StatusLine.expired(Formats.time(request.request().expiresAt(), settings.timeZone()))
                : StatusLine.voided(request.closedReason().orElse("what it was bound to changed")), false);
    }

    private void edit(StoredRequest stored, StatusLine line, boolean keepButtons) {
        stored.outboxId().ifPresent(id -> outbox.edit(id, stored.chatId().orElseThrow(), render(stored, line),
                keepButtons ? Optional.of(RequestButtons.of(stored.id())) : Optional.empty()));
    }

    private String render(StoredRequest stored, StatusLine line) {
        ApprovalRequest request = stored.request();
        // A request whose environment is no longer configured still shows, as it was opened.
        int approvalsNeeded = settings.services().named(stored.service())
                .flatMap(service -> service.pipeline().environment(request.environment()))
                .map(request::approvalsNeeded).orElse(request.rollbackApprovals());
        String sha = ImageTag.parse(request.tag()).value().map(ImageTag::shortSha).orElse("");
        String commitUrl = sha.isEmpty() ? "" : settings.services().named(stored.service())
                .flatMap(Service::gitHubRepository)
                .map(repository -> "https://github.com/" + repository + "/commit/" + sha).orElse("");
        return Messages.render(new request(request.id(), request.isRollback(), named(stored.service()),
                request.environment(), request.tag(),
                request.digest().shortForm(), sha, commitUrl,
                request.releaseTag().map(Object::toString).orElse(""), stored.releaseCheck().orElse(""),
                stored.replacesTag().orElse(""), request.requesterName(),
                Formats.time(request.expiresAt(), settings.timeZone()), approvalsNeeded,
                rendered(stored.service(), request.environment(), stored.changelog()), line));
    }

    /** The service's name where the team runs several, so every message says which one it is about; else "". */
    private String named(String service) {
        return settings.services().several() ? service : "";
    }

    /** The changelog's lines, escaped, or "" for none. */
    private String rendered(String service, String environment, Optional<Changelog> whatChanges) {
        return whatChanges.map(c -> Messages.render(changelog.of(environment, c,
                settings.gitHubRepositoryKey(service)))).orElse("");
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
