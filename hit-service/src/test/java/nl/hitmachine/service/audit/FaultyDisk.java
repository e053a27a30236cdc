package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChannelOpener} over the real file system whose channels can be made to fail, for tests
 * of the fail-closed path (tests run as root, so file permissions cannot make a disk fail).
 *
 * <pre>{@code
 * FaultyDisk disk = new FaultyDisk();
 * try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
 *   disk.failForces();            // every later fsync throws IOException
 *   log.append(entry).join();     // -> CompletionException(AuditUnavailableException)
 * }
 * }</pre>
 *
 * <p>It can also hold the next {@code force} until released, so a test can queue appends behind a
 * commit that is in progress. Thread-safe.
 */
public final class FaultyDisk implements ChannelOpener {
  private volatile boolean failWrites;
  private volatile boolean failForces;
  private final AtomicInteger forces = new AtomicInteger();
  private volatile CountDownLatch held;
  private volatile CountDownLatch holding;

  @Override
  public FileChannel open(Path path, OpenOption... options) throws IOException {
    return new Channel(FileChannel.open(path, options));
  }

  /** From now on every write to a channel of this disk throws {@link IOException}. */
  public void failWrites() {
    failWrites = true;
  }

  /** From now on every {@code force} throws {@link IOException}. */
  public void failForces() {
    failForces = true;
  }

  /** Stops failing. */
  public void heal() {
    failWrites = false;
    failForces = false;
  }

  /** Number of {@code force} calls so far (successful or not), directories included. */
  public int forceCount() {
    return forces.get();
  }

  /** Makes the next {@code force} wait until {@link #releaseForces()}. */
  public void holdNextForce() {
    holding = new CountDownLatch(1);
    held = new CountDownLatch(1);
  }

  /** Waits until a force is being held. */
  public void awaitForceHeld(Duration timeout) throws InterruptedException {
    CountDownLatch h = holding;
    if (h == null || !h.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("no force was held within " + timeout);
    }
  }

  /** Lets a held force go on. */
  public void releaseForces() {
    CountDownLatch h = held;
    held = null;
    if (h != null) {
      h.countDown();
    }
  }

  private void beforeForce() throws IOException {
    forces.incrementAndGet();
    CountDownLatch gate = held;
    CountDownLatch reached = holding;
    if (gate != null && reached != null && reached.getCount() > 0) {
      reached.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while held", e);
      }
    }
    if (failForces) {
      throw new IOException("injected force failure");
    }
  }

  private void beforeWrite() throws IOException {
    if (failWrites) {
      throw new IOException("injected write failure");
    }
  }

  private final class Channel extends FileChannel {
    private final FileChannel delegate;

    Channel(FileChannel delegate) {
      this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      beforeWrite();
      return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      beforeWrite();
      return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      beforeWrite();
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      beforeForce();
      delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      beforeWrite();
      return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      beforeWrite();
      return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new IOException("mapping is not supported by FaultyDisk");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }
}
