package org.graphfit.aggregator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An embedded SQL database of fit folders (SQLite by default; any JDBC database that speaks the
 * schema's plain SQL works), built by {@link #update(Aggregator)} and brought up to date by calling
 * it again: a folder is read again only when its manifest's SHA-256 changed (or it had none), so
 * re-indexing costs one small read per fit. The schema, in {@code schema.sql} beside this class and
 * documented in the README, has the tables {@code directories} (what the last update saw of each
 * directory, so that an update lists only directories that changed), {@code fits}, {@code
 * parameters}, {@code factors}, {@code factor_parameters}, {@code derived}, {@code searches},
 * {@code settings}, {@code diagnostics}, {@code concerns} and {@code files}, every child table
 * keyed by {@code fit_id}. Corrupt folders are recorded with their problem and nothing else;
 * incomplete ones with their status.
 *
 * <p>Not for use by several threads at once. One process should update a database at a time (SQLite
 * serializes writers; a second updater waits for the first's transaction).
 */
public final class FitDatabase implements AutoCloseable {
  /** The schema's version, in the table {@code schema_info}. */
  public static final String SCHEMA_VERSION = "2";

  /** The tables keyed by {@code fit_id}. */
  static final List<String> TABLES =
      List.of(
          "fits",
          "parameters",
          "factors",
          "factor_parameters",
          "derived",
          "searches",
          "settings",
          "diagnostics",
          "concerns",
          "files");

  private final Connection connection;
  private final String description;

  private FitDatabase(Connection connection, String description) {
    this.connection = connection;
    this.description = description;
  }

  /**
   * Opens (creating if needed) an SQLite database file.
   *
   * @param file the database, e.g. {@code output/graphfit.sqlite}
   * @return the database
   * @throws IllegalStateException if it cannot be opened or is not a GraphFit database of this
   *     schema version
   */
  public static FitDatabase open(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + parent, e);
    }
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    // an update begins by taking the write lock; a second updater waits for it up to 5 minutes
    config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(300_000);
    try {
      Connection connection =
          DriverManager.getConnection(
              "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      FitDatabase database = new FitDatabase(connection, file.toString());
      database.createSchema();
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("could not open the database " + file + ": " + e, e);
    }
  }

  /**
   * Opens an existing SQLite database file read-only, for queries.
   *
   * @param file the database
   * @return the database
   * @throws IllegalArgumentException if the file does not exist
   * @throws IllegalStateException if it is not a GraphFit database of this schema version
   */
  public static FitDatabase openReadOnly(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no database at " + file + ": build it with `graphfit index <root> --db " + file + "`");
    }
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setReadOnly(true);
    try {
      Connection connection =
          DriverManager.getConnection(
              "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      FitDatabase database = new FitDatabase(connection, file.toString());
      database.checkVersion();
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("could not open the database " + file + ": " + e, e);
    }
  }

  /**
   * Opens a database by JDBC URL, creating the schema if needed (e.g. {@code jdbc:duckdb:fits.db}
   * with the DuckDB driver on the class path).
   *
   * @param url the JDBC URL
   * @param description what to call the database in messages
   * @return the database
   * @throws IllegalStateException if it cannot be opened or is of another schema version
   */
  public static FitDatabase open(String url, String description) {
    try {
      Connection connection = DriverManager.getConnection(url);
      FitDatabase database = new FitDatabase(connection, description);
      database.createSchema();
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("could not open the database " + description + ": " + e, e);
    }
  }

  /**
   * The schema's SQL: the statements that create the tables and indexes.
   *
   * @return the statements, separated by semicolons
   */
  public static String schema() {
    try (InputStream in = FitDatabase.class.getResourceAsStream("schema.sql")) {
      return new String(
          Objects.requireNonNull(in, "schema.sql").readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the database schema", e);
    }
  }

  private void createSchema() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : stripComments(schema()).split(";")) {
        String trimmed = sql.strip();
        if (!trimmed.isEmpty()) {
          statement.execute(trimmed);
        }
      }
    }
    checkVersion();
  }

  private static String stripComments(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString().strip();
  }

  private void checkVersion() throws SQLException {
    String version = null;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT value FROM schema_info WHERE key = 'version'")) {
      if (rows.next()) {
        version = rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          description + " is not a GraphFit fit database (no schema_info table): " + e.getMessage(),
          e);
    }
    if (version == null && !connection.isReadOnly()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO schema_info (key, value) VALUES ('version', ?)")) {
        insert.setString(1, SCHEMA_VERSION);
        insert.executeUpdate();
      }
      version = SCHEMA_VERSION;
    }
    if (!SCHEMA_VERSION.equals(version)) {
      throw new IllegalStateException(
          description
              + " has schema version "
              + version
              + ", not "
              + SCHEMA_VERSION
              + ": delete it and index again");
    }
  }

  /**
   * A corrupt folder: skipped, recorded with its problem only.
   *
   * @param path the fit's folder
   * @param problem what is wrong, naming the file
   */
  public record Corrupt(Path path, String problem) {}

  /**
   * What an update did.
   *
   * @param found the fit folders found under the roots
   * @param added those new to the database
   * @param changed those read again because their manifest or state changed
   * @param unchanged those left as they were
   * @param removed the folders of these roots no longer on disk, removed from the database
   * @param complete the completed fits now recorded
   * @param incomplete the incomplete ones
   * @param corrupt the corrupt ones, with their problems
   * @param listed the directories listed to find the folders (the others were known unchanged since
   *     the last update), -1 if the aggregator had listed its roots before the update
   * @param seconds the update's wall time
   */
  public record UpdateReport(
      int found,
      int added,
      int changed,
      int unchanged,
      int removed,
      int complete,
      int incomplete,
      List<Corrupt> corrupt,
      int listed,
      double seconds) {

    /**
     * A one-line description.
     *
     * @return e.g. {@code 10000 fits: 100 added, 0 changed, ...}
     */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "%d fit folders: %d added, %d changed, %d unchanged, %d removed; %d complete, %d"
              + " incomplete, %d corrupt (%.2f s)",
          found,
          added,
          changed,
          unchanged,
          removed,
          complete,
          incomplete,
          corrupt.size(),
          seconds);
    }
  }

  /**
   * Brings the database up to date with the aggregator's roots: adds new folders, reads again those
   * whose manifest changed (and incomplete or corrupt ones whose state changed), removes those no
   * longer on disk under these roots. Folders of other roots stay as they are.
   *
   * @param aggregator the folders
   * @return what changed
   * @throws IllegalStateException if the database cannot be written
   */
  public UpdateReport update(Aggregator aggregator) {
    return update(aggregator, false);
  }

  /**
   * As {@link #update(Aggregator)}; with {@code verify}, every folder is read and checked again,
   * catching a file damaged after it was indexed without its manifest changing.
   *
   * @param aggregator the folders
   * @param verify whether to read every folder again
   * @return what changed
   * @throws IllegalStateException if the database cannot be written
   */
  public UpdateReport update(Aggregator aggregator, boolean verify) {
    long start = System.nanoTime();
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("could not update the database " + description + ": " + e, e);
    }
    try {
      UpdateReport report = new FitUpdate(connection).run(aggregator, verify, start);
      connection.commit();
      return report;
    } catch (SQLException e) {
      rollback();
      throw new IllegalStateException("could not update the database " + description + ": " + e, e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        throw new IllegalStateException("could not end the update of " + description, e);
      }
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the failure that caused the rollback is the one worth reporting
    }
  }

  /** A result of a query: column names and rows of JDBC values. */
  public record Rows(List<String> columns, List<List<Object>> rows) {}

  /**
   * Runs a read query.
   *
   * @param sql a {@code SELECT} (or {@code WITH}) statement
   * @param arguments values of its {@code ?} placeholders
   * @return the rows
   * @throws IllegalArgumentException if the query is not one statement, or the database rejects it
   *     (the message is the database's)
   */
  public Rows query(String sql, Object... arguments) {
    String trimmed = sql.strip();
    if (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.contains(";")) {
      throw new IllegalArgumentException("give one query, without ';': " + sql);
    }
    try (PreparedStatement statement = connection.prepareStatement(trimmed)) {
      for (int i = 0; i < arguments.length; i++) {
        statement.setObject(i + 1, arguments[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          columns.add(meta.getColumnLabel(c));
        }
        List<List<Object>> values = new ArrayList<>();
        while (rows.next()) {
          List<Object> row = new ArrayList<>(columns.size());
          for (int c = 1; c <= columns.size(); c++) {
            row.add(rows.getObject(c));
          }
          values.add(row);
        }
        return new Rows(List.copyOf(columns), values);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "the query failed: " + e.getMessage() + "\n  query: " + trimmed, e);
    }
  }

  /**
   * The fits a {@code WHERE} condition over the {@code fits} table selects (e.g. {@code status =
   * 'COMPLETE' AND log_evidence > -200}, or with a sub-query on {@code parameters}), with the given
   * parameters' estimates as extra columns.
   *
   * @param where the condition, {@code ""} for every fit
   * @param parameters parameter paths whose estimate (median, or mean for EP) to add as columns
   * @return the rows: name, status, kind, model, log_evidence, likelihood_calls, seconds,
   *     trustworthy, path, then one column per parameter
   * @throws IllegalArgumentException if the condition is not valid SQL over {@code fits}
   */
  public Rows fitsWhere(String where, List<String> parameters) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT f.name, f.status, f.kind, f.model, f.log_evidence, f.likelihood_calls,"
                + " f.seconds, f.trustworthy, f.path");
    List<Object> arguments = new ArrayList<>();
    for (String parameter : parameters) {
      sql.append(", (SELECT coalesce(p.median, p.mean) FROM parameters p WHERE p.fit_id = f.fit_id")
          .append(" AND p.path = ?) AS \"")
          .append(parameter.replace("\"", ""))
          .append('"');
      arguments.add(parameter);
    }
    sql.append(" FROM fits f");
    if (!where.isBlank()) {
      sql.append(" WHERE (").append(where).append(')');
    }
    sql.append(" ORDER BY f.path");
    return query(sql.toString(), arguments.toArray());
  }

  /**
   * The number of rows of a table.
   *
   * @param table one of the schema's tables
   * @return the count
   */
  public long count(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("no table " + table + "; the tables are " + TABLES);
    }
    return ((Number) query("SELECT count(*) FROM " + table).rows().get(0).get(0)).longValue();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("could not close the database " + description, e);
    }
  }
}
