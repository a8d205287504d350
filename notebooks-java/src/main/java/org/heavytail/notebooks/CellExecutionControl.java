package org.heavytail.notebooks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution, but every snippet runs on ONE long-lived thread of this JVM.
 *
 * <p>Why: the stock "local" engine runs each snippet on a fresh thread in a thread group and then
 * joins every thread of that group, so a snippet that starts long-lived threads (a snapshot
 * writer, libtorch's pools) blocks or is torn down with them. Native libraries such as libtorch
 * also keep per-thread state. One cell thread, reused, behaves like a script's main thread.
 */
final class CellExecutionControl extends LocalExecutionControl {
  private final ExecutorService cellThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "notebook-cell");
            t.setDaemon(true);
            return t;
          });

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Future<Object> result = cellThread.submit(() -> doitMethod.invoke(null));
    try {
      return valueString(result.get());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException ite) {
        throw ite; // converted to an EvalException by the caller, with the user's stack trace
      }
      throw e;
    }
  }

  @Override
  public void close() {
    cellThread.shutdownNow();
    super.close();
  }

  /** Provides {@link CellExecutionControl} to {@code JShell.builder().executionEngine(...)}. */
  static final class Provider implements ExecutionControlProvider {
    @Override
    public String name() {
      return "heavytail-cell";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return new CellExecutionControl();
    }
  }
}
