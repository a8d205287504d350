package org.heavytail.trainer.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete lines of {@code manifest.csv}. A crash can leave a last line without its newline:
 * such a tail (and anything after a malformed line) is not part of the manifest and is reported.
 *
 * @param entries parsed entries in file order
 * @param validBytes length of the valid prefix (header and complete lines)
 * @param fileBytes length of the file
 */
record ManifestFile(List<ManifestEntry> entries, long validBytes, long fileBytes) {

  static ManifestFile read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new ManifestFile(List.of(), 0, 0);
    }
    byte[] bytes = Files.readAllBytes(file);
    List<ManifestEntry> out = new ArrayList<>();
    int pos = 0;
    long valid = 0;
    boolean header = true;
    while (pos < bytes.length) {
      int nl = pos;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      if (nl >= bytes.length) {
        break; // partial last line
      }
      String line = new String(bytes, pos, nl - pos, StandardCharsets.UTF_8);
      if (header) {
        if (!line.equals(ManifestEntry.HEADER)) {
          throw new IOException(file + ": first line '" + line + "' is not the manifest header '"
              + ManifestEntry.HEADER + "'");
        }
        header = false;
      } else {
        try {
          out.add(ManifestEntry.parse(line));
        } catch (IllegalArgumentException e) {
          break; // a torn write; everything before it stays valid
        }
      }
      pos = nl + 1;
      valid = pos;
    }
    return new ManifestFile(out, valid, bytes.length);
  }

  /** Bytes after the valid prefix (a torn last line), 0 when clean. */
  long tornBytes() {
    return fileBytes - validBytes;
  }
}
