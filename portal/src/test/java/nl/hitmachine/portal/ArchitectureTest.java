package nl.hitmachine.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The portal's package boundaries (see portal/README.md). */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("nl.hitmachine.portal");

  @Test
  void theSdk_isUsedThroughItsPublicApiOnly() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("nl.hitmachine.connector.internal..", "nl.hitmachine.connector.cli..", "nl.hitmachine.connector.demo..")
        .check(CLASSES);
  }

  @Test
  void theService_isNeverADependency() {
    noClasses().should().dependOnClassesThat().resideInAPackage("nl.hitmachine.service..").check(CLASSES);
  }

  @Test
  void vertxWeb_andTheTemplates_stayInTheWebPackage() {
    noClasses().that().resideOutsideOfPackage("nl.hitmachine.portal.web..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext..", "io.vertx.core.http..", "com.samskivert..")
        .check(CLASSES);
  }

  @Test
  void theOidcLibrary_isUsedOnlyByTheUsersPackage() {
    noClasses().that().resideOutsideOfPackage("nl.hitmachine.portal.users..")
        .should().dependOnClassesThat().resideInAnyPackage("com.nimbusds..")
        .check(CLASSES);
  }

  @Test
  void screeningAndUsers_haveNoVertxTypes() {
    noClasses().that().resideInAnyPackage("nl.hitmachine.portal.screening..", "nl.hitmachine.portal.users..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .check(CLASSES);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("nl.hitmachine.portal.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
