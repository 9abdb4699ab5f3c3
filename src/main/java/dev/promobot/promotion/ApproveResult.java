package dev.promobot.promotion;

/** What an approval, by command or button, came to. */
public sealed interface ApproveResult permits Refusal, NoRequest, ApprovalRecorded, RequestApproved {
}
