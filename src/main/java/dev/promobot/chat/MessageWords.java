package dev.promobot.chat;

import io.quarkus.qute.TemplateExtension;

/** Small pieces of wording every message template may use. */
@TemplateExtension
final class MessageWords {

    private MessageWords() {
    }

    /** {@code {images.count('image')}}: "1 image", "2 images". */
    static String count(Number number, String noun) {
        long n = number.longValue();
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code {people.count('person', 'people')}}: "1 person", "2 people". */
    static String count(Number number, String singular, String plural) {
        long n = number.longValue();
        return n + " " + (n == 1 ? singular : plural);
    }
}
