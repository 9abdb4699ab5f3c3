package dev.promobot.rules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rule engine stays pure: the same answer from chat, HTTP or a CI job, with no framework underneath. */
class RulesArchitectureTest {

    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promobot.rules");

    @Test
    void rulesKnowNothingOfFrameworksCloudsChatsOrDatabases() {
        noClasses().that().resideInAPackage("dev.promobot.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "javax..",
                        "software.amazon..", "org.telegram..", "java.sql..", "org.hibernate..")
                .check(RULES);
    }

    @Test
    void rulesUseNothingButTheJdk() {
        classes().that().resideInAPackage("dev.promobot.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.promobot.rules..", "java..")
                .check(RULES);
    }
}
