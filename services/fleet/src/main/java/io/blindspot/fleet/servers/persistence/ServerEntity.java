package io.blindspot.fleet.servers.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The part of a servers row the fleet service writes: its labels. Everything else (enrollment, last
 * seen, the denormalised OS) belongs to the ingest service, hence dynamic updates that never write
 * back columns this service did not change.
 */
@Entity
@Table(name = "servers")
@DynamicUpdate
public class ServerEntity extends PanacheEntityBase {

  @Id
  @Column(name = "server_id")
  public UUID serverId;

  @Column(nullable = false, insertable = false, updatable = false)
  public String hostname;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> labels;
}
