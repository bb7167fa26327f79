package io.blindspot.core.coverage;

/** If this server died tonight, could it be restored? */
public enum Readiness {
  READY,
  AT_RISK,
  NOT_RESTORABLE
}
