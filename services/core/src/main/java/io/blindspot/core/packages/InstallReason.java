package io.blindspot.core.packages;

/**
 * Why a package is installed. A rebuild needs it: explicitly installed packages are what the
 * operator asked for (Gentoo's world file, apt-mark manual, pacman's explicit reason); dependencies
 * come back by themselves.
 */
public enum InstallReason {
  EXPLICIT,
  DEPENDENCY,
  UNKNOWN
}
