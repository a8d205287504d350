package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.heavytail.datasets.idx.IdxTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationTest {

  @TempDir Path tmp;

  private DataLocation.Builder isolated() {
    Properties p = new Properties();
    p.setProperty("heavytail.shared.dir", tmp.resolve("shared").toString());
    return DataLocation.builder()
        .optEnvironment(Map.of())
        .optSystemProperties(p)
        .optWorkingDir(tmp.resolve("work/project"))
        .optUserHome(tmp.resolve("home"));
  }

  @Test
  void searchOrderIsEnvThenSharedThenHome() {
    DataLocation loc =
        isolated().optEnvironment(Map.of("HEAVYTAIL_DATA", tmp.resolve("env").toString())).build();
    assertEquals(
        List.of(
            tmp.resolve("env"),
            tmp.resolve("work/shared/data"),
            tmp.resolve("shared/data"),
            tmp.resolve("home/.heavytail/data")),
        loc.searchPath());
    assertEquals(tmp.resolve("home/.heavytail/cache"), loc.cacheDir());
  }

  @Test
  void explicitDirIsTheOnlyOneSearched() throws Exception {
    DataLocation loc = isolated().optDataDir(tmp.resolve("mine")).build();
    assertEquals(List.of(tmp.resolve("mine")), loc.searchPath());
    assertEquals(List.of(tmp.resolve("mine/mnist")), loc.candidates(DataSetId.MNIST));
    assertEquals(List.of(tmp.resolve("mine/fashion-mnist")),
        loc.candidates(DataSetId.FASHION_MNIST));
    // the set folder itself is not a data directory: one folder cannot pass for two sets
    IdxTestFiles.writeMnist(tmp.resolve("mine"), "t10k", 2, true);
    assertThrows(DataSetNotFoundException.class,
        () -> DataSets.load(DataSetId.MNIST, Split.TEST, loc));
    IdxTestFiles.writeMnist(tmp.resolve("mine/mnist"), "t10k", 2, true);
    ArrayData d = DataSets.load(DataSetId.MNIST, Split.TEST, loc);
    assertEquals(2, d.size());
  }

  @Test
  void firstFolderHoldingTheSetWins() throws Exception {
    IdxTestFiles.writeMnist(tmp.resolve("home/.heavytail/data/mnist"), "t10k", 3, false);
    DataLocation loc = isolated().build();
    assertEquals(3, DataSets.load(DataSetId.MNIST, Split.TEST, loc).size());
    IdxTestFiles.writeMnist(tmp.resolve("shared/data/mnist"), "t10k", 4, false);
    assertEquals(4, DataSets.load(DataSetId.MNIST, Split.TEST, loc).size());
  }

  @Test
  void missingSetNamesEveryPathAndTheExpectedFiles() {
    DataLocation loc = isolated().optCacheDir(tmp.resolve("c")).build();
    DataSetNotFoundException e =
        assertThrows(
            DataSetNotFoundException.class,
            () -> DataSets.load(DataSetId.MNIST, Split.TRAIN, loc));
    for (Path p : loc.candidates(DataSetId.MNIST)) {
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte[.gz]"), e.getMessage());
    assertEquals(tmp.resolve("c"), loc.cacheDir());
    assertTrue(Files.notExists(tmp.resolve("home/.heavytail")), "nothing created or downloaded");
  }

  @Test
  void fashionMnistAlsoLooksInDebianFolder() {
    assertTrue(
        isolated().build().candidates(DataSetId.FASHION_MNIST)
            .contains(DataLocation.DEBIAN_FASHION_MNIST));
  }
}
