package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update lists only the directories whose times changed since the last update, and still finds
 * every new, refitted, removed or completed fit: each change is made to a directory the last update
 * knew as settled, then the database is compared with a fresh listing of every directory.
 */
final class DirectoryCacheTest {
  @TempDir Path root;
  @TempDir Path elsewhere;

  private static List<String> paths(List<FitFolder> fits) {
    List<String> paths = new ArrayList<>();
    fits.forEach(fit -> paths.add(fit.path() + " " + fit.manifestDigest()));
    return paths;
  }

  /** Updates, and checks that the database holds what listing every directory finds now. */
  private FitDatabase.UpdateReport updateAndCompare(FitDatabase database) {
    Aggregator aggregator = Aggregator.of(root);
    FitDatabase.UpdateReport report = database.update(aggregator);
    List<String> stored = new ArrayList<>();
    for (List<Object> row :
        database.query("SELECT path, manifest_sha256 FROM fits ORDER BY path").rows()) {
      stored.add(row.get(0) + " " + row.get(1));
    }
    List<FitFolder> fresh = FitScanner.scan(root);
    assertThat(stored).containsExactlyElementsIn(paths(fresh)).inOrder();
    // the aggregator handed to the update keeps the update's listing
    assertThat(paths(aggregator.all().list())).isEqualTo(paths(fresh));
    return report;
  }

  @Test
  void listsOnlyChangedDirectoriesAndMissesNoNewChangedOrRemovedFit() throws Exception {
    for (int i = 0; i < 12; i++) {
      SyntheticFits.write(root, "survey/dataset_" + i, "", 30 + i, i);
    }
    // a fit that has made its folder but not yet its files/ folder
    OutputFolder pending = SyntheticFits.folder(root, "survey/dataset_6", "pending", 60);
    Files.createDirectories(pending.path());
    // every directory settles: its times are older than the settling time when it is listed
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(DirectoryState.SETTLE_NANOS) + 200);
    try (FitDatabase database = FitDatabase.open(elsewhere.resolve("fits.sqlite"))) {
      FitDatabase.UpdateReport first = updateAndCompare(database);
      assertThat(first.added()).isEqualTo(12);
      // root, survey, 12 name folders and the pending folder
      assertThat(first.listed()).isEqualTo(15);

      FitDatabase.UpdateReport same = updateAndCompare(database);
      assertThat(same.unchanged()).isEqualTo(12);
      assertThat(same.listed()).isEqualTo(0);

      // a new fit in a known name folder
      SyntheticFits.write(root, "survey/dataset_3", "second", 70, 100);
      FitDatabase.UpdateReport added = updateAndCompare(database);
      assertThat(added.added()).isEqualTo(1);
      assertThat(added.listed()).isEqualTo(1);

      // a new fit in a new name folder, two levels down
      SyntheticFits.write(root, "survey/deep/dataset_x", "", 71, 101);
      assertThat(updateAndCompare(database).added()).isEqualTo(1);

      // a new fit whose name folder's modification time is set back to what it was (a copy that
      // keeps times): the inode's change time still tells
      Path name = root.resolve("survey/dataset_5");
      FileTime before = Files.getLastModifiedTime(name);
      SyntheticFits.write(root, "survey/dataset_5", "copied", 72, 102);
      Files.setLastModifiedTime(name, before);
      assertThat(updateAndCompare(database).added()).isEqualTo(1);

      // a refit in place: the folder deleted and written again with other samples
      Path refit = SyntheticFits.folder(root, "survey/dataset_4", "", 4).path();
      deleteRecursively(refit);
      SyntheticFits.write(root, "survey/dataset_4", "", 80, 4);
      assertThat(updateAndCompare(database).changed()).isEqualTo(1);

      // the pending fit completes: its folder, known as a plain directory, gets files/
      try (FitLock lock = pending.lock(java.time.Duration.ZERO)) {
        pending.writeStart(SyntheticFits.LAYOUT.info());
        pending.writeResult(SyntheticFits.result(61, 60));
      }
      assertThat(updateAndCompare(database).added()).isEqualTo(1);

      // a removed fit
      deleteRecursively(SyntheticFits.folder(root, "survey/dataset_7", "", 7).path());
      assertThat(updateAndCompare(database).removed()).isEqualTo(1);

      // a fit folder that loses its files/ folder is no longer a fit folder
      deleteRecursively(
          SyntheticFits.folder(root, "survey/dataset_8", "", 8).path().resolve("files"));
      FitDatabase.UpdateReport lost = updateAndCompare(database);
      assertThat(lost.removed()).isEqualTo(1);

      // with verify, every directory is listed again
      FitDatabase.UpdateReport verified = database.update(Aggregator.of(root), true);
      assertThat(verified.listed()).isAtLeast(15);
      assertThat(verified.found()).isEqualTo(14);
    }
  }

  @Test
  void anAggregatorThatListedItsRootsBeforeTheUpdateKeepsItsListing() throws Exception {
    SyntheticFits.write(root, "survey/a", "", 30, 1);
    try (FitDatabase database = FitDatabase.open(elsewhere.resolve("fits.sqlite"))) {
      Aggregator aggregator = Aggregator.of(root);
      assertThat(aggregator.all().size()).isEqualTo(1);
      SyntheticFits.write(root, "survey/b", "", 31, 2);
      FitDatabase.UpdateReport report = database.update(aggregator);
      assertThat(report.listed()).isEqualTo(-1);
      assertThat(report.found()).isEqualTo(1);
      // the states were forgotten: the next update lists every directory and finds b
      FitDatabase.UpdateReport next = database.update(Aggregator.of(root));
      assertThat(next.added()).isEqualTo(1);
      assertThat(next.listed()).isEqualTo(4);
    }
  }

  private static void deleteRecursively(Path folder) throws Exception {
    try (var walk = Files.walk(folder)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
