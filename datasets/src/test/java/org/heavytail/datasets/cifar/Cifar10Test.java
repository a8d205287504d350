package org.heavytail.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;
import org.heavytail.datasets.folder.FolderTestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

  @TempDir Path tmp;

  @Test
  void archiveIsDecodedOnceThenReadFromTheBinaryCache() throws Exception {
    Path set = tmp.resolve("data/cifar10");
    Files.createDirectories(set);
    Map<String, byte[]> entries = new TreeMap<>();
    for (int k = 0; k < 10; k++) {
      entries.put("train/" + (k % 2 == 0 ? "ship" : "bird") + "/" + k + ".png",
          FolderTestImages.png(FolderTestImages.pattern(32, 32, k)));
    }
    entries.put("test/horse/0.png", FolderTestImages.png(FolderTestImages.pattern(32, 32, 9)));
    FolderTestImages.writeTarGz(set.resolve(Cifar10.JPEG_ARCHIVE), entries);
    assertTrue(Cifar10.isPresent(set, Split.TRAIN));
    assertEquals("archive", Cifar10.layout(set, Split.TRAIN));

    Path cache = tmp.resolve("cache");
    ImageBytes train = Cifar10.load(set, Split.TRAIN, cache);
    // bird (2) files 1,3,5,7,9 then ship (8) files 0,2,4,6,8
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 8, 8, 8, 8, 8}, train.labels());
    Path folder = Cifar10.cacheFolder(set.resolve(Cifar10.JPEG_ARCHIVE), cache);
    assertTrue(Files.isRegularFile(folder.resolve("data_batch_5.bin")));
    assertEquals(7, Cifar10.load(set, Split.TEST, cache).labels()[0]);

    // prove the second load reads the cache: change a label there, see it come back
    Path b1 = folder.resolve("data_batch_1.bin");
    byte[] raw = Files.readAllBytes(b1);
    raw[0] = 4;
    Files.write(b1, raw);
    assertEquals(4, Cifar10.load(set, Split.TRAIN, cache).labels()[0]);
  }

  @Test
  void unwritableCacheStillLoads() throws Exception {
    Path set = tmp.resolve("data/cifar10");
    Files.createDirectories(set);
    FolderTestImages.writeTarGz(set.resolve(Cifar10.JPEG_ARCHIVE), Map.of(
        "train/cat/0.png", FolderTestImages.png(FolderTestImages.pattern(32, 32, 1)),
        "test/dog/0.png", FolderTestImages.png(FolderTestImages.pattern(32, 32, 2))));
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    assertEquals(3, Cifar10.load(set, Split.TRAIN, notADir).labels()[0]);
    assertEquals(5, Cifar10.load(set, Split.TEST, notADir).labels()[0]);
  }

  @Test
  void binaryWinsOverFolder() throws Exception {
    Path set = tmp.resolve("set");
    FolderTestImages.writePng(set, "test", "cat", "a", 32, 32, 0);
    assertEquals("folder", Cifar10.layout(set, Split.TEST));
    assertEquals(3, Cifar10.load(set, Split.TEST, tmp.resolve("c")).labels()[0]);
    CifarBinary.writeSplit(set, Split.TEST, CifarBinaryTest.sample(2));
    assertEquals("binary", Cifar10.layout(set, Split.TEST));
    assertEquals(2, Cifar10.load(set, Split.TEST, tmp.resolve("c")).size());
  }
}
