package org.acme.shadow;

/**
 * A host class named like the fact {@code LineFact}, for the corpus file that declares {@code
 * package org.acme.shadow;} and imports the facts with a wildcard: javac gives the file's own
 * package priority over a wildcard import, so {@code LineFact} there would be this class.
 */
public final class LineFact {
  /** @return a value a rule could read if the name resolved here */
  public String getSku() {
    return "shadow";
  }
}
