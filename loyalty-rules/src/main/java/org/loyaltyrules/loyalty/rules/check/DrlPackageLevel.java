package org.loyaltyrules.loyalty.rules.check;

import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.EntryPointDeclarationDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;

/**
 * The restricted grammar outside the rules, for {@link DrlGrammar}: the file's package (its own,
 * never a platform, library or fact package, nor one holding application classes), its imports
 * (fact and value types only), the single collector global, and no units, functions, declared
 * types, windows, entry points or attributes but {@code dialect "java"}.
 */
final class DrlPackageLevel {
  private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private final PackageDescr pkg;
  private final DrlPolicy policy;
  private final DrlReport report;
  private final DrlPositions at;
  private final DrlTypes types;

  DrlPackageLevel(PackageDescr pkg, DrlPolicy policy, DrlReport report, DrlPositions at, DrlTypes types) {
    this.pkg = pkg;
    this.policy = policy;
    this.report = report;
    this.at = at;
    this.types = types;
  }

  /** Checks everything outside the rules: package, imports, globals, functions, declarations, attributes. */
  void check() {
    String name = pkg.getName() == null ? "" : pkg.getName();
    if (!name.isEmpty() && (!PACKAGE_NAME.matcher(name).matches() || forbiddenPackage(name))) {
      report.errorAt(at.packageNameOffset(pkg), "", "forbidden-package", "Forbidden package: package [" + name
          + "]; expected a package of your own of lower-case ASCII names, such as shop.rules, not a JDK, Drools, "
          + "KIE, library or fact package");
    } else if (!name.isEmpty() && DrlAllowList.packageHasClasses(name)) {
      // Generated classes would share the package of loaded host classes, and see their package-private members.
      report.errorAt(at.packageNameOffset(pkg), "", "forbidden-package", "Forbidden package: package [" + name
          + "] holds classes of the application; expected a package of your own that no class uses, such as shop.rules");
    }
    if (pkg.getUnit() != null) {
      report.errorAt(at.start(pkg.getUnit()), "", "forbidden-construct", "Forbidden construct: unit ["
          + pkg.getUnit().getTarget() + "]; expected plain rules over the fact model");
    }
    for (ImportDescr imported : pkg.getImports()) {
      types.addImport(imported.getTarget()).ifPresent(problem -> report.errorAt(at.targetOffset(imported), "",
          "forbidden-import", "Forbidden import: import [" + imported.getTarget() + "] " + problem + "; expected the "
              + "fact types of " + types.sortedFactPackages() + " and " + DrlTypes.valueTypeNames()));
    }
    for (FunctionImportDescr imported : pkg.getFunctionImports()) {
      report.errorAt(at.targetOffset(imported), "", "forbidden-import", "Forbidden import: import function ["
          + imported.getTarget() + "]; expected no function or static imports");
    }
    for (AccumulateImportDescr imported : pkg.getAccumulateImports()) {
      report.errorAt(at.targetOffset(imported), "", "forbidden-import", "Forbidden import: import accumulate ["
          + imported.getTarget() + "]; expected the accumulate functions " + DrlGrammar.sorted(DrlAllowList.ACCUMULATE_FUNCTIONS));
    }
    for (GlobalDescr global : pkg.getGlobals()) {
      DrlTypes.Resolution type = types.resolveTypeName(global.getType());
      boolean collector = DrlPolicy.COLLECTOR_GLOBAL.equals(global.getIdentifier()) && type.resolved()
          && type.kind() == DrlTypes.Kind.COLLECTOR;
      if (!collector) {
        report.errorAt(at.start(global), "", "forbidden-global", "Forbidden global: global [" + global.getType()
            + " " + global.getIdentifier() + "]; expected only [global " + DrlPolicy.COLLECTOR_TYPE + " "
            + DrlPolicy.COLLECTOR_GLOBAL + "]");
      }
    }
    for (FunctionDescr function : pkg.getFunctions()) {
      report.errorAt(at.start(function), "", "forbidden-function", "Forbidden function: function ["
          + function.getName() + "]; expected no functions (a function body is arbitrary Java)");
    }
    for (AbstractClassTypeDeclarationDescr declared : pkg.getClassAndEnumDeclarationDescrs()) {
      declaration(declared, "type", declared.getTypeName());
    }
    for (WindowDeclarationDescr declared : pkg.getWindowDeclarations()) {
      declaration(declared, "window", declared.getName());
    }
    for (EntryPointDeclarationDescr declared : pkg.getEntryPointDeclarations()) {
      declaration(declared, "entry point", declared.getEntryPointId());
    }
    for (AttributeDescr attribute : pkg.getAttributes()) {
      attribute(attribute, "");
    }
  }

  private boolean forbiddenPackage(String name) {
    for (String prefix : DrlAllowList.PLATFORM_PACKAGE_PREFIXES) {
      if (name.equals(prefix) || name.startsWith(prefix + ".")) {
        return true;
      }
    }
    return DrlAllowList.LIBRARY_CODE_PACKAGES.contains(name) || policy.factPackages().contains(name);
  }

  private void declaration(BaseDescr declared, String kind, String name) {
    report.errorAt(at.start(declared), "", "forbidden-declare", "Forbidden declaration: declare " + kind + " ["
        + name + "]; expected the library's fact model only (declared types and their initialisers run code)");
  }

  /** A file-level ({@code ruleName} empty) or rule attribute: only {@code dialect "java"} is allowed. */
  void attribute(AttributeDescr attribute, String ruleName) {
    String name = attribute.getName();
    int offset = at.attributeOffset(attribute);
    if (name.equals("dialect")) {
      if (!"java".equals(attribute.getValue())) {
        report.errorAt(offset, ruleName, "forbidden-dialect", "Forbidden dialect: dialect [" + DrlFragment.shorten(
            String.valueOf(attribute.getValue())) + "]; expected the default java dialect");
      }
      return;
    }
    report.errorAt(offset, ruleName, "forbidden-attribute", "Forbidden attribute: " + name + " ["
        + DrlFragment.shorten(String.valueOf(attribute.getValue())) + "]; expected no attributes but dialect \"java\" "
        + "(ordering, grouping and timing come from the engine and campaigns.csv, not from rule files)");
  }
}
