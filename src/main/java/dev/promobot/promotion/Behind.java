package dev.promobot.promotion;

import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;
import dev.promobot.rules.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far an environment trails its source: the source's images built after this environment's (by build time in
 * the tag, never by name) and the days between the two builds.
 *
 * @param ahead the environment runs a newer image than its source
 */
public record Behind(String environment, String source, long images, long days, boolean ahead) {

    public static Optional<Behind> of(Snapshot snapshot, Environment env) {
        Optional<Environment> source = snapshot.pipeline().sourceOf(env);
        Optional<Image> mine = snapshot.runningImage(env.name());
        Optional<Image> theirs = source.flatMap(s -> snapshot.runningImage(s.name()));
        if (source.isEmpty() || mine.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        boolean ahead = Image.NEWEST_FIRST.compare(mine.get(), theirs.get()) < 0;
        long images = snapshot.images().stream()
                .filter(image -> Image.NEWEST_FIRST.compare(image, theirs.get()) >= 0
                        && Image.NEWEST_FIRST.compare(image, mine.get()) < 0).count();
        Optional<Instant> myBuild = mine.get().imageTag().map(ImageTag::buildTime);
        Optional<Instant> theirBuild = theirs.get().imageTag().map(ImageTag::buildTime);
        long days = myBuild.isPresent() && theirBuild.isPresent()
                ? Math.max(0, Duration.between(myBuild.get(), theirBuild.get()).toDays()) : 0;
        return Optional.of(new Behind(env.name(), source.get().name(), images, days, ahead));
    }

    public boolean inStep() {
        return images == 0 && !ahead;
    }
}
