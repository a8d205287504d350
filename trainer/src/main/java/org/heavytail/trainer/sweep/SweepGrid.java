package org.heavytail.trainer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.heavytail.trainer.loop.TrainConfig;

/**
 * A sweep grid: a base training config and axes, each axis a key with a list of values; the
 * points are the Cartesian product of the axes (the first axis varies slowest), each applied on
 * top of the base. Read from YAML ({@code .yaml}/{@code .yml}) or JSON ({@code .json}):
 *
 * <pre>
 * base:   { model: "mlp:784-10:relu", width: 64, depth: 1, dataset: mnist, subset: 2000, steps: 50 }
 * axes:   { lr: [0.05, 0.1], batch-size: [32, 128] }
 * noise:  { every: 50, batches: 10, reference: full }   # optional: frozen-θ noise probe, α̂ in sweep.csv
 * </pre>
 *
 * <p>Keys (in base and axes): {@code model, width, depth, dataset, loss, optimizer, lr,
 * batch-size, epochs, steps, seed, device, subset, standardize, checkpoint-every, test} and
 * {@code opt.NAME} (an optimizer option). {@code width}/{@code depth} are appended to the model
 * spec as {@code :width=W:depth=D}.
 *
 * @param source the file the grid was read from (for messages)
 * @param base key → value applied to every point
 * @param axes key → values, in file order
 * @param noise the noise probe to attach, or null
 */
public record SweepGrid(
    String source, Map<String, String> base, Map<String, List<String>> axes, NoiseProbe noise) {

  /** Keys accepted in {@code base} and {@code axes} (besides {@code opt.NAME}). */
  public static final Set<String> KEYS = Set.of("model", "width", "depth", "dataset", "loss",
      "optimizer", "lr", "batch-size", "epochs", "steps", "seed", "device", "subset",
      "standardize", "checkpoint-every", "test");

  /**
   * The noise probe of every point: every K steps, N minibatches, block-sum α̂ of the noise.
   *
   * @param every probe after every K updates
   * @param batches minibatches per probe
   * @param reference reference gradient ({@code full}, {@code probe-mean} or a subset size M,
   *     as {@code --noise-reference})
   */
  public record NoiseProbe(int every, int batches, String reference) {
    /** Validates. */
    public NoiseProbe {
      if (every < 1 || batches < 2) {
        throw new IllegalArgumentException("noise: every " + every + ", batches " + batches
            + ": expected every >= 1 and batches >= 2");
      }
      org.heavytail.trainer.hook.NoiseReference.parse(reference);
    }
  }

  /** Validates keys and values (every point must build a valid {@link TrainConfig}). */
  public SweepGrid {
    base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
    Map<String, List<String>> a = new LinkedHashMap<>();
    axes.forEach((k, v) -> a.put(k, List.copyOf(v)));
    axes = Collections.unmodifiableMap(a);
    for (String k : base.keySet()) {
      checkKey(source, "base", k);
    }
    for (Map.Entry<String, List<String>> e : axes.entrySet()) {
      checkKey(source, "axes", e.getKey());
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            source + ": axes." + e.getKey() + " is empty: expected a list of one or more values");
      }
      if (base.containsKey(e.getKey())) {
        throw new IllegalArgumentException(source + ": '" + e.getKey()
            + "' is both in base and in axes: give it in one place");
      }
    }
  }

  private static void checkKey(String source, String where, String k) {
    if (!KEYS.contains(k) && !(k.startsWith("opt.") && k.length() > 4)) {
      throw new IllegalArgumentException(source + ": " + where + "." + k
          + " is not a sweep key: expected one of " + new java.util.TreeSet<>(KEYS)
          + " or opt.NAME");
    }
  }

  /**
   * Reads a grid file (YAML unless the name ends with {@code .json}).
   *
   * @throws IllegalArgumentException naming the file and field when the grid is invalid
   */
  public static SweepGrid read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper m = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    JsonNode root;
    try {
      root = m.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(file + ": not a valid grid file: " + e.getOriginalMessage(), e);
    }
    return fromTree(file.toString(), root);
  }

  /** Builds a grid from a parsed tree ({@code source} names it in messages). */
  public static SweepGrid fromTree(String source, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a mapping with 'base' and 'axes'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("base", "axes", "noise").contains(f)) {
        throw new IllegalArgumentException(
            source + ": unknown top-level field '" + f + "': expected base, axes, noise");
      }
    }
    Map<String, String> base = new LinkedHashMap<>();
    JsonNode b = root.path("base");
    if (!b.isMissingNode()) {
      if (!b.isObject()) {
        throw new IllegalArgumentException(source + ": base must be a mapping of key: value");
      }
      b.fields().forEachRemaining(e -> base.put(e.getKey(), scalar(source, "base." + e.getKey(), e.getValue())));
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    JsonNode a = root.path("axes");
    if (!a.isMissingNode()) {
      if (!a.isObject()) {
        throw new IllegalArgumentException(source + ": axes must be a mapping of key: [values]");
      }
      a.fields().forEachRemaining(e -> {
        String where = "axes." + e.getKey();
        List<String> vs = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> vs.add(scalar(source, where, v)));
        } else {
          vs.add(scalar(source, where, e.getValue()));
        }
        axes.put(e.getKey(), vs);
      });
    }
    NoiseProbe noise = null;
    JsonNode n = root.path("noise");
    if (!n.isMissingNode() && !n.isNull()) {
      try {
        noise = new NoiseProbe(n.path("every").asInt(100), n.path("batches").asInt(100),
            n.path("reference").asText("full"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": noise: " + e.getMessage(), e);
      }
    }
    SweepGrid g = new SweepGrid(source, base, axes, noise);
    for (SweepPoint p : g.points()) {
      g.config(p, null, null); // every point must be a valid config
    }
    return g;
  }

  private static String scalar(String source, String where, JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException(source + ": " + where + " = " + v
          + ": expected a number, string or boolean");
    }
    return v.asText();
  }

  /** The points: the Cartesian product of the axes, first axis slowest. */
  public List<SweepPoint> points() {
    List<Map<String, String>> acc = new ArrayList<>();
    acc.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : acc) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      acc = next;
    }
    List<SweepPoint> out = new ArrayList<>();
    for (Map<String, String> m : acc) {
      out.add(SweepPoint.of(m));
    }
    return out;
  }

  /**
   * The training config of a point: the trainer defaults, then base, then the point's values;
   * no progress bar.
   *
   * @param runDir the run directory (may be null)
   * @param dataDir the data directory (null: the default search path)
   * @throws IllegalArgumentException naming the grid file, the key and the value
   */
  public TrainConfig config(SweepPoint point, Path runDir, Path dataDir) {
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(point.values());
    TrainConfig.Builder b = TrainConfig.builder().optProgress(false).optOut(runDir).optDataDir(dataDir);
    String model = null;
    String width = null;
    String depth = null;
    for (Map.Entry<String, String> e : all.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      try {
        switch (k) {
          case "model" -> model = v;
          case "width" -> width = v;
          case "depth" -> depth = v;
          case "dataset" -> b.setDataset(v);
          case "loss" -> b.optLoss(v);
          case "optimizer" -> b.setOptimizer(v);
          case "lr" -> b.setLearningRate(Double.parseDouble(v));
          case "batch-size" -> b.setBatchSize(Integer.parseInt(v));
          case "epochs" -> b.setEpochs(Integer.parseInt(v));
          case "steps" -> b.setSteps(Long.parseLong(v));
          case "seed" -> b.optSeed(Long.parseLong(v));
          case "device" -> b.optDevice(v);
          case "subset" -> b.optSubset(Integer.parseInt(v));
          case "standardize" -> b.optStandardize(bool(v));
          case "checkpoint-every" -> b.optCheckpointEvery(Long.parseLong(v));
          case "test" -> b.optEvaluateTest(bool(v));
          default -> b.optOptimizerOption(k.substring(4), v);
        }
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            source + ": " + k + " = '" + v + "': " + ex.getMessage(), ex);
      }
    }
    if (model != null || width != null || depth != null) {
      String spec = model != null ? model : "mlp:784-10:relu";
      if (width != null) {
        spec += ":width=" + width;
      }
      if (depth != null) {
        spec += ":depth=" + depth;
      }
      b.setModel(spec);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          source + ": point " + point.id() + ": " + ex.getMessage(), ex);
    }
  }

  private static boolean bool(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("expected true or false");
  }
}
