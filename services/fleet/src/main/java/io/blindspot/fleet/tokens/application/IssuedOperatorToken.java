package io.blindspot.fleet.tokens.application;

/** A newly issued operator token together with its secret, which exists only in this answer. */
public record IssuedOperatorToken(OperatorToken token, String secret) {}
