package io.blindspot.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain stays a plain library: the services adapt it, never the other way round. */
class CoreIsFrameworkFreeTest {

  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.blindspot.core");

  @Test
  void coreDependsOnNoFramework() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta..",
            "javax.persistence..",
            "org.hibernate..",
            "io.smallrye..",
            "io.vertx..",
            "org.eclipse.microprofile..")
        .because("services/core is pure domain logic, free of Quarkus, Jakarta and Hibernate")
        .check(core);
  }

  @Test
  void coreKnowsNoService() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.blindspot.ingest..", "io.blindspot.coverage..", "io.blindspot.fleet..")
        .check(core);
  }
}
