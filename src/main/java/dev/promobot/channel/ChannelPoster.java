package dev.promobot.channel;

/**
 * The team's channel, where daily summaries, lifecycle audits and notices of deployments outside promobot go.
 * A port of its own, so the jobs that post and the transport that delivers need not know each other; the
 * Telegram side provides it.
 */
public interface ChannelPoster {

    /** Queues an HTML message for the channel; false when no channel or team chat is configured. */
    boolean post(String html);
}
