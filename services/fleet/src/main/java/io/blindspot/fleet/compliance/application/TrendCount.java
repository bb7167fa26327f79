package io.blindspot.fleet.compliance.application;

import java.time.LocalDate;

/** How many server × policy results had one status on one day (in one group when grouped). */
public record TrendCount(LocalDate day, String group, String status, long count) {}
