package org.heavytail.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

  @TempDir Path dir;

  @Test
  void decodesPlanesRowMajorExactly() throws Exception {
    FolderTestImages.writePng(dir, "train", "cat", "0001", 32, 32, 3);
    ImageBytes b = ImageFolder.cifar10().read(dir.resolve("train"));
    assertEquals(1, b.size());
    assertEquals(3, b.labels()[0]); // cat is class 3 in CIFAR-10's fixed order
    byte[] px = b.pixels();
    int plane = 32 * 32;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int p = y * 32 + x;
        assertEquals((8 * x + 3) & 0xFF, px[p] & 0xFF, "red at " + x + "," + y);
        assertEquals((8 * y) & 0xFF, px[plane + p] & 0xFF, "green at " + x + "," + y);
        assertEquals(252, px[2 * plane + p] & 0xFF, "blue");
      }
    }
  }

  @Test
  void cifarOrderIsFixedOtherFoldersAlphabetical() throws Exception {
    FolderTestImages.writePng(dir, "test", "truck", "a", 32, 32, 1);
    FolderTestImages.writePng(dir, "test", "airplane", "b", 32, 32, 2);
    FolderTestImages.writePng(dir, "test", "frog", "a", 32, 32, 3);
    FolderTestImages.writePng(dir, "test", "frog", "b", 32, 32, 4);
    ImageBytes c = ImageFolder.cifar10().read(dir.resolve("test"));
    assertArrayEquals(new int[] {0, 6, 6, 9}, c.labels());
    assertEquals(10, c.numClasses());
    // frog/a then frog/b: file-name order within a class (red channel carries k)
    assertEquals(3, c.pixels()[3072] & 0xFF);
    assertEquals(4, c.pixels()[2 * 3072] & 0xFF);

    ImageBytes g = ImageFolder.of(null, 1, 32, 32).read(dir.resolve("test"));
    // alphabetical: airplane 0, frog 1, truck 2
    assertArrayEquals(new int[] {0, 1, 1, 2}, g.labels());
    assertEquals(3, g.numClasses());
    assertArrayEquals(new long[] {1, 32, 32}, g.exampleShape());
    // luma of (r=2, g=0, b=253) = round(0.299*2 + 0.114*253) = 29
    assertEquals(29, g.pixels()[0] & 0xFF);
    assertEquals(List.of("a", "b"), ImageFolder.of(null, 3, 2, 2).classes(List.of("b", "a")));
  }

  @Test
  void wrongImageSizeNamesFileAndSizes() throws Exception {
    FolderTestImages.writePng(dir, "train", "dog", "0001", 32, 32, 0);
    Path bad = FolderTestImages.writePng(dir, "train", "dog", "0002", 31, 32, 0);
    DataFormatException e =
        assertThrows(DataFormatException.class,
            () -> ImageFolder.cifar10().read(dir.resolve("train")));
    assertEquals(bad, e.file());
    assertEquals("image size", e.field());
    assertTrue(e.getMessage().contains("0002.png"), e.getMessage());
    assertTrue(e.getMessage().contains("31×32 (width×height); expected 32×32"), e.getMessage());
  }

  @Test
  void unknownClassAndUndecodableImageAreNamed() throws Exception {
    FolderTestImages.writePng(dir, "train", "unicorn", "0001", 32, 32, 0);
    DataFormatException e =
        assertThrows(DataFormatException.class,
            () -> ImageFolder.cifar10().read(dir.resolve("train")));
    assertTrue(e.getMessage().contains("'unicorn' is not a known class"), e.getMessage());

    Path junk = dir.resolve("other/deer/x.jpg");
    Files.createDirectories(junk.getParent());
    Files.write(junk, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    DataFormatException e2 =
        assertThrows(DataFormatException.class,
            () -> ImageFolder.cifar10().read(dir.resolve("other")));
    assertEquals(junk, e2.file());
    assertTrue(e2.getMessage().contains("cannot be decoded"), e2.getMessage());
  }

  @Test
  void archiveReadsLikeTheFolder() throws Exception {
    Map<String, byte[]> entries = new TreeMap<>();
    for (int k = 0; k < 6; k++) {
      String cls = ImageFolder.CIFAR10_CLASSES.get(9 - k % 3);
      String split = k < 4 ? "train" : "test";
      byte[] png = FolderTestImages.png(FolderTestImages.pattern(32, 32, k));
      entries.put("cifar/" + split + "/" + cls + "/" + k + ".png", png);
      Path p = dir.resolve("tree").resolve(split).resolve(cls).resolve(k + ".png");
      Files.createDirectories(p.getParent());
      Files.write(p, png);
    }
    Path tgz = dir.resolve("x.tar.gz");
    FolderTestImages.writeTarGz(tgz, entries);
    Map<String, ImageBytes> got = ImageFolder.cifar10().readArchive(tgz);
    assertEquals(List.of("test", "train"), List.copyOf(got.keySet()));
    for (String split : List.of("train", "test")) {
      ImageBytes fromTree = ImageFolder.cifar10().read(dir.resolve("tree").resolve(split));
      assertArrayEquals(fromTree.labels(), got.get(split).labels());
      assertArrayEquals(fromTree.pixels(), got.get(split).pixels());
    }
  }
}
