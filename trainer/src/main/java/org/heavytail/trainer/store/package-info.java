/**
 * The snapshot store: per-step tensors (gradients, weights, updates, gradient noise) written
 * asynchronously as NumPy {@code .npy} chunk files, one series per (kind, layer), indexed by a
 * CSV manifest that Tablesaw reads in one call.
 *
 * <p>Layout of a store directory:
 *
 * <pre>
 * store.json                       format, dtype, layers (shape, kept coordinates), segments
 * manifest.csv                     one line per record: segment,step,epoch,layer,kind,rows,width,dtype,file,offset,dropped
 * indices/&lt;layer&gt;.npy            int64 coordinate indices kept for a subsampled layer
 * &lt;kind&gt;/&lt;layer&gt;/chunk-000000.npy  a finished chunk: float32 or float16 array [rows, width]
 * &lt;kind&gt;/&lt;layer&gt;/chunk-000001.npy.part  the chunk being written (or left by a crash)
 * </pre>
 *
 * <p>Crash safety: a chunk is written as {@code .part} with a fixed 128-byte header, rows are
 * appended, and a record's manifest line is written only after its rows. Closing a chunk rewrites
 * the header with the final row count and renames it atomically to {@code .npy}. After a SIGKILL
 * {@link org.heavytail.trainer.store.SnapshotStore#open} reports the {@code .part} chunk as
 * incomplete and keeps every record whose manifest line and rows both reached the file.
 */
package org.heavytail.trainer.store;
