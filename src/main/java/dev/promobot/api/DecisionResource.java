package dev.promobot.api;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.ExplainPromotion;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Image;
import dev.promobot.rules.Service;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The rule engine for the CI pipeline: {@code GET /api/decisions?target=staging[&tag=...][&release-tag=...]}
 * answers, on live state, what promobot would decide for a deployer promoting to that environment. Read-only;
 * protected by the bearer token in {@code promobot.api.token}, and absent (404) while no token is configured.
 */
@Path("/api/decisions")
public class DecisionResource {

    /** The decision as JSON: allowed, every reason with its rule, and the image that would move. */
    public record DecisionJson(boolean allowed, String target, List<ReasonJson> reasons, Optional<ImageJson> image,
                               Optional<ImageJson> from, int approvalsNeeded) {
    }

    public record ReasonJson(String rule, String title, String sentence) {
    }

    public record ImageJson(String tag, String digest) {
        static ImageJson of(Image image) {
            return new ImageJson(image.label(), image.digest().value());
        }
    }

    private final Settings settings;
    private final ExplainPromotion explain;

    /** The CI pipeline asks as a deployer in the team's chat would, as /why does ({@link ExplainPromotion}). */
    DecisionResource(Settings settings, ExplainPromotion explain) {
        this.settings = settings;
        this.explain = explain;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@HeaderParam("Authorization") String authorization, @QueryParam("target") String target,
                           @QueryParam("tag") String tag, @QueryParam("release-tag") String releaseTag,
                           @QueryParam("service") String serviceName) {
        if (settings.apiToken().isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (!authorized(authorization)) {
            return Response.status(Response.Status.UNAUTHORIZED).header("WWW-Authenticate", "Bearer").build();
        }
        if (target == null || target.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorJson("give the target environment: ?target=staging")).build();
        }
        Optional<Service> service = serviceName == null || serviceName.isBlank()
                ? settings.services().only() : settings.services().named(serviceName.strip());
        if (service.isEmpty()) {
            String services = String.join(", ", settings.services().names());
            return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorJson(serviceName == null
                    || serviceName.isBlank() ? "give the service, one of " + services + ": ?service=...&target=..."
                    : "there is no service '" + serviceName.strip() + "'; the services are " + services)).build();
        }
        try {
            Decision decision = explain.explain(service.get(), new Action.Promote(target,
                    Optional.ofNullable(tag).filter(t -> !t.isBlank()),
                    Optional.ofNullable(releaseTag).filter(t -> !t.isBlank()))).decision();
            return Response.ok(new DecisionJson(decision.allowed(), target,
                    decision.reasons().stream().map(reason -> new ReasonJson(reason.rule().name(),
                            reason.rule().title(), reason.sentence())).toList(),
                    decision.image().map(ImageJson::of), decision.from().map(ImageJson::of),
                    decision.approvalsNeeded())).build();
        } catch (AwsProblem problem) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(new ErrorJson(problem.sentence()))
                    .build();
        }
    }

    public record ErrorJson(String error) {
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] expected = settings.apiToken().orElseThrow().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
