package app.triplicate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering rules of ARCHITECTURE.md, enforced on every build. */
@AnalyzeClasses(packages = "app.triplicate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule javafxStaysInTheUi = noClasses()
            .that().resideOutsideOfPackage("app.triplicate.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the services must run headless, from the command line and in tests");

    @ArchTest
    static final ArchRule frontDoorsUseServicesOnly = noClasses()
            .that().resideInAnyPackage("app.triplicate.ui..", "app.triplicate.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "software.amazon..", "org.apache.sshd..",
                    "org.h2..", "org.flywaydb..")
            .because("the command line and the window are thin front doors over the same services");

    @ArchTest
    static final ArchRule cloudAndSshLibrariesStayInTheRemotePackage = noClasses()
            .that().resideOutsideOfPackage("app.triplicate.remote..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "org.apache.sshd..")
            .because("every remote is reached through the RemoteStore port");

    @ArchTest
    static final ArchRule cliDoesNotUseTheUi = noClasses()
            .that().resideInAPackage("app.triplicate.cli..")
            .should().dependOnClassesThat().resideInAPackage("app.triplicate.ui..");

    @ArchTest
    static final ArchRule uiDoesNotUseTheCli = noClasses()
            .that().resideInAPackage("app.triplicate.ui..")
            .should().dependOnClassesThat().resideInAPackage("app.triplicate.cli..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule coreImportsJavaOnly = classes()
            .that().resideInAPackage("app.triplicate.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "app.triplicate.core..")
            .because("core holds records and rules with no I/O");

    /** What writes a copy's state or a kept figure, or a mass change's standing. */
    private static final DescribedPredicate<JavaMethodCall> WRITES_THE_LEDGER =
            new DescribedPredicate<>("a copy state, kept figure or mass change is written") {
                @Override
                public boolean test(JavaMethodCall call) {
                    String name = call.getName();
                    return switch (call.getTargetOwner().getSimpleName()) {
                        case "MediaFileRepository" -> Set.of("recordVerified", "recordRemoteVerified", "recordAllVerified", "moveCopy",
                                "recordNewVersion", "markOutdated", "markMissing", "markCorrupt", "markFoundAt",
                                "refreshCountsAt").contains(name);
                        case "CullRepository" -> name.equals("markCulled");
                        case "FigureCheck" -> name.equals("fix");
                        case "MassChangeRepository" -> Set.of("record", "dismiss", "confirm").contains(name);
                        default -> false;
                    };
                }
            };

    @ArchTest
    static final ArchRule oneLedgerDecidesCopyStates = noClasses()
            .that().resideOutsideOfPackages("app.triplicate.ledger..", "app.triplicate.catalog..")
            .should().callMethodWhere(WRITES_THE_LEDGER)
            .because("one domain service turns evidence into a copy state and keeps the figures (ARCHITECTURE.md, 11)");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("app.triplicate.(*)..").should().beFreeOfCycles();
}
