package dev.promobot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * promobot has one ObjectMapper, Quarkus's, and this is what it needs of it: TelegramBots' types are Jackson-mapped
 * and the Bot API adds fields the library does not know yet, which must be skipped, not fail an update. Quarkus
 * skips unknown properties by default; this keeps it so whatever quarkus.jackson.* says.
 */
@Singleton
public class TelegramJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
