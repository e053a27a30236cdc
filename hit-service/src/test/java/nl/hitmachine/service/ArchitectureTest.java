package nl.hitmachine.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries of hit-service (see docs/architecture.md). */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("nl.hitmachine.service");

  @Test
  void rocksDb_isUsedOnlyByTheIndexPackage() {
    noClasses().that().resideOutsideOfPackage("nl.hitmachine.service.index..")
        .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
        .check(CLASSES);
  }

  @Test
  void bouncyCastle_isUsedOnlyByTheCryptoAndPkiPackages() {
    noClasses().that().resideOutsideOfPackages("nl.hitmachine.service.crypto..", "nl.hitmachine.service.pki")
        .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void vertx_isUsedOnlyAtTheEdgeAndInTheWiring() {
    noClasses().that().resideInAnyPackage(
            "nl.hitmachine.service.hit..", "nl.hitmachine.service.index..", "nl.hitmachine.service.audit..",
            "nl.hitmachine.service.crypto..", "nl.hitmachine.service.auth..", "nl.hitmachine.service.config..",
            "nl.hitmachine.service.failure..", "nl.hitmachine.service.health..", "nl.hitmachine.service.logging..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .check(CLASSES);
  }

  @Test
  void dependencies_pointFromEdgeToUseCasesToStorage() {
    noClasses().that().resideInAnyPackage(
            "nl.hitmachine.service.hit..", "nl.hitmachine.service.index..", "nl.hitmachine.service.audit..",
            "nl.hitmachine.service.crypto..", "nl.hitmachine.service.auth..")
        .should().dependOnClassesThat().resideInAPackage("nl.hitmachine.service.api..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage(
            "nl.hitmachine.service.index..", "nl.hitmachine.service.audit..", "nl.hitmachine.service.crypto..")
        .should().dependOnClassesThat().resideInAPackage("nl.hitmachine.service.hit..")
        .check(CLASSES);
  }

  @Test
  void micrometer_isUsedOnlyByTheMetricsPackageAndTheWiring() {
    noClasses().that().resideOutsideOfPackage("nl.hitmachine.service.metrics..")
        .and().doNotHaveFullyQualifiedName(HitService.class.getName())
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..", "io.vertx.micrometer..")
        .check(CLASSES);
  }

  @Test
  void useCasesAndStorage_reportMetricsOnlyThroughTheirOwnInterfaces() {
    noClasses().that().resideInAnyPackage(
            "nl.hitmachine.service.hit..", "nl.hitmachine.service.index..", "nl.hitmachine.service.audit..",
            "nl.hitmachine.service.checkpoint..", "nl.hitmachine.service.api..", "nl.hitmachine.service.config..")
        .should().dependOnClassesThat().resideInAPackage("nl.hitmachine.service.metrics..")
        .check(CLASSES);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("nl.hitmachine.service.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
