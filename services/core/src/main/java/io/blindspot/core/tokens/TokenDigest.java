package io.blindspot.core.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets are shown once and stored only as their SHA-256. Tokens carry 256 random bits, so a plain
 * (unsalted, fast) digest is enough: there is nothing to brute-force, and lookups stay indexable.
 */
public final class TokenDigest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenDigest() {}

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Compares two digests in constant time. */
  public static boolean matches(String token, byte[] digest) {
    return digest != null && MessageDigest.isEqual(sha256(token), digest);
  }

  /** A new secret: a prefix saying what it is, then 256 random bits, URL-safe. */
  public static String newSecret(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
