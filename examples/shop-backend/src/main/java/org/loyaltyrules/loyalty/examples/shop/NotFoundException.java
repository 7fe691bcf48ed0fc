package org.loyaltyrules.loyalty.examples.shop;

import org.loyaltyrules.loyalty.InvalidValueException;

/** A request named a member or an order the shop does not know (HTTP 404, code {@code not-found}). */
final class NotFoundException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  NotFoundException(String subject, String field, String value, String expected) {
    super("not-found", subject, field, value, expected);
  }
}
