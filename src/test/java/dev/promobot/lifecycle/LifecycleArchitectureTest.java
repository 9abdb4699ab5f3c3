package dev.promobot.lifecycle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LifecycleArchitectureTest {

    @Test
    void lifecycleRulesKnowNothingOfQuarkusAwsTelegramOrSql() {
        JavaClasses lifecycle = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.promobot.lifecycle");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.promobot.lifecycle..")
                .check(lifecycle);
    }
}
