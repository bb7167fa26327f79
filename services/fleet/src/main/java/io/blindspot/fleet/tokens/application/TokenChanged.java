package io.blindspot.fleet.tokens.application;

/**
 * Fired inside the transaction that issued or revoked a token; {@link OperatorCredentials} applies
 * it once that transaction committed, so this instance honours the change at once.
 *
 * @param digest the secret's digest for a new token, null for a revocation
 */
record TokenChanged(byte[] digest, OperatorToken token) {}
