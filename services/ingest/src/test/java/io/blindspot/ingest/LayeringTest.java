package io.blindspot.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inside every feature: api (JAX-RS resources and DTOs) → application (use cases, transactions, the
 * interfaces persistence implements) ← persistence (entities and SQL).
 */
class LayeringTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.blindspot.ingest");
  }

  @Test
  void apiDoesNotTouchPersistence() {
    noClasses()
        .that()
        .resideInAPackage("..api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..persistence..")
        .because("resources go through use cases, and entities are never JSON")
        .check(classes);
  }

  @Test
  void applicationDoesNotDependOnApiOrPersistence() {
    noClasses()
        .that()
        .resideInAPackage("..application..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "..persistence..", "jakarta.ws.rs..")
        .because("use cases own the interfaces persistence implements, and know nothing of HTTP")
        .check(classes);
  }

  @Test
  void persistenceDoesNotDependOnApi() {
    noClasses()
        .that()
        .resideInAPackage("..persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "jakarta.ws.rs..")
        .check(classes);
  }

  @Test
  void entitiesStayInPersistence() {
    noClasses()
        .that()
        .areAnnotatedWith(jakarta.persistence.Entity.class)
        .should()
        .resideOutsideOfPackage("..persistence..")
        .check(classes);
  }
}
