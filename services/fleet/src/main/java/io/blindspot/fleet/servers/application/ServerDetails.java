package io.blindspot.fleet.servers.application;

import java.util.List;
import java.util.Map;

/**
 * One server in full: the listing fields plus its reports and what its current inventory says.
 *
 * @param reports report kind → its current report
 * @param mounts the current inventory's mounts as reported; empty before the first inventory
 * @param services the current inventory's services as reported; empty before the first inventory
 */
public record ServerDetails(
    Server server, Map<String, Report> reports, List<Object> mounts, List<Object> services) {}
