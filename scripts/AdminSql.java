import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one SQL statement and prints the first column of each row: what ./blindspot needs from psql,
 * for machines that have no PostgreSQL client. Usage: java -cp postgresql.jar AdminSql.java URL USER
 * PASSWORD SQL
 */
public class AdminSql {
  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
        Statement statement = connection.createStatement()) {
      if (statement.execute(args[3])) {
        try (ResultSet rows = statement.getResultSet()) {
          while (rows.next()) {
            System.out.println(rows.getString(1));
          }
        }
      }
    }
  }
}
