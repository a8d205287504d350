package org.heavytail.trainer.cli;

import java.nio.file.Path;
import org.heavytail.datasets.DataLocation;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} / {@code --cache-dir} options, for every command that reads data. Use
 * as a picocli mixin: {@code @Mixin DataDirOption data;} then {@code data.location()}.
 *
 * <p>Without {@code --data-dir} the search path of {@link DataLocation} applies ({@code
 * HEAVYTAIL_DATA}, {@code ../shared/data}, {@code ~/.heavytail/data}); with it, only that
 * directory is searched, for {@code DIR/<set>/} folders ({@code mnist}, {@code fashion-mnist},
 * {@code cifar10}).
 */
public final class DataDirOption {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder holding the data sets as DIR/mnist, DIR/cifar10, ... (default: $HEAVYTAIL_DATA,"
              + " then ../shared/data, then ~/.heavytail/data).")
  private Path dataDir;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Folder for decoded caches (default: $HEAVYTAIL_CACHE or ~/.heavytail/cache).")
  private Path cacheDir;

  /** The {@code --data-dir} value, or null. */
  public Path dataDir() {
    return dataDir;
  }

  /** The data location these options describe. */
  public DataLocation location() {
    return DataLocation.builder().optDataDir(dataDir).optCacheDir(cacheDir).build();
  }
}
