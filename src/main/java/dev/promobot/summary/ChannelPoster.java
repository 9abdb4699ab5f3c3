package dev.promobot.summary;

/** Posts to the team's channel (summaries, audits, drift); the chat side provides it. */
public interface ChannelPoster {

    /** Queues an HTML message for the channel; false when no channel or team chat is configured. */
    boolean post(String html);
}
