package org.heavytail.trainer.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names inside a store directory (see the package documentation). */
final class StoreLayout {

  static final String MANIFEST = "manifest.csv";
  static final String PART = ".part";
  private static final Pattern CHUNK = Pattern.compile("chunk-(\\d+)\\.npy(\\.part)?");

  private StoreLayout() {}

  /** Relative path of a finished chunk, e.g. {@code grads/fc1_weight/chunk-000003.npy}. */
  static String chunk(SnapshotKind kind, String layer, int index) {
    return kind.label() + "/" + layer + "/" + String.format(Locale.ROOT, "chunk-%06d.npy", index);
  }

  static String indexFile(String layer) {
    return "indices/" + layer + ".npy";
  }

  /** Next free chunk index of a series (one past the largest on disk, finished or not). */
  static int nextChunkIndex(Path dir, SnapshotKind kind, String layer) throws IOException {
    Path d = dir.resolve(kind.label()).resolve(layer);
    if (!Files.isDirectory(d)) {
      return 0;
    }
    int next = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      for (Path p : s) {
        Matcher m = CHUNK.matcher(p.getFileName().toString());
        if (m.matches()) {
          next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
      }
    }
    return next;
  }

  /** Every {@code .part} chunk under the store, as relative paths of their finished names. */
  static List<String> partChunks(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (SnapshotKind k : SnapshotKind.values()) {
      Path kd = dir.resolve(k.label());
      if (!Files.isDirectory(kd)) {
        continue;
      }
      try (DirectoryStream<Path> layers = Files.newDirectoryStream(kd, Files::isDirectory)) {
        for (Path ld : layers) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(ld)) {
            for (Path p : s) {
              Matcher m = CHUNK.matcher(p.getFileName().toString());
              if (m.matches() && m.group(2) != null) {
                String name = p.getFileName().toString();
                out.add(k.label() + "/" + ld.getFileName() + "/"
                    + name.substring(0, name.length() - PART.length()));
              }
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }
}
