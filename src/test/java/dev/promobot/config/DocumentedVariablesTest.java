package dev.promobot.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable the operator documents name (README, docker/README.md, the Dockerfile) is the
 * variable of a key the README's configuration tables document, by MicroProfile Config's rule: the key in upper
 * case, every other character an underscore. A variable for a key nobody documents, or one spelt wrong, fails.
 */
class DocumentedVariablesTest {

    private static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("docker/README.md"),
            Path.of("docker/Dockerfile.jvm"));
    private static final Pattern VARIABLE = Pattern.compile("\\b(?:PROMOBOT|QUARKUS)_[A-Z0-9_]+\\b");
    /** A table row's first cell: "| `promobot.x.y` |", or several keys: "| `quarkus.a.b` / `c` |". */
    private static final Pattern TABLE_KEYS = Pattern.compile("^\\| (`[^|]+`) \\|");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    @Test
    void everyDocumentedVariableIsTheVariableOfADocumentedKey() throws IOException {
        List<Pattern> keys = documentedKeys().stream().map(DocumentedVariablesTest::variableOf).toList();
        Set<String> variables = new TreeSet<>();
        for (Path document : DOCUMENTS) {
            Matcher matcher = VARIABLE.matcher(Files.readString(document));
            while (matcher.find()) {
                variables.add(matcher.group());
            }
        }

        assertThat(variables).as("variables the documents name").contains("PROMOBOT_TELEGRAM_TOKEN",
                "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_LOG_CONSOLE_JSON_ENABLED");
        assertThat(variables).allSatisfy(variable -> assertThat(keys).as(variable + " maps to a documented key")
                .anyMatch(key -> key.matcher(variable).matches()));
    }

    @Test
    void aVariableSpeltWrongMatchesNoDocumentedKey() throws IOException {
        List<Pattern> keys = documentedKeys().stream().map(DocumentedVariablesTest::variableOf).toList();

        assertThat(keys).noneMatch(key -> key.matcher("PROMOBOT_TELEGRAM_TOKENS").matches());
        assertThat(keys).anyMatch(key -> key.matcher("PROMOBOT_ENVIRONMENTS_PROD_FUNCTIONS").matches());
    }

    /** The keys in the first column of the README's tables; "`a.b.c` / `d`" stands for a.b.c and a.b.d. */
    private static List<String> documentedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = TABLE_KEYS.matcher(line);
            if (!row.find()) {
                continue;
            }
            Matcher cell = BACKTICKED.matcher(row.group(1));
            String first = null;
            while (cell.find()) {
                String key = cell.group(1);
                if (first == null) {
                    first = key;
                    keys.add(key);
                } else {
                    keys.add(first.substring(0, first.lastIndexOf('.') + 1) + key);
                }
            }
        }
        return keys.stream().filter(key -> key.startsWith("promobot.") || key.startsWith("quarkus.")).toList();
    }

    /** promobot.environments.&lt;env&gt;.functions to PROMOBOT_ENVIRONMENTS_[A-Z0-9_]+_FUNCTIONS. */
    private static Pattern variableOf(String key) {
        StringBuilder pattern = new StringBuilder();
        for (String part : key.split("(?=<)|(?<=>)")) {
            pattern.append(part.startsWith("<") ? "[A-Z0-9_]+"
                    : Pattern.quote(part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        }
        return Pattern.compile(pattern.toString());
    }
}
