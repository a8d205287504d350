package org.heavytail.trainer.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkHeaderTest {

  @TempDir Path tmp;

  @Test
  void fixedHeaderRoundTripsAndIsAligned() throws IOException {
    long[] shape = {123_456_789_012L, 784};
    ByteBuffer b = ChunkHeader.encode("<f2", shape, ChunkHeader.CHUNK_HEADER_BYTES);
    assertEquals(128, b.remaining());
    assertEquals('\n', b.get(127));
    Path f = tmp.resolve("h.npy");
    Files.write(f, toArray(b));
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      ChunkHeader h = ChunkHeader.read(ch, f);
      assertEquals("<f2", h.descr());
      assertArrayEquals(shape, h.shape());
      assertEquals(128, h.dataOffset());
    }
  }

  @Test
  void oneDimensionalShapeUsesPythonTupleSyntax() throws IOException {
    ByteBuffer b = ChunkHeader.encode("<i8", new long[] {5});
    String text = new String(toArray(b), 10, b.remaining() - 10, "US-ASCII");
    assertEquals(true, text.contains("'shape': (5,)"), text);
    assertEquals(0, b.remaining() % 64);
  }

  @Test
  void badMagicNamesTheFile() throws IOException {
    Path f = tmp.resolve("bad.npy");
    Files.write(f, new byte[64]);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      IOException e = assertThrows(IOException.class, () -> ChunkHeader.read(ch, f));
      assertEquals(true, e.getMessage().contains("bad.npy"), e.getMessage());
    }
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
