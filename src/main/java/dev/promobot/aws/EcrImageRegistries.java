package dev.promobot.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.promotion.ImageRegistries;
import dev.promobot.promotion.ImageRegistry;
import dev.promobot.rules.Service;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link EcrImageRegistry} per service, over the one ECR client; each keeps its repository's URI once read. */
final class EcrImageRegistries implements ImageRegistries {

    private final EcrClient ecr;
    private final ObjectMapper json;
    private final Map<String, ImageRegistry> byService = new ConcurrentHashMap<>();

    EcrImageRegistries(EcrClient ecr, ObjectMapper json) {
        this.ecr = ecr;
        this.json = json;
    }

    @Override
    public ImageRegistry of(Service service) {
        return byService.computeIfAbsent(service.name(),
                name -> new EcrImageRegistry(ecr, service.repository(), service.registryId(), json));
    }
}
