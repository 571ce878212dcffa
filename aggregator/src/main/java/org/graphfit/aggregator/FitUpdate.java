package org.graphfit.aggregator;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import org.graphfit.output.FitFiles;

/**
 * One update of a fit database, inside one transaction that begins before the stored state is read:
 * a second updater of the same database waits for it (SQLite's immediate transactions), then sees
 * its rows, so two updaters never add the same folder twice. The roots are scanned with what the
 * last update saw of their directories ({@code directories}), so only directories that changed are
 * listed; a folder is read again only when its manifest changed.
 */
final class FitUpdate {
  private final Connection connection;

  FitUpdate(Connection connection) {
    this.connection = connection;
  }

  /**
   * The fit folders found, the directories listed to find them (-1: listed before the update), and
   * for a listing made here, the roots' scans, with the stored states they replace.
   */
  private record Listing(
      List<FitFolder> fits,
      int listed,
      Set<String> unchecked,
      List<FitScanner.Scan> scans,
      Map<String, DirectoryState> old,
      List<String> roots) {}

  /**
   * Whether each fit is unchanged since the last update, or null if a fit folder taken unchecked
   * from the last update is no longer one (it has neither a manifest nor a files/ folder).
   */
  private static List<Boolean> compare(
      Listing listing, Map<String, Stored> stored, boolean verify) {
    List<Boolean> same =
        listing.fits().parallelStream()
            .map(
                fit -> {
                  String key = fit.path().toString();
                  BasicFileAttributes attributes = FolderCheck.manifestAttributes(fit.path());
                  if (attributes == null
                      && listing.unchecked().contains(key)
                      && !FitScanner.isFitFolder(fit.path())) {
                    return null;
                  }
                  Stored old = stored.get(key);
                  return !verify && old != null && unchanged(fit, old, attributes);
                })
            .toList();
    return same.contains(null) ? null : same;
  }

  private record Stored(
      long id, String digest, long bytes, long modified, String status, String problem) {}

  /** Runs the update; the caller commits. */
  FitDatabase.UpdateReport run(Aggregator aggregator, boolean verify, long start)
      throws SQLException {
    Map<String, Stored> stored = stored(aggregator.roots());
    Listing listing = scan(aggregator, stored, verify);
    List<Boolean> same = compare(listing, stored, verify);
    if (same == null) {
      // a fit folder known from the last update lost its files/ folder: list every directory
      listing = scan(aggregator, stored, true);
      same = compare(listing, stored, verify);
    }
    if (listing.scans() != null) {
      aggregator.adopt(listing.fits());
      replaceStates(listing.old(), listing.scans(), listing.roots());
    }
    List<FitFolder> found = listing.fits();
    List<FitFolder> toRead = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int unchanged = 0;
    for (int i = 0; i < found.size(); i++) {
      present.add(found.get(i).path().toString());
      if (same.get(i)) {
        unchanged++;
      } else {
        toRead.add(found.get(i));
      }
    }
    List<FitRecord> records = read(toRead);
    List<Long> obsolete = new ArrayList<>();
    int added = 0;
    int changed = 0;
    for (FitRecord record : records) {
      Stored old = stored.get(record.fit().path().toString());
      if (old == null) {
        added++;
      } else {
        obsolete.add(old.id());
        if (!old.digest().equals(String.valueOf(record.fit().manifestDigest()))
            || !old.status().equals(record.fit().status().name())
            || !Objects.equals(old.problem(), record.fit().problem())) {
          changed++;
        } else {
          unchanged++;
        }
      }
    }
    int removed = 0;
    for (Map.Entry<String, Stored> entry : stored.entrySet()) {
      if (!present.contains(entry.getKey())) {
        obsolete.add(entry.getValue().id());
        removed++;
      }
    }
    write(obsolete, records);
    Map<String, FitRecord> read = new HashMap<>();
    for (FitRecord record : records) {
      read.put(record.fit().path().toString(), record);
    }
    int complete = 0;
    int incomplete = 0;
    List<FitDatabase.Corrupt> corrupt = new ArrayList<>();
    for (FitFolder fit : found) {
      String key = fit.path().toString();
      FitRecord record = read.get(key);
      String status = record == null ? stored.get(key).status() : fit.status().name();
      String problem = record == null ? stored.get(key).problem() : fit.problem();
      switch (FitStatus.valueOf(status)) {
        case COMPLETE -> complete++;
        case INCOMPLETE -> incomplete++;
        case CORRUPT -> corrupt.add(new FitDatabase.Corrupt(fit.path(), problem));
        default -> throw new IllegalStateException("unknown status " + status);
      }
    }
    return new FitDatabase.UpdateReport(
        found.size(),
        added,
        changed,
        unchanged,
        removed,
        complete,
        incomplete,
        List.copyOf(corrupt),
        listing.listed(),
        (System.nanoTime() - start) * 1e-9);
  }

  /**
   * The fit folders under the roots: listed here, with what the last update saw of each directory
   * (every directory is listed with {@code listEvery}), if the aggregator has not listed its roots
   * yet; then it is given this listing and the directories' states are replaced by what this scan
   * saw (see {@link #run}). An aggregator that already listed them keeps its listing, and the
   * states are forgotten (the next update lists every directory).
   */
  private Listing scan(Aggregator aggregator, Map<String, Stored> stored, boolean listEvery)
      throws SQLException {
    List<String> roots = new ArrayList<>();
    for (Path root : aggregator.roots()) {
      roots.add(root.toAbsolutePath().normalize().toString());
    }
    Map<String, DirectoryState> old = states(roots);
    if (aggregator.listed()) {
      replaceStates(old, List.of(), roots);
      return new Listing(aggregator.all().list(), -1, Set.of(), null, old, roots);
    }
    FitScanner.Known known = FitScanner.Known.of(listEvery ? Map.of() : old, stored.keySet());
    List<FitFolder> found = new ArrayList<>();
    List<FitScanner.Scan> scans = new ArrayList<>();
    for (Path root : aggregator.roots()) {
      FitScanner.Scan scan = FitScanner.scan(root, known);
      scans.add(scan);
      found.addAll(scan.fits());
    }
    int listed = 0;
    Set<String> unchecked = new HashSet<>();
    for (FitScanner.Scan scan : scans) {
      listed += scan.listed();
      unchecked.addAll(scan.unchecked());
    }
    return new Listing(found, listed, unchecked, scans, old, roots);
  }

  private Map<String, DirectoryState> states(List<String> roots) throws SQLException {
    Set<String> rootKeys = new HashSet<>(roots);
    Map<String, DirectoryState> states = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT root, path, modified_ns, changed_ns, listed_ns FROM directories")) {
      while (rows.next()) {
        if (rootKeys.contains(rows.getString(1))) {
          states.put(
              rows.getString(2),
              new DirectoryState(rows.getLong(3), rows.getLong(4), rows.getLong(5)));
        }
      }
    }
    return states;
  }

  /**
   * Replaces the stored states of the roots' directories by those of the scans: only rows that
   * differ are deleted and inserted.
   */
  private void replaceStates(
      Map<String, DirectoryState> old, List<FitScanner.Scan> scans, List<String> roots)
      throws SQLException {
    if (!scans.isEmpty() && scans.stream().noneMatch(FitScanner.Scan::statesChanged)) {
      return;
    }
    Map<String, String> rootOf = new HashMap<>();
    Map<String, DirectoryState> now = new HashMap<>();
    for (int i = 0; i < scans.size(); i++) {
      for (Map.Entry<String, DirectoryState> entry : scans.get(i).states().entrySet()) {
        now.put(entry.getKey(), entry.getValue());
        rootOf.put(entry.getKey(), roots.get(i));
      }
    }
    try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM directories WHERE path = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO directories (root, path, modified_ns, changed_ns, listed_ns)"
                    + " VALUES (?,?,?,?,?)")) {
      for (Map.Entry<String, DirectoryState> entry : old.entrySet()) {
        if (!entry.getValue().equals(now.get(entry.getKey()))) {
          delete.setString(1, entry.getKey());
          delete.addBatch();
        }
      }
      for (Map.Entry<String, DirectoryState> entry : now.entrySet()) {
        if (!entry.getValue().equals(old.get(entry.getKey()))) {
          insert.setString(1, rootOf.get(entry.getKey()));
          insert.setString(2, entry.getKey());
          insert.setLong(3, entry.getValue().modified());
          insert.setLong(4, entry.getValue().changed());
          insert.setLong(5, entry.getValue().listed());
          insert.addBatch();
        }
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }

  /**
   * Whether a stored fit is unchanged: for a completed or corrupt one, a manifest of the same size
   * and modification time (one stat; the library replaces a manifest by renaming a new file over
   * it), else of the same SHA-256; for a folder without a manifest, still without one and of the
   * same status.
   */
  private static boolean unchanged(FitFolder fit, Stored old, BasicFileAttributes attributes) {
    if (attributes != null
        && old.bytes() == attributes.size()
        && old.modified() == attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)) {
      return true;
    }
    String digest = attributes == null ? null : FitFiles.manifestDigest(fit.path());
    if (digest == null) {
      return old.digest().equals("null")
          && fit.status().name().equals(old.status())
          && Objects.equals(fit.problem(), old.problem());
    }
    return digest.equals(old.digest());
  }

  private Map<String, Stored> stored(List<Path> roots) throws SQLException {
    Set<String> rootKeys = new HashSet<>();
    for (Path root : roots) {
      rootKeys.add(root.toAbsolutePath().normalize().toString());
    }
    Map<String, Stored> stored = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT fit_id, path, root, manifest_sha256, manifest_bytes, manifest_modified_ns,"
                    + " status, problem FROM fits")) {
      while (rows.next()) {
        if (rootKeys.contains(rows.getString(3))) {
          stored.put(
              rows.getString(2),
              new Stored(
                  rows.getLong(1),
                  String.valueOf(rows.getString(4)),
                  rows.getObject(5) == null ? -1 : rows.getLong(5),
                  rows.getObject(6) == null ? -1 : rows.getLong(6),
                  rows.getString(7),
                  rows.getString(8)));
        }
      }
    }
    return stored;
  }

  /** Reads the folders' files on the common pool (the work is mostly hashing and parsing). */
  private static List<FitRecord> read(List<FitFolder> fits) {
    List<ForkJoinTask<FitRecord>> tasks = new ArrayList<>();
    ForkJoinPool pool = ForkJoinPool.commonPool();
    for (FitFolder fit : fits) {
      tasks.add(pool.submit(() -> FitRecord.of(fit)));
    }
    List<FitRecord> records = new ArrayList<>(fits.size());
    for (ForkJoinTask<FitRecord> task : tasks) {
      records.add(task.join());
    }
    return records;
  }

  private long nextId() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(fit_id) FROM fits")) {
      rows.next();
      return rows.getLong(1) + 1;
    }
  }

  private void write(List<Long> obsolete, List<FitRecord> records) throws SQLException {
    if (!obsolete.isEmpty()) {
      for (String table : FitDatabase.TABLES) {
        try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + table + " WHERE fit_id = ?")) {
          for (long id : obsolete) {
            delete.setLong(1, id);
            delete.addBatch();
          }
          delete.executeBatch();
        }
      }
    }
    long id = nextId();
    try (FitInserts inserts = new FitInserts(connection)) {
      for (FitRecord record : records) {
        inserts.add(id++, record);
      }
      inserts.execute();
    }
  }
}
