package io.webassist.cobrowse;

/** What kind of form field an input came from; decides whether its value may leave the machine. */
public enum FieldKind {
  TEXT,
  /** {@code <input type=password>}: never sent. */
  PASSWORD,
  /** A field the page marks sensitive (card number, national id, …): never sent. */
  SENSITIVE;

  public boolean mayBeShared() {
    return this == TEXT;
  }
}
