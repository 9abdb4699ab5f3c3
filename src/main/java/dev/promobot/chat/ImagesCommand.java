package dev.promobot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.config.Settings;
import dev.promobot.promotion.ImageRegistry;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Role;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * /images [n]: the newest images by build time, which environments run each, and their rank against the lifecycle
 * policy's keep count for sha- images when the policy has one.
 */
@ApplicationScoped
public class ImagesCommand implements ChatCommand {

    private static final Spec SPEC = Spec.readOnly("images", "/images [n]",
            "recent images, where each runs, lifecycle rank", Role.VIEWER);

    static final int DEFAULT = 10;
    static final int MAX = 40;

    private final LiveState live;
    private final ImageRegistry registry;
    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();

    ImagesCommand(LiveState live, ImageRegistry registry, Settings settings) {
        this.live = live;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        int count = DEFAULT;
        if (context.arg(0).isPresent()) {
            if (!context.arg(0).get().matches("[0-9]{1,4}") || context.args().size() > 1) {
                context.reply("Usage: /images [n], n up to " + MAX);
                return;
            }
            count = Math.max(1, Math.min(MAX, Integer.parseInt(context.arg(0).get())));
        }
        Snapshot snapshot = live.observe().snapshot();
        OptionalInt keep = keepCount(registry.lifecyclePolicy());
        List<Image> sha = LiveState.newestFirst(snapshot).stream().filter(image -> image.imageTag().isPresent())
                .toList();
        StringBuilder out = new StringBuilder("<b>Images</b> · newest ").append(Math.min(count, sha.size()))
                .append(" of ").append(sha.size()).append(" sha- images")
                .append(keep.isPresent() ? "; the lifecycle policy keeps " + keep.getAsInt() : "; no keep count in "
                        + "the lifecycle policy");
        for (int i = 0; i < Math.min(count, sha.size()); i++) {
            Image image = sha.get(i);
            int rank = i + 1;
            out.append("\n").append(rank).append(". ").append(Html.code(image.label())).append(" ")
                    .append(image.digest().shortForm());
            List<String> where = runsIn(snapshot, image);
            if (!where.isEmpty()) {
                out.append(" ← ").append(Html.escape(String.join(", ", where)));
            }
            if (keep.isPresent() && rank > keep.getAsInt()) {
                out.append(" ⚠️ beyond keep count: expires");
            } else if (keep.isPresent() && rank > keep.getAsInt() - 3) {
                out.append(" (").append(keep.getAsInt() - rank + 1).append(" from expiry)");
            }
        }
        context.reply(out.toString());
    }

    private List<String> runsIn(Snapshot snapshot, Image image) {
        List<String> where = new ArrayList<>();
        for (Environment env : settings.pipeline().environments()) {
            if (snapshot.runningImage(env.name()).filter(running -> running.digest().equals(image.digest()))
                    .isPresent()) {
                where.add(env.name());
            }
        }
        return where;
    }

    /**
     * The smallest countNumber of an imageCountMoreThan expire rule that selects sha- tags: how many sha- images
     * survive. The full policy evaluation belongs to the lifecycle audit; this is the headline number.
     */
    OptionalInt keepCount(Optional<String> policy) {
        if (policy.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            OptionalInt keep = OptionalInt.empty();
            for (JsonNode rule : json.readTree(policy.get()).path("rules")) {
                JsonNode selection = rule.path("selection");
                boolean countRule = "imageCountMoreThan".equals(selection.path("countType").asText());
                boolean expires = "expire".equals(rule.path("action").path("type").asText("expire"));
                boolean selectsSha = false;
                for (JsonNode prefix : selection.path("tagPrefixList")) {
                    selectsSha |= "sha-".startsWith(prefix.asText());
                }
                for (JsonNode pattern : selection.path("tagPatternList")) {
                    selectsSha |= pattern.asText().startsWith("sha-") || pattern.asText().equals("*");
                }
                if (countRule && expires && (selectsSha || "any".equals(selection.path("tagStatus").asText()))) {
                    int number = selection.path("countNumber").asInt();
                    keep = keep.isEmpty() || number < keep.getAsInt() ? OptionalInt.of(number) : keep;
                }
            }
            return keep;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return OptionalInt.empty();
        }
    }
}
