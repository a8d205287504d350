package org.heavytail.trainer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Injected output channels: a disk that fills up, and a disk that stalls until released. */
final class TestChannels {

  private TestChannels() {}

  /**
   * Files whose name matches {@code which} share {@code capacity} bytes; the write that crosses it
   * writes what fits and the next write throws "No space left on device", like ENOSPC. Rewriting
   * bytes already in a file (a chunk header) needs no space, as on a real file system.
   */
  static OutputChannels filling(long capacity, Predicate<Path> which) {
    AtomicLong left = new AtomicLong(capacity);
    return file -> {
      FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return which.test(file) ? new Delegate(real) {
        @Override
        public int write(ByteBuffer src) throws IOException {
          if (real.position() + src.remaining() <= real.size()) {
            return real.write(src); // overwriting allocated blocks needs no free space
          }
          long room = left.get();
          if (room <= 0) {
            throw new IOException("No space left on device");
          }
          if (src.remaining() > room) {
            ByteBuffer part = src.slice();
            part.limit((int) room);
            int n = real.write(part);
            src.position(src.position() + n);
            left.addAndGet(-n);
            return n;
          }
          int n = real.write(src);
          left.addAndGet(-n);
          return n;
        }
      } : real;
    };
  }

  /** Chunk writes wait until {@code gate} opens (a stalled disk). */
  static OutputChannels gated(CountDownLatch gate) {
    return file -> {
      FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return file.toString().endsWith(".part") ? new Delegate(real) {
        @Override
        public int write(ByteBuffer src) throws IOException {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          return real.write(src);
        }
      } : real;
    };
  }

  /** Forwards everything to a real channel. */
  static class Delegate implements SeekableByteChannel {
    final FileChannel real;

    Delegate(FileChannel real) {
      this.real = real;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(src);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
      real.position(p);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public boolean isOpen() {
      return real.isOpen();
    }

    @Override
    public void close() throws IOException {
      real.close();
    }
  }
}
