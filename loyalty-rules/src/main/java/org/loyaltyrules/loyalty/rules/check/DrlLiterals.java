package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The literals a rule may write: strings of bounded length, plain whole numbers and decimals of
 * bounded digits, and numbers written as text; everything else (exponents, suffixes, 0x, text
 * blocks) is refused.
 */
final class DrlLiterals {
  static final Pattern INTEGER = Pattern.compile("(0|[1-9][0-9]*)[lL]?");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+\\.[0-9]+");
  private static final Pattern EXPONENT_NUMBER = Pattern.compile("\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE].*");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("\\s*[+-]?([0-9]+)(\\.([0-9]+))?\\s*");

  private final DrlCodeContext ctx;

  DrlLiterals(DrlCodeContext ctx) {
    this.ctx = ctx;
  }

  DrlType stringLiteral(Expression e, String value) {
    if (value.length() > DrlAllowList.MAX_STRING_LITERAL) {
      return ctx.refuseLiteral(e, "string of " + value.length() + " characters", "at most "
          + DrlAllowList.MAX_STRING_LITERAL + " characters");
    }
    return DrlType.STRING;
  }

  DrlType integerLiteral(Expression e, String text) {
    String digits = text.replaceAll("[lL]$", "");
    if (!INTEGER.matcher(text).matches()) {
      return ctx.refuseLiteral(e, "number [" + text + "]", "plain decimal digits without leading zeros, _, 0x or 0b, "
          + "such as 500");
    }
    if (digits.length() > DrlAllowList.MAX_DIGITS) {
      return ctx.refuseLiteral(e, "number [" + DrlFragment.shorten(text) + "] of " + digits.length() + " digits",
          "at most " + DrlAllowList.MAX_DIGITS + " digits");
    }
    boolean isLong = text.endsWith("l") || text.endsWith("L");
    if (!isLong && Long.parseLong(digits) > Integer.MAX_VALUE) {
      return ctx.refuseLiteral(e, "number [" + text + "]", "a whole number up to " + Integer.MAX_VALUE
          + ", or a long written with L, such as " + text + "L");
    }
    return isLong ? DrlType.LONG : DrlType.INT;
  }

  DrlType decimalLiteral(DoubleLiteralExpr d) {
    String text = d.getValue();
    if (!DECIMAL.matcher(text).matches()) {
      return ctx.refuseLiteral(d, "number [" + DrlFragment.shorten(text) + "]", "plain decimals such as 1.5, without an "
          + "exponent or suffix");
    }
    if (text.length() - 1 > DrlAllowList.MAX_DIGITS) {
      return ctx.refuseLiteral(d, "number [" + DrlFragment.shorten(text) + "]", "at most " + DrlAllowList.MAX_DIGITS + " digits");
    }
    if (ctx.inConsequence) {
      return ctx.refuseLiteral(d, "decimal [" + text + "] in a consequence", "whole numbers, a decimal in text (\"1.5\") "
          + "or BigDecimal.valueOf(...)");
    }
    return DrlType.DOUBLE;
  }

  /** A number written as text, such as a base rate of {@code "1.5"}, must be a plain decimal. */
  void numberInText(StringLiteralExpr literal) {
    String value = literal.getValue();
    boolean exponent = EXPONENT_NUMBER.matcher(value).matches();
    java.util.regex.Matcher plain = PLAIN_NUMBER.matcher(value);
    boolean tooLong = plain.matches() && plain.group(1).length()
        + (plain.group(3) == null ? 0 : plain.group(3).length()) > DrlAllowList.MAX_DIGITS;
    if (exponent || tooLong) {
      ctx.refuse(literal, "forbidden-literal", "Forbidden literal: number [" + DrlFragment.shorten(value)
          + "] in text; expected a plain decimal of at most " + DrlAllowList.MAX_DIGITS + " digits without an exponent, "
          + "such as \"1.5\"");
    }
  }

  static boolean positiveLiteral(Expression e) {
    return (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr)
        && ((com.github.javaparser.ast.expr.LiteralStringValueExpr) e).getValue().matches("[1-9][0-9]{0,17}[lL]?");
  }
}
