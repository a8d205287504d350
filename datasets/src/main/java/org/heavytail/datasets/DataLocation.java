package org.heavytail.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Where data sets are looked up, and where derived caches go. Immutable; build with
 * {@link #defaults()}, {@link #of(Path)} or {@link #builder()}.
 *
 * <p>Search order for the data directory (the first that holds the set wins):
 *
 * <ol>
 *   <li>an explicit directory ({@code --data-dir}); when given, it is the only one searched;
 *   <li>the environment variable {@code HEAVYTAIL_DATA};
 *   <li>{@code ../shared/data} relative to the working directory, then
 *       {@code ${heavytail.shared.dir}/data} and {@code ${heavytail.home}/../shared/data} when
 *       those system properties are set;
 *   <li>{@code ~/.heavytail/data}.
 * </ol>
 *
 * A set lives in {@code DIR/<folder>} with the folder of {@link DataSetId#folderName()} (the
 * directory given is the parent of the set folders, never a set folder itself, so that one
 * folder cannot pass for two sets). Fashion-MNIST is also looked up in
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist} package).
 *
 * <p>Cache directory: {@code HEAVYTAIL_CACHE}, else {@code ~/.heavytail/cache}, unless set
 * explicitly. Nothing is ever downloaded.
 */
public final class DataLocation {

  /** Debian's install folder of the {@code dataset-fashion-mnist} package. */
  public static final Path DEBIAN_FASHION_MNIST = Paths.get("/usr/share/datasets/fashion-mnist");

  private final Path explicitDir;
  private final List<Path> searchPath;
  private final Path cacheDir;

  private DataLocation(Builder b) {
    Map<String, String> env = b.env == null ? System.getenv() : b.env;
    Properties props = b.props == null ? System.getProperties() : b.props;
    Path home = b.userHome != null ? b.userHome : Paths.get(props.getProperty("user.home", "."));
    Path work = b.workingDir != null ? b.workingDir : Paths.get("").toAbsolutePath();
    this.explicitDir = b.dataDir == null ? null : b.dataDir.toAbsolutePath().normalize();
    LinkedHashSet<Path> dirs = new LinkedHashSet<>();
    if (explicitDir != null) {
      dirs.add(explicitDir);
    } else {
      String envDir = env.get("HEAVYTAIL_DATA");
      if (envDir != null && !envDir.isBlank()) {
        dirs.add(Paths.get(envDir).toAbsolutePath().normalize());
      }
      dirs.add(work.resolve("../shared/data").toAbsolutePath().normalize());
      String shared = props.getProperty("heavytail.shared.dir");
      if (shared != null && !shared.isBlank()) {
        dirs.add(Paths.get(shared, "data").toAbsolutePath().normalize());
      }
      String appHome = props.getProperty("heavytail.home");
      if (appHome != null && !appHome.isBlank()) {
        dirs.add(Paths.get(appHome, "..", "shared", "data").toAbsolutePath().normalize());
      }
      dirs.add(home.resolve(".heavytail").resolve("data").toAbsolutePath().normalize());
    }
    this.searchPath = List.copyOf(dirs);
    if (b.cacheDir != null) {
      this.cacheDir = b.cacheDir.toAbsolutePath().normalize();
    } else {
      String envCache = env.get("HEAVYTAIL_CACHE");
      this.cacheDir =
          envCache != null && !envCache.isBlank()
              ? Paths.get(envCache).toAbsolutePath().normalize()
              : home.resolve(".heavytail").resolve("cache").toAbsolutePath().normalize();
    }
  }

  /** The default location: environment, system properties and home directory of this JVM. */
  public static DataLocation defaults() {
    return builder().build();
  }

  /**
   * A location searching only {@code dataDir}, or the defaults when {@code dataDir} is null.
   *
   * @param dataDir the {@code --data-dir} value, or null
   */
  public static DataLocation of(Path dataDir) {
    return builder().optDataDir(dataDir).build();
  }

  /** A builder starting from this JVM's environment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The explicit data directory, or null when the default search path is used. */
  public Path explicitDir() {
    return explicitDir;
  }

  /** The data directories searched, in order. */
  public List<Path> searchPath() {
    return searchPath;
  }

  /** The directory for derived caches (e.g. decoded CIFAR-10 JPEGs in binary form). */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * The candidate folders for one data set, in search order: {@code DIR/<folder>} for every
   * search directory, then (default search only) Debian's folder for Fashion-MNIST.
   */
  public List<Path> candidates(DataSetId id) {
    List<Path> out = new ArrayList<>();
    for (Path dir : searchPath) {
      out.add(dir.resolve(id.folderName()));
    }
    if (id == DataSetId.FASHION_MNIST && explicitDir == null) {
      out.add(DEBIAN_FASHION_MNIST);
    }
    return out;
  }

  /**
   * The first candidate folder that {@code present} accepts.
   *
   * @param id the data set
   * @param present tells whether a folder holds the set's files
   * @param expected describes those files, for the error message
   * @throws DataSetNotFoundException naming every folder tried and {@code expected}
   */
  public Path resolve(DataSetId id, Predicate<Path> present, String expected)
      throws DataSetNotFoundException {
    List<Path> tried = candidates(id);
    for (Path p : tried) {
      if (Files.isDirectory(p) && present.test(p)) {
        return p;
      }
    }
    throw new DataSetNotFoundException(id, tried, expected);
  }

  @Override
  public String toString() {
    return "DataLocation" + searchPath + ", cache " + cacheDir;
  }

  /** Builder for {@link DataLocation}; unset fields come from this JVM. */
  public static final class Builder {
    private Path dataDir;
    private Path cacheDir;
    private Map<String, String> env;
    private Properties props;
    private Path workingDir;
    private Path userHome;

    private Builder() {}

    /** The {@code --data-dir} value: when non-null, the only data directory searched. */
    public Builder optDataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** The cache directory, overriding {@code HEAVYTAIL_CACHE}. */
    public Builder optCacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    /** The environment to read {@code HEAVYTAIL_DATA} and {@code HEAVYTAIL_CACHE} from. */
    public Builder optEnvironment(Map<String, String> environment) {
      this.env = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** The system properties ({@code heavytail.shared.dir}, {@code heavytail.home}, ...). */
    public Builder optSystemProperties(Properties properties) {
      this.props = Objects.requireNonNull(properties, "properties");
      return this;
    }

    /** The working directory that {@code ../shared/data} is relative to. */
    public Builder optWorkingDir(Path dir) {
      this.workingDir = dir;
      return this;
    }

    /** The home directory holding {@code .heavytail/}. */
    public Builder optUserHome(Path dir) {
      this.userHome = dir;
      return this;
    }

    /** Builds the location. */
    public DataLocation build() {
      return new DataLocation(this);
    }
  }
}
