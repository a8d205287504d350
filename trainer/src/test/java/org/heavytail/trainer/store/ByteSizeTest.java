package org.heavytail.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void parsesBinarySuffixes() {
    assertEquals(4096, ByteSize.parse("4096"));
    assertEquals(500L << 20, ByteSize.parse("500M"));
    assertEquals(500L << 20, ByteSize.parse("500MiB"));
    assertEquals(2L << 30, ByteSize.parse("2g"));
    assertEquals(1536, ByteSize.parse("1.5K"));
  }

  @Test
  void rejectsGarbageNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
  }
}
