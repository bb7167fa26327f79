package io.blindspot.fleet.servers.application;

/**
 * The operating system a server last reported (os-release ID, ID_LIKE family, NAME, VERSION_ID).
 */
public record Os(String id, String family, String name, String versionId) {}
