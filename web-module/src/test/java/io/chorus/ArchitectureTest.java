package io.chorus;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/ARCHITECTURE.md describes, checked on the compiled classes of all three modules
 * (the web module's test class path holds them all): dependencies run web → app → domain, no two
 * packages need each other, entities stay behind the services, and the codec packages are codecs.
 */
class ArchitectureTest {
    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chorus");
    }

    @Test
    void layers_dependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("io.chorus.web..")
                .layer("app").definedBy("io.chorus.app..")
                .layer("domain").definedBy("io.chorus.domain..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("web")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("app", "web")
                .check(server);
    }

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("io.chorus.(**)").should().beFreeOfCycles().check(server);
    }

    @Test
    void webClasses_neverTouchAnEntity() {
        noClasses().that().resideInAPackage("io.chorus.web..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .because("services return views; entities never leave the EJB module")
                .check(server);
    }

    @Test
    void codecs_knowNothingOfSocketsOrBeans() {
        noClasses().that().resideInAPackage("io.chorus.web.protocol..")
                .should().dependOnClassesThat(resideInAnyPackage("jakarta.websocket..", "jakarta.enterprise..", "jakarta.ejb..",
                                "jakarta.inject..", "jakarta.persistence..", "io.chorus.domain..")
                        .or(resideInAPackage("io.chorus.app..").and(not(resideInAnyPackage("io.chorus.app.error", "io.chorus.app.json"))))
                        .or(resideInAPackage("io.chorus.web..").and(not(resideInAPackage("io.chorus.web.protocol..")))))
                .because("web.protocol.a and .b hold the dialects' codecs (with the error catalogue and JSON) and nothing else")
                .check(server);
    }
}
