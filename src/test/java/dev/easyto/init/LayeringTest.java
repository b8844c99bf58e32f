package dev.easyto.init;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of the code base, checked on the compiled classes. From the top: {@code cli} (parsing,
 * hand-off), {@code pid1} (the lifecycle), then {@code boot} and {@code supervise} side by side,
 * then the concerns they call into; {@code analyze}, which only {@code cli} uses, reads the boot's
 * trace as a file. Arrows only run down, and no package takes part in a cycle.
 */
class LayeringTest {
    private static final String ROOT = "dev.easyto.init";

    /** What the boot phases and the supervisor call into; none of it knows about them. */
    private static final String[] CONCERNS = {
        ROOT + ".linux..",
        ROOT + ".log..",
        ROOT + ".config..",
        ROOT + ".fs..",
        ROOT + ".process..",
        ROOT + ".spec..",
        ROOT + ".net..",
        ROOT + ".aws..",
        ROOT + ".env..",
        ROOT + ".volume..",
        ROOT + ".disk..",
        ROOT + ".retry..",
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageTakesPartInACycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void concernsNeverReachUpToTheLifecycle() {
        noClasses()
                .that()
                .resideInAnyPackage(CONCERNS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".boot..", ROOT + ".supervise..", ROOT + ".pid1..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void bootAndSuperviseStayApart() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".boot..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".supervise..", ROOT + ".pid1..", ROOT + ".cli..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".supervise..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".boot..", ROOT + ".pid1..", ROOT + ".cli..")
                .check(classes);
    }

    /** Boot analysis knows the trace as a file format only, so it reads any instance's trace. */
    @Test
    void analysisReadsTheTraceNotTheBoot() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".analyze..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".boot..", ROOT + ".supervise..", ROOT + ".pid1..", ROOT + ".cli..", ROOT + ".config..")
                .check(classes);
    }

    @Test
    void theLifecycleNeverReachesUpToTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".pid1..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".cli..")
                .check(classes);
    }
}
