package dev.promobot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.promobot.chat.ChatCommand;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * One room per concern, and data flowing one way: Telegram in, chat (parse, route, one class per command,
 * render), promotion (one use case per action, through the rules), the ports out (AWS, the store), and back to
 * Telegram through announcements and the channel. The pure rooms (rules, lifecycle) have tests of their own; the
 * DORA figures (dora) are kept pure here.
 */
class ArchitectureTest {

    private static final JavaClasses PROMOBOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promobot");

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.promobot.(*)..").should().beFreeOfCycles().check(PROMOBOT);
    }

    @Test
    void theChatTouchesNeitherTheDatabaseNorAws() {
        noClasses().that().resideInAPackage("dev.promobot.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..",
                        "software.amazon..", "dev.promobot.store..", "dev.promobot.aws..")
                .check(PROMOBOT);
    }

    @Test
    void theTelegramTransportKnowsNoCommandAndNoUseCase() {
        noClasses().that().resideInAPackage("dev.promobot.telegram..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promobot.chat..", "dev.promobot.promotion..",
                        "dev.promobot.rules..", "software.amazon..")
                .check(PROMOBOT);
    }

    @Test
    void promotionReachesPeopleOnlyThroughItsAnnouncementsPort() {
        noClasses().that().resideInAPackage("dev.promobot.promotion..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promobot.chat..", "dev.promobot.telegram..",
                        "org.telegram..", "software.amazon..", "dev.promobot.aws..")
                .check(PROMOBOT);
    }

    @Test
    void scheduledReportsPostThroughTheChannelPortNotTheChat() {
        noClasses().that().resideInAnyPackage("dev.promobot.summary..", "dev.promobot.lifecycleaudit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promobot.chat..", "org.telegram..")
                .check(PROMOBOT);
    }

    @Test
    void theDoraFiguresArePureFunctionsOfTheDeploymentsTheyAreGiven() {
        classes().that().resideInAPackage("dev.promobot.dora..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.promobot.dora..", "java..")
                .check(PROMOBOT);
    }

    @Test
    void everyCommandIsOneClassInTheChatNamedForIt() {
        classes().that().implement(ChatCommand.class)
                .should().resideInAPackage("dev.promobot.chat").andShould().haveSimpleNameEndingWith("Command")
                .check(PROMOBOT);
    }
}
