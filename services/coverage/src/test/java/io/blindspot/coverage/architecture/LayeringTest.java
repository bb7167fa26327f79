package io.blindspot.coverage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Each feature is api → application ← persistence: resources and schedulers drive use cases, use
 * cases own the storage interfaces, persistence implements them; domain logic stays in core.
 */
class LayeringTest {

  private final JavaClasses coverage =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.blindspot.coverage");

  @Test
  void applicationKnowsNeitherHttpNorStorage() {
    noClasses()
        .that()
        .resideInAPackage("..application..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..api..",
            "..persistence..",
            "..scheduling..",
            "jakarta.ws.rs..",
            "java.sql..",
            "javax.sql..",
            "org.hibernate..")
        .check(coverage);
  }

  @Test
  void driversDoNotReachIntoPersistence() {
    noClasses()
        .that()
        .resideInAnyPackage("..api..", "..scheduling..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..persistence..", "java.sql..", "javax.sql..")
        .check(coverage);
  }

  @Test
  void persistenceDoesNotKnowTheDrivers() {
    noClasses()
        .that()
        .resideInAPackage("..persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "..scheduling..")
        .check(coverage);
  }
}
