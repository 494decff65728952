package dev.wharf.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {
    static JavaClasses wharf;

    @BeforeAll
    static void importClasses() {
        wharf = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wharf");
    }

    @Test
    void schedulerIsPure() {
        noClasses().that().resideInAPackage("dev.wharf.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.spi..", "dev.wharf.store..",
                        "dev.wharf.apiserver..", "dev.wharf.controller..", "io.netty..", "java.net..", "java.sql..")
                .check(wharf);
    }

    @Test
    void onlyCommonReadsTheSystemClockOrMakesRandoms() {
        noClasses().that().resideOutsideOfPackage("dev.wharf.common..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callConstructor(java.util.Random.class)
                .check(wharf);
    }

    @Test
    void cliImportsNoServerCode() {
        noClasses().that().resideInAPackage("dev.wharf.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.server..", "dev.wharf.apiserver..",
                        "dev.wharf.store..", "dev.wharf.controller..", "dev.wharf.controllers..", "dev.wharf.registry..")
                .check(wharf);
    }

    @Test
    void apiDoesNoIo() {
        noClasses().that().resideInAPackage("dev.wharf.api..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "io.netty..", "dev.wharf.spi..")
                .check(wharf);
    }

    @Test
    void layersPointOneWay() {
        noClasses().that().resideInAnyPackage("dev.wharf.common..", "dev.wharf.api..", "dev.wharf.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.apiserver..", "dev.wharf.controllers..",
                        "dev.wharf.server..", "dev.wharf.store..", "dev.wharf.registry..")
                .check(wharf);
        noClasses().that().resideInAnyPackage("dev.wharf.controllers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.apiserver..", "dev.wharf.server..")
                .check(wharf);
    }
}
