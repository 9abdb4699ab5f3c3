package dev.promobot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM options the container image runs promobot with: JAVA_OPTS as docker/Dockerfile.jvm sets it. */
final class ImageJavaOptions {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile.jvm");
    private static final Pattern JAVA_OPTS = Pattern.compile("^ENV JAVA_OPTS=\"([^\"]*)\"", Pattern.MULTILINE);

    private ImageJavaOptions() {
    }

    static String read() {
        try {
            Matcher options = JAVA_OPTS.matcher(Files.readString(DOCKERFILE));
            if (!options.find()) {
                throw new IllegalStateException(DOCKERFILE + " sets no JAVA_OPTS");
            }
            return options.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
