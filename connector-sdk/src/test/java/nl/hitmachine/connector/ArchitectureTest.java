package nl.hitmachine.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's shape: the CLI and the demo data use only the public API; no package cycles. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.hitmachine.connector");
  }

  @Test
  void cliAndDemo_useOnlyThePublicApi() {
    noClasses()
        .that()
        .resideInAnyPackage("nl.hitmachine.connector.cli..", "nl.hitmachine.connector.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("nl.hitmachine.connector.internal..")
        .check(classes);
  }

  @Test
  void library_neverDependsOnTheCliOrPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("nl.hitmachine.connector.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("nl.hitmachine.connector.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void library_neverDependsOnCommonsCsv() {
    // commons-csv is an optional dependency for the CLI only; vendors embedding the SDK do not get it.
    noClasses()
        .that()
        .resideOutsideOfPackage("nl.hitmachine.connector.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.commons..")
        .check(classes);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("nl.hitmachine.connector.(*)..").should().beFreeOfCycles().check(classes);
  }
}
