package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.heavytail.trainer.hook.NoiseProbeHook;
import org.heavytail.trainer.hook.OnlineStatsHook;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.TensorSnapshotHook;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.OverflowPolicy;
import org.heavytail.trainer.store.StorageType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SnapshotOptionsTest {

  @Command(name = "train")
  static final class Train implements Callable<Integer> {
    @Mixin SnapshotOptions snapshots;
    SnapshotConfig config;

    @Override
    public Integer call() {
      config = snapshots.config();
      return 0;
    }
  }

  @Test
  void parsesTheIssueCommandLine() {
    Train t = new Train();
    int rc = new CommandLine(t).execute("--snapshot", "grads,noise,weights,stats", "--every",
        "10", "--layers", "*weight", "--snapshot-budget", "500M", "--noise-batches", "50",
        "--noise-every", "200", "--snapshot-dtype", "float16", "--snapshot-drop");
    assertEquals(0, rc);
    SnapshotConfig c = t.config;
    assertEquals(EnumSet.of(SnapshotConfig.What.GRADS, SnapshotConfig.What.NOISE,
        SnapshotConfig.What.WEIGHTS, SnapshotConfig.What.STATS), c.what());
    assertEquals(10, c.every());
    assertEquals(List.of("*weight"), c.layers().patterns());
    assertEquals(500L << 20, c.budgetBytes());
    assertEquals(50, c.noiseBatches());
    assertEquals(200, c.noiseEvery());
    assertEquals(StorageType.FLOAT16, c.storageType());
    assertEquals(OverflowPolicy.DROP, c.overflow());
    assertEquals("block-sum", c.trackers().get(0).name());
    List<TrainingListener> l = t.snapshots.listeners();
    assertEquals(3, l.size());
    assertTrue(l.get(0) instanceof TensorSnapshotHook);
    assertTrue(l.get(1) instanceof NoiseProbeHook);
    assertTrue(l.get(2) instanceof OnlineStatsHook);
  }

  @Test
  void noFlagsNoListeners() {
    Train t = new Train();
    assertEquals(0, new CommandLine(t).execute());
    assertTrue(t.snapshots.listeners().isEmpty());
  }

  @Test
  void badValuesNameTheFlag() {
    for (String[] args : new String[][] {
        {"--snapshot", "grads,gradz"}, {"--snapshot-budget", "lots"}, {"--every", "0"},
        {"--noise-reference", "half"}, {"--snapshot-dtype", "int8"}}) {
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(new Train());
      cl.setErr(new PrintWriter(err));
      int rc = cl.execute(args);
      assertEquals(2, rc, String.join(" ", args));
      String flag = args[0].equals("--snapshot") ? "gradz" : args[0];
      String first = err.toString().lines().findFirst().orElse("");
      assertTrue(first.contains(flag), first);
    }
  }
}
