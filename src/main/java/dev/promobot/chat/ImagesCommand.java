package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.lifecycle.LifecyclePolicy;
import dev.promobot.promotion.ImageRegistries;
import dev.promobot.promotion.LiveState;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /images [n]: the newest images by build time, which environments run each, and their rank against the lifecycle
 * policy's keep count for sha- images when the policy has one.
 */
@ApplicationScoped
public class ImagesCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("images", "/images [n]",
            "recent images, where each runs, lifecycle rank", Permission.VIEW).withService();

    /** The message: templates/ImagesCommand/images.html. */
    record images(int shown, int total, Optional<Integer> keep, List<ImageLine> images) implements TemplateInstance {
    }

    /** @param fromExpiry how many images may still be pushed before this one expires; 0 when far from it */
    record ImageLine(int rank, String tag, String digest, List<String> runsIn, boolean expires, int fromExpiry) {
    }

    static final int DEFAULT = 10;
    static final int MAX = 40;

    private final LiveState live;
    private final ImageRegistries registries;
    private final Settings settings;

    ImagesCommand(LiveState live, ImageRegistries registries, Settings settings) {
        this.live = live;
        this.registries = registries;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        ServiceArgument.choose(command, settings.services(), this::runFor);
    }

    private void runFor(Service service, CommandContext context) {
        int count = DEFAULT;
        if (context.arg(0).isPresent()) {
            if (!context.arg(0).get().matches("[0-9]{1,4}") || context.args().size() > 1) {
                context.replyText("Usage: " + SPEC.usage(settings.services().several()) + ", n up to " + MAX);
                return;
            }
            count = Math.max(1, Math.min(MAX, Integer.parseInt(context.arg(0).get())));
        }
        Snapshot snapshot = live.observe(service).snapshot();
        Optional<Integer> keep = registries.of(service).lifecyclePolicy()
                .flatMap(policy -> LifecyclePolicy.parse(policy).policy())
                .flatMap(policy -> policy.keepCountFor("sha-"));
        List<Image> sha = LiveState.newestFirst(snapshot).stream().filter(image -> image.imageTag().isPresent())
                .toList();
        List<ImageLine> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(count, sha.size()); i++) {
            Image image = sha.get(i);
            int rank = i + 1;
            boolean expires = keep.isPresent() && rank > keep.get();
            int fromExpiry = keep.isPresent() && !expires && rank > keep.get() - 3 ? keep.get() - rank + 1 : 0;
            shown.add(new ImageLine(rank, image.label(), image.digest().shortForm(), runsIn(service, snapshot, image),
                    expires, fromExpiry));
        }
        context.reply(Messages.render(new images(shown.size(), sha.size(), keep, shown)));
    }

    private static List<String> runsIn(Service service, Snapshot snapshot, Image image) {
        List<String> where = new ArrayList<>();
        for (Environment env : service.pipeline().environments()) {
            if (snapshot.runningImage(env.name()).filter(running -> running.digest().equals(image.digest()))
                    .isPresent()) {
                where.add(env.name());
            }
        }
        return where;
    }
}
