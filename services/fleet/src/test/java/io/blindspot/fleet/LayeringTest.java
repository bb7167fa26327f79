package io.blindspot.fleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each feature is api → application ← persistence: resources only talk to use cases, use cases own
 * the storage interfaces, and persistence implements them.
 */
class LayeringTest {

  private static JavaClasses fleet;

  @BeforeAll
  static void importClasses() {
    fleet =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.blindspot.fleet");
  }

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
            "jakarta.ws.rs..",
            "jakarta.persistence..",
            "org.hibernate..",
            "io.quarkus.hibernate..",
            "org.jboss.resteasy..")
        .check(fleet);
  }

  @Test
  void apiDoesNotReachIntoPersistence() {
    noClasses()
        .that()
        .resideInAPackage("..api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..persistence..", "jakarta.persistence..", "org.hibernate..")
        .check(fleet);
  }

  @Test
  void persistenceDoesNotKnowTheApi() {
    noClasses()
        .that()
        .resideInAPackage("..persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "jakarta.ws.rs..")
        .check(fleet);
  }

  @Test
  void resourcesLiveInApiAndEntitiesInPersistence() {
    classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..api..").check(fleet);
    classes()
        .that()
        .areAnnotatedWith(Entity.class)
        .should()
        .resideInAPackage("..persistence..")
        .check(fleet);
  }

  @Test
  void entitiesNeverLeaveThePersistencePackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..persistence..")
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith(Entity.class)
        .check(fleet);
  }

  @Test
  void requestParsingIsForResourcesAndSqlHelpersForRepositories() {
    classes()
        .that()
        .resideInAPackage("io.blindspot.fleet.request..")
        .should()
        .onlyBeAccessed()
        .byAnyPackage("io.blindspot.fleet.request..", "..api..")
        .check(fleet);
    classes()
        .that()
        .resideInAPackage("io.blindspot.fleet.sql..")
        .should()
        .onlyBeAccessed()
        .byAnyPackage("io.blindspot.fleet.sql..", "..persistence..")
        .check(fleet);
  }

  @Test
  void namesSayWhatThingsAre() {
    noClasses()
        .should()
        .haveSimpleNameEndingWith("Manager")
        .orShould()
        .haveSimpleNameEndingWith("Util")
        .orShould()
        .haveSimpleNameEndingWith("Utils")
        .orShould()
        .haveSimpleNameEndingWith("Helper")
        .check(fleet);
  }

  @Test
  void featuresDoNotUseEachOther() {
    for (String feature :
        new String[] {
          "enrollment",
          "servers",
          "packages",
          "backups",
          "coverage",
          "rebuild",
          "knowledge",
          "tokens",
          "policies"
        }) {
      noClasses()
          .that()
          .resideInAPackage("io.blindspot.fleet." + feature + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              java.util.Arrays.stream(
                      new String[] {
                        "enrollment",
                        "servers",
                        "packages",
                        "backups",
                        "coverage",
                        "rebuild",
                        "knowledge",
                        "tokens",
                        "metrics",
                        "policies"
                      })
                  .filter(other -> !other.equals(feature))
                  .map(other -> "io.blindspot.fleet." + other + "..")
                  .toArray(String[]::new))
          .check(fleet);
    }
  }

  /** The dashboard reads what every feature offers; no feature may depend on the dashboard. */
  @Test
  void noFeatureDependsOnTheDashboard() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.blindspot.fleet.dashboard..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.blindspot.fleet.dashboard..")
        .check(fleet);
  }
}
