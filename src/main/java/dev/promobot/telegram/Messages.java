package dev.promobot.telegram;

import io.quarkus.qute.TemplateInstance;

/**
 * Renders a message template (src/main/resources/templates). Templates are HTML, so Qute escapes every value put
 * into them; Telegram's length limit is applied afterwards, by the outbox.
 */
public final class Messages {

    private Messages() {
    }

    /** The rendered message, without the line break that ends the template file. */
    public static String render(TemplateInstance template) {
        return template.render().stripTrailing();
    }
}
