package io.blindspot.fleet.enrollment.application;

/** A newly issued token together with its secret, which exists only in this one answer. */
public record IssuedEnrollmentToken(EnrollmentToken token, String secret) {}
