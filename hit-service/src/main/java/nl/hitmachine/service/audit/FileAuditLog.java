package nl.hitmachine.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import nl.hitmachine.service.audit.merkle.CompactRange;
import nl.hitmachine.service.audit.merkle.LeafHashes;
import nl.hitmachine.service.audit.merkle.MerkleHashes;
import nl.hitmachine.service.audit.merkle.TreeHead;

/**
 * The durable, group-committed, hash-chained {@link AuditLog}: append-only segment files in one
 * directory, written by one thread.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Durable before acknowledged.</b> The future returned by {@link #append} completes
 *       normally only after the entry's record was written and {@code FileChannel.force} returned
 *       for it. Sequence numbers are assigned in append order, start at 0 and are dense.
 *   <li><b>Group commit.</b> One thread ({@code audit-writer}) takes everything appended since its
 *       last commit, encodes it, writes it with one write call (more only beyond 4 MiB or at a
 *       segment boundary) and forces the file once; all entries of that group then complete
 *       together. Futures complete on that thread: dependent stages must hand off to their own
 *       executor and must not block.
 *   <li><b>Fail closed.</b> If a write, a force or a segment roll fails, every entry of that group
 *       and every entry appended later completes exceptionally with {@link
 *       AuditUnavailableException}, {@link #isWritable()} turns false and stays false; {@link
 *       #close()} and {@link #open} again to resume. An entry whose append failed may still be
 *       found in the log after reopening (it may have reached the disk before the failure): the log
 *       can over-report, never under-report. An entry that cannot be encoded (or is over {@link
 *       AuditEntryCodec#MAX_PAYLOAD_BYTES}) fails alone, without disabling the log.
 *   <li><b>Tamper evidence.</b> Each record carries {@code hash_n = SHA-256(hash_{n-1} ‖
 *       payload_n)} with {@code hash_{-1}} = 32 zero bytes, and each segment header repeats the
 *       previous segment's last hash. {@link #verify()} re-reads everything and reports the first
 *       entry that was changed, removed or reordered. Removing entries from the very end is only
 *       detected against {@link #size()} of the open log (or an external checkpoint).
 *   <li><b>Crash recovery.</b> {@link #open} checks the last segment record by record (framing,
 *       sequence numbers, chain) and cuts off a torn tail: from the first record that is not
 *       complete — the file ends before the record does, or its length field is out of range —
 *       provided no further record starts after it (no <code>{"seq":</code> in the rest), or when
 *       everything from there on is zero bytes. Such a tail was never acknowledged: a record is
 *       acknowledged only after it and everything before it was forced. Any other damage (a
 *       complete record that fails its check, or records after the bad spot) makes {@code open}
 *       fail with {@link AuditLogCorruptedException} and leaves the files as they are, rather than
 *       discard acknowledged entries; the operator moves the damaged part aside after inspection.
 *   <li><b>One owner.</b> The directory is locked ({@code audit.lock}) while open; a second open,
 *       in this or another process, fails.
 * </ul>
 *
 * <h2>On-disk format (version 1)</h2>
 *
 * <p>The directory holds segment files named {@code audit-<first sequence, 20 digits>.log}, e.g.
 * {@code audit-00000000000000000000.log}. A new segment is started when the next record would take
 * the current one over the size limit (default 64 MiB; a single larger record gets a segment of its
 * own), and when the next entry belongs to a later {@linkplain AuditPeriod period} (UTC calendar
 * month of its time) than the current segment's first entry; an entry with an earlier time stays in
 * the current segment. So no entry in a segment belongs to a later period than its first entry,
 * and retention can remove whole segments by period. Segments are created under a {@code .tmp}
 * name, forced, renamed and the directory forced, so a segment file always has a complete header. All integers are big-endian.
 *
 * <pre>
 * segment = header record*
 * header  = magic "HMAUDLOG" (8 bytes ASCII)
 *           version       u32 = 1
 *           firstSequence u64   sequence number of the segment's first record (= file name)
 *           previousHash  32 bytes: hash of record firstSequence-1, or 32 zero bytes for 0
 * record  = length  u32         payload size in bytes, 2 .. 16 MiB
 *           payload length bytes {@link AuditEntryCodec canonical JSON} of the entry; its
 *                                first field "seq" is the record's sequence number
 *           hash    32 bytes    SHA-256(hash of the previous record ‖ payload)
 * </pre>
 *
 * <p>The hash in a record is the {@code entryHash} of the entry's {@link AuditReceipt}, in
 * lower-case hex.
 *
 * <h2>Retention</h2>
 *
 * <p>{@link #removeSegmentsBefore} deletes whole segments from the start of the log (never the
 * current one), oldest first, forcing the directory after each. The first remaining segment then
 * starts at some {@code firstSequence > 0} ({@link #firstSequence()}); its header's previousHash is
 * where the chain of the kept entries starts, and {@link #verify()} checks from there (it cannot
 * tell retention from a deleted file: the signed checkpoint of that size, the retention anchor, is
 * what {@code audit verify} checks). {@link #read} from an earlier sequence starts at the first
 * kept entry. The leaf hashes of removed entries stay in {@value #LEAF_FILE}: 32 bytes each, which
 * do not reveal the entry, so the Merkle tree, earlier checkpoints and proofs for kept entries stay
 * valid. They cannot be recomputed any more: if that file is missing or shorter than {@code
 * firstSequence} leaves, {@link #open} fails with {@link AuditLogCorruptedException} (restore it
 * from a backup) instead of inventing them.
 *
 * <h2>Merkle tree</h2>
 *
 * <p>The entries are also the leaves of an RFC 6962 Merkle tree: leaf {@code i} = SHA-256(0x00 ‖
 * payload of record {@code i}), the payload being exactly the canonical JSON bytes stored in the
 * segment. The writer keeps a {@link CompactRange} of them ({@link #treeHead()}) and stores the leaf
 * hashes in the side file {@value #LEAF_FILE} (32 bytes per entry, entry {@code i} at offset {@code
 * 32 i}), written in the same group: segment write, leaf write, segment force. The segment force
 * is what makes an entry durable; the leaf file is derived data and is <em>not</em> forced per group
 * (one fsync per group, not two). Before a new segment is started the leaf file is forced, so after
 * a crash only leaves of the last segment can be missing or torn: {@link #open} recomputes those
 * (and the whole file if it is missing or short, down to the first stored entry) from the payloads.
 * A failed leaf write, or a failed leaf force at a segment roll, fails the log closed like a
 * segment failure. Receipts carry the tree size right after their group became durable.
 */
public final class FileAuditLog implements AuditLog {

  /** Default segment size limit: 64 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

  static final String LOCK_FILE = "audit.lock";

  /** The side file with the Merkle leaf hashes, 32 bytes per entry. */
  public static final String LEAF_FILE = "leaf-hashes.bin";

  private static final int LEAF_BYTES = MerkleHashes.HASH_LENGTH;

  private static final System.Logger LOG = System.getLogger(FileAuditLog.class.getName());
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] GENESIS = new byte[Segments.HASH_BYTES];

  /**
   * How every payload starts. It cannot occur inside a JSON string (the quote would be escaped), so
   * finding it in a tail means another record starts there.
   */
  private static final byte[] RECORD_START =
      "{\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Bytes assembled before they are written out even within one group. */
  private static final int WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

  private final Path directory;
  private final ChannelOpener opener;
  private final long segmentBytesLimit;
  private final FileChannel lockChannel;
  private final FileLock directoryLock;

  // Writer-thread state (set up before the thread starts).
  private FileChannel segment;
  private String segmentName;
  private long segmentSize;
  private long nextSequence;
  private final byte[] lastHash = new byte[Segments.HASH_BYTES];
  private final RecordBuffer buffer = new RecordBuffer(256 * 1024);
  private final AuditEntryCodec.Encoder encoder = new AuditEntryCodec.Encoder(buffer);
  private final MessageDigest sha = Segments.sha256();
  private long[] groupSequences = new long[256];
  private byte[] groupHashes = new byte[256 * Segments.HASH_BYTES];
  private FileChannel leafFile;
  private final MessageDigest leafSha = Segments.sha256();
  private final CompactRange range = new CompactRange();
  private byte[] groupLeaves = new byte[256 * LEAF_BYTES];
  private int groupLeafCount; // leaf hashes computed in the current group
  private int groupLeavesWritten; // of those, written to the leaf file
  private long groupFirstSequence; // sequence of the group's first leaf
  private YearMonth segmentPeriod; // period of the current segment's first entry; null while empty

  // Shared state.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workToDo = lock.newCondition();
  private ArrayList<AuditEntry> pendingEntries = new ArrayList<>();
  private ArrayList<CompletableFuture<AuditReceipt>> pendingFutures = new ArrayList<>();
  private ArrayList<AuditEntry> groupEntries = new ArrayList<>();
  private ArrayList<CompletableFuture<AuditReceipt>> groupFutures = new ArrayList<>();
  private volatile boolean closing; // written under lock
  private volatile AuditUnavailableException failure;
  private volatile long durableSize;
  private volatile long syncCount;
  private volatile AuditCommitListener commitListener = AuditCommitListener.NONE;
  private volatile TreeHead head; // written under lock together with durableSize
  private FileLeafHashes leafView;
  private volatile long firstSequence; // first stored entry; grows when retention removes segments
  private final ReentrantLock removal = new ReentrantLock(); // one retention removal at a time
  private final Thread writer;

  private FileAuditLog(Path directory, ChannelOpener opener, long segmentBytesLimit)
      throws IOException {
    this.directory = directory;
    this.opener = opener;
    this.segmentBytesLimit = segmentBytesLimit;
    Files.createDirectories(directory);
    this.lockChannel =
        FileChannel.open(
            directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null;
    } catch (IOException e) {
      lockChannel.close();
      throw e;
    }
    if (acquired == null) {
      lockChannel.close();
      throw new AuditUnavailableException(
          "audit log directory " + directory + " is already open (locked by " + LOCK_FILE + ")");
    }
    this.directoryLock = acquired;
    try {
      deleteTemporaryFiles();
      List<Segments.Segment> segments = Segments.list(directory);
      if (segments.isEmpty()) {
        segment = createSegment(0, GENESIS);
      } else {
        recover(segments.get(segments.size() - 1));
      }
      firstSequence = segments.isEmpty() ? 0 : segments.get(0).firstSequence();
      openLeaves(segments.isEmpty() ? 0 : segments.get(segments.size() - 1).firstSequence());
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.durableSize = nextSequence;
    this.head = range.treeHead();
    this.leafView = new FileLeafHashes(leafFile, () -> durableSize);
    this.writer = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::run);
    writer.start();
  }

  /** Opens (or creates) the log in {@code directory} on the real file system. */
  public static FileAuditLog open(Path directory) {
    return open(directory, ChannelOpener.DEFAULT, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * Opens the log with every segment channel opened through {@code opener}; tests use this to make
   * the disk fail.
   */
  public static FileAuditLog open(Path directory, ChannelOpener opener) {
    return open(directory, opener, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * Opens (or creates) the log in {@code directory}, recovering from a crash if needed.
   *
   * @param segmentBytesLimit size at which a new segment is started (at least 1 KiB); a record
   *     larger than that gets a segment of its own
   * @throws AuditUnavailableException if the directory cannot be used or is already open
   * @throws AuditLogCorruptedException if the last segment is damaged other than by a torn write
   */
  public static FileAuditLog open(Path directory, ChannelOpener opener, long segmentBytesLimit) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(opener, "opener");
    if (segmentBytesLimit < 1024) {
      throw new IllegalArgumentException("segmentBytesLimit must be at least 1024");
    }
    try {
      return new FileAuditLog(directory, opener, segmentBytesLimit);
    } catch (IOException e) {
      throw new AuditUnavailableException("audit log could not be opened: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a log directory that is not open (a backup, or a log after shutdown): framing, dense
   * sequence numbers from 0 (or from the first segment kept by retention) and the hash chain of
   * every segment. A torn tail, which {@link #open} would cut off, is reported like other damage
   * ("truncated record", "bad record length").
   */
  public static AuditVerification verifyDirectory(Path directory) {
    return verify(directory, ChannelOpener.DEFAULT, Long.MAX_VALUE);
  }

  @Override
  public CompletableFuture<AuditReceipt> append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    CompletableFuture<AuditReceipt> future = new CompletableFuture<>();
    lock.lock();
    try {
      if (!closing && failure == null) {
        pendingEntries.add(entry);
        pendingFutures.add(future);
        workToDo.signal();
        return future;
      }
    } finally {
      lock.unlock();
    }
    return CompletableFuture.failedFuture(refusal());
  }

  private AuditUnavailableException refusal() {
    AuditUnavailableException failed = failure;
    if (failed != null) {
      return new AuditUnavailableException(
          "audit log is not writable since an earlier write failed", failed);
    }
    return new AuditUnavailableException("audit log is closed");
  }

  @Override
  public long size() {
    return durableSize;
  }

  /** A consistent snapshot of the tree head over the durable entries (taken under the log's lock). */
  @Override
  public TreeHead treeHead() {
    lock.lock();
    try {
      return head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The leaf hashes of the durable entries, read from {@value #LEAF_FILE}. Usable while the log is
   * open; its size grows as entries become durable.
   */
  @Override
  public LeafHashes leafHashes() {
    return leafView;
  }

  @Override
  public boolean isWritable() {
    return failure == null && !closing;
  }

  /**
   * Re-reads every segment from the start and checks framing, dense sequence numbers from 0 (or
   * from the first segment kept by retention, whose header starts the chain) and the hash chain, up
   * to the entries durable when the call starts (appends may go on meanwhile).
   * Entries missing from the end of the files are reported too.
   */
  @Override
  public AuditVerification verify() {
    return verify(directory, opener, durableSize);
  }

  private static AuditVerification verify(Path directory, ChannelOpener opener, long limit) {
    ChainScanner scanner;
    try {
      scanner = new ChainScanner(opener, Segments.list(directory), 0, limit);
    } catch (IOException e) {
      return new AuditVerification(0, 0, "audit log directory could not be read: " + e);
    }
    try (scanner) {
      while (scanner.next() != null) {
        // Checking is all there is to do.
      }
      return new AuditVerification(scanner.nextSequence(), -1, null, scanner.firstSequence());
    } catch (AuditLogCorruptedException e) {
      return new AuditVerification(
          e.sequence(), e.sequence(), e.problem(), scanner.firstSequence());
    } catch (IOException e) {
      return new AuditVerification(
          scanner.nextSequence(),
          scanner.nextSequence(),
          "read error: " + e.getMessage(),
          scanner.firstSequence());
    }
  }

  /**
   * The durable entries from {@code fromSequence} on, in order, as they were when the call started.
   * Each is checked against the chain from the start of its segment as it is read; damage ends the
   * stream with {@link AuditLogCorruptedException}, a read error with {@link UncheckedIOException}.
   * The stream holds an open file: close it (try-with-resources).
   */
  @Override
  public Stream<StoredAuditEntry> read(long fromSequence) {
    if (fromSequence < 0) {
      throw new IllegalArgumentException("fromSequence must not be negative");
    }
    long limit = durableSize;
    ChainScanner scanner;
    try {
      scanner = new ChainScanner(opener, Segments.list(directory), fromSequence, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("audit log directory could not be read", e);
    }
    Spliterator<StoredAuditEntry> entries =
        new Spliterators.AbstractSpliterator<>(
            Math.max(0, limit - fromSequence),
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE) {
          @Override
          public boolean tryAdvance(Consumer<? super StoredAuditEntry> action) {
            StoredAuditEntry next;
            try {
              next = scanner.next();
            } catch (IOException e) {
              throw new UncheckedIOException("audit log could not be read", e);
            }
            if (next == null) {
              return false;
            }
            action.accept(next);
            return true;
          }
        };
    return StreamSupport.stream(entries, false)
        .onClose(
            () -> {
              try {
                scanner.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  // ---------------------------------------------------------------- retention

  /**
   * The first stored entry: 0, or the first entry kept after retention removed the oldest segments
   * ({@link #removeSegmentsBefore}). {@link #read} from an earlier sequence starts here.
   */
  public long firstSequence() {
    return firstSequence;
  }

  /**
   * The segments at the start of the log that hold only entries of periods ({@link AuditPeriod})
   * that ended at or before {@code cutoff}: a prefix, never the current (last) segment. Reads the
   * first record of each candidate; no segment of a later period than its first entry's exists, so
   * the end of that period bounds the time of every entry in it.
   *
   * @throws IOException if a segment cannot be read
   * @throws AuditLogCorruptedException if a candidate segment has no readable first record
   */
  public RemovableSegments removableSegments(Instant cutoff) throws IOException {
    Objects.requireNonNull(cutoff, "cutoff");
    List<Segments.Segment> segments = Segments.list(directory);
    if (segments.isEmpty()) {
      return new RemovableSegments(0, 0, 0);
    }
    long from = segments.get(0).firstSequence();
    int count = 0;
    while (count < segments.size() - 1
        && !AuditPeriod.end(firstPeriod(segments.get(count))).isAfter(cutoff)) {
      count++;
    }
    return new RemovableSegments(from, segments.get(count).firstSequence(), count);
  }

  private YearMonth firstPeriod(Segments.Segment seg) throws IOException {
    try (SegmentReader reader =
        new SegmentReader(opener.open(seg.path(), StandardOpenOption.READ))) {
      if (reader.readHeader() == null || reader.next() != SegmentReader.Status.RECORD) {
        throw new AuditLogCorruptedException(
            seg.firstSequence(), "no complete first record in " + seg.path().getFileName());
      }
      try {
        return AuditPeriod.of(
            AuditEntryCodec.decode(reader.payload(), 0, reader.payloadLength()).entry().time());
      } catch (IOException e) {
        throw new AuditLogCorruptedException(seg.firstSequence(), "unreadable entry");
      }
    }
  }

  /**
   * Deletes the segment files of every entry before {@code firstKept}, oldest first, forcing the
   * directory after each, so a crash leaves a log that starts at a segment boundary. Their leaf
   * hashes stay in {@value #LEAF_FILE}, so the Merkle tree, earlier checkpoints and proofs for the
   * kept entries stay valid; the chain of the kept entries starts from the header of the segment
   * starting at {@code firstKept}.
   *
   * <p>The caller must first make sure a signed checkpoint of tree size {@code firstKept} is stored
   * (the retention anchor): without it the removed entries can no longer be checked.
   *
   * @throws IllegalArgumentException if {@code firstKept} is not the first sequence of a stored
   *     segment (the current segment's included: it is never removed)
   * @throws IOException if a file cannot be deleted or the directory not forced; the files deleted
   *     before stay deleted, the log stays usable
   */
  public void removeSegmentsBefore(long firstKept) throws IOException {
    removal.lock();
    try {
      if (closing) {
        throw new AuditUnavailableException("audit log is closed");
      }
      List<Segments.Segment> segments = Segments.list(directory);
      if (segments.stream().noneMatch(seg -> seg.firstSequence() == firstKept)) {
        throw new IllegalArgumentException(
            "no segment starts at " + firstKept + "; only whole segments are removed");
      }
      if (leafFile.size() / LEAF_BYTES < firstKept) {
        throw new IllegalStateException(
            LEAF_FILE + " does not hold the leaf hashes of entries 0.." + (firstKept - 1));
      }
      for (int i = 0; segments.get(i).firstSequence() < firstKept; i++) {
        Segments.Segment seg = segments.get(i);
        firstSequence = segments.get(i + 1).firstSequence(); // readers starting now skip it
        Files.delete(seg.path());
        syncDirectory();
        LOG.log(
            System.Logger.Level.INFO,
            "audit retention removed {0} (entries {1}..{2})",
            seg.path().getFileName(),
            seg.firstSequence(),
            segments.get(i + 1).firstSequence() - 1);
      }
    } finally {
      removal.unlock();
    }
  }

  /**
   * Copies the durable prefix of the log, as it is at the call, into {@code target} (created; must
   * not hold segment files) for an online backup, and returns its size T: every segment file that
   * holds entries before T (the last one cut after entry T-1's record; at least the first segment's
   * header) and the first 32·T bytes of {@value #LEAF_FILE}. Not the lock file, not checkpoints.
   * Appends continue meanwhile; bytes before T never change, and retention ({@link
   * #removeSegmentsBefore}) waits until the copy is done. The copy, like the log, is a closed log
   * directory that {@link #verifyDirectory} and {@link #open} accept.
   *
   * @throws IOException if a file cannot be read or written
   * @throws AuditUnavailableException if the log is closed
   */
  public long copyDurablePrefix(Path target) throws IOException {
    Objects.requireNonNull(target, "target");
    removal.lock();
    try {
      if (closing) {
        throw new AuditUnavailableException("audit log is closed");
      }
      long size = durableSize;
      Files.createDirectories(target);
      List<Segments.Segment> segments = Segments.list(directory);
      for (int i = 0; i < segments.size(); i++) {
        Segments.Segment seg = segments.get(i);
        if (i > 0 && seg.firstSequence() >= size) {
          break;
        }
        boolean complete = i + 1 < segments.size() && segments.get(i + 1).firstSequence() <= size;
        long bytes = complete ? Files.size(seg.path()) : prefixBytes(seg, size);
        copyPrefix(seg.path(), target.resolve(seg.path().getFileName()), bytes);
      }
      Path leaves = directory.resolve(LEAF_FILE);
      if (Files.exists(leaves)) {
        copyPrefix(leaves, target.resolve(LEAF_FILE), Math.min(Files.size(leaves), size * LEAF_BYTES));
      }
      return size;
    } finally {
      removal.unlock();
    }
  }

  /** The length of {@code seg} up to the end of the record of entry {@code end - 1}. */
  private long prefixBytes(Segments.Segment seg, long end) throws IOException {
    long records = Math.max(0, end - seg.firstSequence());
    long position = Segments.HEADER_BYTES;
    try (FileChannel ch = FileChannel.open(seg.path(), StandardOpenOption.READ)) {
      ByteBuffer length = ByteBuffer.allocate(Segments.LENGTH_BYTES);
      for (long n = 0; n < records; n++) {
        length.clear();
        while (length.hasRemaining()) {
          if (ch.read(length, position + length.position()) < 0) {
            throw new IOException(seg.path().getFileName() + " ends before entry " + (seg.firstSequence() + n));
          }
        }
        position += Segments.LENGTH_BYTES + Integer.toUnsignedLong(length.getInt(0)) + Segments.HASH_BYTES;
      }
    }
    return position;
  }

  private static void copyPrefix(Path from, Path to, long bytes) throws IOException {
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long done = 0;
      while (done < bytes) {
        long n = in.transferTo(done, bytes - done, out);
        if (n <= 0) {
          throw new IOException(from.getFileName() + " is shorter than " + bytes + " bytes");
        }
        done += n;
      }
      out.force(true);
    }
  }

  /** Tells {@code listener} about every group commit from now on (metrics). */
  public void commitListener(AuditCommitListener listener) {
    this.commitListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Number of group commits (forces) so far; for tests of group commit. */
  long syncCount() {
    return syncCount;
  }

  /** Waits for pending entries to be made durable, stops the writer and closes; idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      workToDo.signal();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() == writer) {
      return; // called from a completion stage; the writer drains and cleans up as it exits
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- writer thread

  private void run() {
    try {
      while (true) {
        lock.lock();
        try {
          while (pendingEntries.isEmpty() && !closing) {
            workToDo.awaitUninterruptibly();
          }
          if (pendingEntries.isEmpty()) {
            return; // closing, and everything appended before is done
          }
          ArrayList<AuditEntry> entries = pendingEntries;
          ArrayList<CompletableFuture<AuditReceipt>> futures = pendingFutures;
          pendingEntries = groupEntries;
          pendingFutures = groupFutures;
          groupEntries = entries;
          groupFutures = futures;
        } finally {
          lock.unlock();
        }
        commit(groupEntries, groupFutures);
        groupEntries.clear();
        groupFutures.clear();
      }
    } catch (Throwable t) {
      // Not expected (commit handles its own failures); still, never leave a caller waiting.
      failClosed(groupFutures, Step.WRITE, t);
    } finally {
      closeQuietly();
    }
  }

  private void commit(List<AuditEntry> entries, List<CompletableFuture<AuditReceipt>> futures) {
    int n = entries.size();
    if (groupSequences.length < n) {
      groupSequences = new long[Math.max(n, groupSequences.length * 2)];
      groupHashes = new byte[groupSequences.length * Segments.HASH_BYTES];
      groupLeaves = new byte[groupSequences.length * LEAF_BYTES];
    }
    groupLeafCount = 0;
    groupLeavesWritten = 0;
    groupFirstSequence = nextSequence;
    Step step = Step.WRITE;
    long forceNanos = -1;
    try {
      buffer.clear(WRITE_CHUNK_BYTES * 2);
      int unwritten = 0; // buffer offset of the first byte not yet written
      boolean dirty = false;
      for (int i = 0; i < n; i++) {
        int recordStart = buffer.size();
        buffer.skip(Segments.LENGTH_BYTES);
        int payloadStart = buffer.size();
        try {
          encoder.encode(nextSequence, entries.get(i));
        } catch (IOException | RuntimeException e) {
          // Only this entry fails; the message of e may quote entry content, so it is not logged.
          LOG.log(
              System.Logger.Level.WARNING,
              "audit entry could not be encoded ({0}); its append fails",
              e.getClass().getName());
          buffer.truncate(recordStart);
          groupSequences[i] = -1;
          continue;
        }
        int payloadLength = buffer.size() - payloadStart;
        if (payloadLength > AuditEntryCodec.MAX_PAYLOAD_BYTES) {
          buffer.truncate(recordStart);
          groupSequences[i] = -1;
          continue;
        }
        buffer.putInt(recordStart, payloadLength);
        long recordLength = Segments.LENGTH_BYTES + payloadLength + Segments.HASH_BYTES;
        long segmentBytes = segmentSize + (recordStart - unwritten);
        YearMonth period = AuditPeriod.of(entries.get(i).time());
        // A segment holds one period: an entry of a later period than the segment's first entry
        // starts a new one (an entry of an earlier period stays), so retention removes by period.
        if (segmentBytes > Segments.HEADER_BYTES
            && (segmentBytes + recordLength > segmentBytesLimit
                || (segmentPeriod != null && period.isAfter(segmentPeriod)))) {
          step = Step.WRITE;
          write(unwritten, recordStart);
          unwritten = recordStart;
          step = Step.LEAVES;
          writeLeaves();
          step = Step.FORCE;
          segment.force(false);
          step = Step.LEAVES;
          // Leaves of a closed segment are forced before the next segment exists, so on open only
          // the last segment's leaves can be missing from the leaf file.
          leafFile.force(false);
          step = Step.ROLL;
          FileChannel full = segment;
          segment = null;
          full.close();
          segment = createSegment(nextSequence, lastHash);
          dirty = false;
          step = Step.WRITE;
        }
        if (segmentSize + (recordStart - unwritten) == Segments.HEADER_BYTES) {
          segmentPeriod = period; // the segment's first entry
        }
        buffer.ensure(Segments.HASH_BYTES);
        byte[] b = buffer.array();
        int hashAt = buffer.size();
        Segments.chainHash(sha, lastHash, b, payloadStart, payloadLength, lastHash);
        System.arraycopy(lastHash, 0, b, hashAt, Segments.HASH_BYTES);
        System.arraycopy(lastHash, 0, groupHashes, i * Segments.HASH_BYTES, Segments.HASH_BYTES);
        leafHash(leafSha, b, payloadStart, payloadLength, groupLeaves, groupLeafCount * LEAF_BYTES);
        groupLeafCount++;
        buffer.skip(Segments.HASH_BYTES);
        groupSequences[i] = nextSequence++;
        dirty = true;
        if (buffer.size() - unwritten >= WRITE_CHUNK_BYTES) {
          write(unwritten, buffer.size());
          buffer.clear(Integer.MAX_VALUE);
          unwritten = 0;
        }
      }
      if (dirty) {
        write(unwritten, buffer.size());
        step = Step.LEAVES;
        writeLeaves();
        step = Step.FORCE;
        long forceStart = System.nanoTime();
        segment.force(false); // this force makes the group durable; the leaf file is derived
        forceNanos = System.nanoTime() - forceStart;
        syncCount++;
        // The leaf file is not forced here: its leaves of the current segment are recomputed from
        // the (forced) payloads on open, so forcing them per group would double the fsyncs on the
        // lookup path for nothing. They are forced before the segment is closed (see the roll).
      }
    } catch (IOException | RuntimeException | Error e) {
      failClosed(futures, step, e);
      return;
    }
    long treeSize = nextSequence;
    lock.lock();
    try {
      for (int k = 0; k < groupLeafCount; k++) {
        range.append(Arrays.copyOfRange(groupLeaves, k * LEAF_BYTES, (k + 1) * LEAF_BYTES));
      }
      head = range.treeHead();
      durableSize = treeSize;
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < n; i++) {
      long seq = groupSequences[i];
      if (seq < 0) {
        futures
            .get(i)
            .completeExceptionally(
                new AuditUnavailableException("audit entry could not be encoded or is too large"));
      } else {
        String hash =
            HEX.formatHex(groupHashes, i * Segments.HASH_BYTES, (i + 1) * Segments.HASH_BYTES);
        futures.get(i).complete(new AuditReceipt(seq, hash, treeSize));
      }
    }
    if (forceNanos >= 0) {
      try {
        commitListener.committed(groupLeafCount, forceNanos);
      } catch (RuntimeException e) {
        // metrics must never fail the audit log
      }
    }
  }

  private void write(int from, int to) throws IOException {
    if (to > from) {
      Segments.writeFully(segment, ByteBuffer.wrap(buffer.array(), from, to - from));
      segmentSize += to - from;
    }
  }

  /** Writes the group's leaf hashes not yet written to the leaf file, at their positions. */
  private void writeLeaves() throws IOException {
    if (groupLeavesWritten < groupLeafCount) {
      writeAt(
          leafFile,
          ByteBuffer.wrap(
              groupLeaves,
              groupLeavesWritten * LEAF_BYTES,
              (groupLeafCount - groupLeavesWritten) * LEAF_BYTES),
          (groupFirstSequence + groupLeavesWritten) * LEAF_BYTES);
      groupLeavesWritten = groupLeafCount;
    }
  }

  private static void writeAt(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int start = buffer.position();
    while (buffer.hasRemaining()) {
      channel.write(buffer, position + (buffer.position() - start));
    }
  }

  /** SHA-256(0x00 ‖ payload) into {@code out} at {@code outOffset}: the RFC 6962 leaf hash. */
  private static void leafHash(
      MessageDigest digest, byte[] b, int offset, int length, byte[] out, int outOffset) {
    digest.reset();
    digest.update((byte) 0x00);
    digest.update(b, offset, length);
    try {
      digest.digest(out, outOffset, LEAF_BYTES);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the writer was doing, for the failure message. */
  private enum Step {
    WRITE,
    FORCE,
    LEAVES,
    ROLL
  }

  private void failClosed(List<CompletableFuture<AuditReceipt>> group, Step step, Throwable cause) {
    String what =
        switch (step) {
          case WRITE -> "write to " + segmentName;
          case FORCE -> "force (fsync) of " + segmentName;
          case LEAVES -> "write or force of " + LEAF_FILE;
          case ROLL -> "start of segment " + Segments.fileName(nextSequence);
        };
    AuditUnavailableException failed =
        new AuditUnavailableException("audit log " + what + " failed", cause);
    List<CompletableFuture<AuditReceipt>> later;
    lock.lock();
    try {
      if (failure == null) {
        failure = failed;
      }
      later = new ArrayList<>(pendingFutures);
      pendingEntries.clear();
      pendingFutures.clear();
    } finally {
      lock.unlock();
    }
    LOG.log(
        System.Logger.Level.ERROR,
        "audit log is no longer writable: " + what + " failed; appends are refused until reopened",
        cause);
    for (CompletableFuture<AuditReceipt> f : group) {
      f.completeExceptionally(failed);
    }
    for (CompletableFuture<AuditReceipt> f : later) {
      f.completeExceptionally(failed);
    }
  }

  // ---------------------------------------------------------------- segments and recovery

  private FileChannel createSegment(long firstSequence, byte[] previousHash) throws IOException {
    String name = Segments.fileName(firstSequence);
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + Segments.TEMP_SUFFIX);
    try (FileChannel ch =
        opener.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      Segments.writeFully(ch, ByteBuffer.wrap(Segments.header(firstSequence, previousHash)));
      ch.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
    FileChannel ch = opener.open(target, StandardOpenOption.WRITE);
    try {
      ch.position(Segments.HEADER_BYTES);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    segmentName = name;
    segmentSize = Segments.HEADER_BYTES;
    segmentPeriod = null;
    nextSequence = firstSequence;
    System.arraycopy(previousHash, 0, lastHash, 0, Segments.HASH_BYTES);
    return ch;
  }

  private void syncDirectory() throws IOException {
    try (FileChannel dir = opener.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /**
   * Checks the last segment, cuts off a torn tail and restores the next sequence number and the
   * last hash from it.
   */
  private void recover(Segments.Segment last) throws IOException {
    String name = last.path().getFileName().toString();
    long expected;
    long validEnd;
    long fileSize;
    String torn = null;
    YearMonth period = null;
    byte[] hash = new byte[Segments.HASH_BYTES];
    try (SegmentReader reader =
        new SegmentReader(opener.open(last.path(), StandardOpenOption.READ))) {
      fileSize = reader.fileSize();
      byte[] raw = reader.readHeader();
      if (raw == null) {
        throw new AuditLogCorruptedException(
            last.firstSequence(), "segment header truncated in " + name);
      }
      Segments.Header header;
      try {
        header = Segments.parseHeader(raw);
      } catch (IOException e) {
        throw new AuditLogCorruptedException(last.firstSequence(), e.getMessage() + " in " + name);
      }
      if (header.firstSequence() != last.firstSequence()) {
        throw new AuditLogCorruptedException(
            last.firstSequence(), "segment header does not match its file name " + name);
      }
      expected = header.firstSequence();
      System.arraycopy(header.previousHash(), 0, hash, 0, Segments.HASH_BYTES);
      byte[] computed = new byte[Segments.HASH_BYTES];
      MessageDigest digest = Segments.sha256();
      validEnd = Segments.HEADER_BYTES;
      scan:
      while (true) {
        SegmentReader.Status status = reader.next();
        switch (status) {
          case END -> {
            break scan;
          }
          case TORN, BAD_LENGTH -> {
            long at = reader.recordOffset();
            if (reader.zeroFrom(at)) {
              torn = "zero-filled tail";
            } else if (reader.indexOf(RECORD_START, at + Segments.LENGTH_BYTES + 1) < 0) {
              torn = status == SegmentReader.Status.TORN ? "incomplete record" : "garbage";
            } else {
              throw damaged(
                  name,
                  expected,
                  (status == SegmentReader.Status.TORN ? "truncated record" : "bad record length")
                      + " followed by further records");
            }
            break scan;
          }
          case RECORD -> {
            long seq;
            try {
              seq = AuditEntryCodec.readSequence(reader.payload(), 0, reader.payloadLength());
            } catch (IOException e) {
              throw damaged(name, expected, "unreadable entry");
            }
            if (seq != expected) {
              throw damaged(
                  name, expected, "sequence gap: expected " + expected + ", found " + seq);
            }
            if (period == null) {
              try {
                period =
                    AuditPeriod.of(
                        AuditEntryCodec.decode(reader.payload(), 0, reader.payloadLength())
                            .entry()
                            .time());
              } catch (IOException e) {
                throw damaged(name, expected, "unreadable entry");
              }
            }
            Segments.chainHash(digest, hash, reader.payload(), 0, reader.payloadLength(), computed);
            if (!MessageDigest.isEqual(computed, reader.hash())) {
              throw damaged(name, expected, "hash mismatch");
            }
            System.arraycopy(computed, 0, hash, 0, Segments.HASH_BYTES);
            expected++;
            validEnd = reader.position();
          }
        }
      }
    }
    FileChannel ch = opener.open(last.path(), StandardOpenOption.WRITE);
    try {
      if (torn != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "audit segment {0}: cutting off a torn tail of {1} bytes ({2}) before sequence {3}",
            name,
            fileSize - validEnd,
            torn,
            expected);
        ch.truncate(validEnd);
      }
      ch.position(validEnd);
      // Entries that reached the page cache but not the disk before a crash become durable now.
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    segment = ch;
    segmentName = name;
    segmentSize = validEnd;
    segmentPeriod = period;
    nextSequence = expected;
    System.arraycopy(hash, 0, lastHash, 0, Segments.HASH_BYTES);
  }

  /**
   * Opens the leaf file and brings it in line with the segments: cuts it to whole leaves and to the
   * entries in the segments, recomputes every leaf from {@code min(leaves in the file, first sequence
   * of the last segment)} on from the payloads (a crash can leave the last segment's leaves
   * unwritten or torn; a missing file is rebuilt completely), forces it, and builds the compact
   * range from it.
   */
  private void openLeaves(long lastSegmentFirst) throws IOException {
    leafFile =
        FileChannel.open(
            directory.resolve(LEAF_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    long stored = leafFile.size() / LEAF_BYTES;
    if (stored < firstSequence) {
      // The entries before the first segment were removed by retention: their leaf hashes exist
      // only in this file and must not be invented.
      throw new AuditLogCorruptedException(
          stored,
          LEAF_FILE
              + " holds "
              + stored
              + " leaf hashes, but entries 0.."
              + (firstSequence - 1)
              + " were removed by retention and their leaf hashes cannot be recomputed; restore "
              + LEAF_FILE
              + " from a backup");
    }
    long from = Math.min(Math.min(stored, lastSegmentFirst), nextSequence);
    if (stored < Math.min(lastSegmentFirst, nextSequence)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "audit {0} holds {1} of {2} leaf hashes; recomputing them from the segments",
          LEAF_FILE,
          stored,
          nextSequence);
    }
    leafFile.truncate(from * LEAF_BYTES);
    if (from < nextSequence) {
      rebuildLeaves(from);
    }
    leafFile.force(true);
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    byte[] leaf = new byte[LEAF_BYTES];
    long position = 0;
    long end = nextSequence * LEAF_BYTES;
    while (position < end) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), end - position));
      while (chunk.hasRemaining()) {
        if (leafFile.read(chunk, position + chunk.position()) < 0) {
          throw new IOException(LEAF_FILE + " ends early");
        }
      }
      chunk.flip();
      while (chunk.remaining() >= LEAF_BYTES) {
        chunk.get(leaf);
        range.append(leaf);
      }
      position += chunk.limit();
    }
  }

  /** Recomputes the leaf hashes of entries {@code [from, nextSequence)} from the segments. */
  private void rebuildLeaves(long from) throws IOException {
    List<Segments.Segment> segments = Segments.list(directory);
    MessageDigest digest = Segments.sha256();
    byte[] out = new byte[1024 * LEAF_BYTES];
    int count = 0;
    long outFirst = from;
    for (int s = 0; s < segments.size(); s++) {
      Segments.Segment seg = segments.get(s);
      boolean last = s == segments.size() - 1;
      if (!last && segments.get(s + 1).firstSequence() <= from) {
        continue;
      }
      try (SegmentReader reader =
          new SegmentReader(opener.open(seg.path(), StandardOpenOption.READ))) {
        if (reader.readHeader() == null) {
          throw new AuditLogCorruptedException(seg.firstSequence(), "segment header truncated");
        }
        long seq = seg.firstSequence();
        while (seq < nextSequence && reader.next() == SegmentReader.Status.RECORD) {
          if (seq >= from) {
            leafHash(digest, reader.payload(), 0, reader.payloadLength(), out, count * LEAF_BYTES);
            count++;
            if (count * LEAF_BYTES == out.length) {
              writeAt(leafFile, ByteBuffer.wrap(out, 0, count * LEAF_BYTES), outFirst * LEAF_BYTES);
              outFirst += count;
              count = 0;
            }
          }
          seq++;
        }
      }
    }
    writeAt(leafFile, ByteBuffer.wrap(out, 0, count * LEAF_BYTES), outFirst * LEAF_BYTES);
    outFirst += count;
    if (outFirst != nextSequence) {
      throw new AuditLogCorruptedException(
          outFirst, "segments end before entry " + nextSequence + " while rebuilding " + LEAF_FILE);
    }
  }

  private static AuditLogCorruptedException damaged(String segment, long sequence, String problem) {
    return new AuditLogCorruptedException(
        sequence,
        problem
            + " in "
            + segment
            + " (not a torn write; not cutting off acknowledged entries: run verification and"
            + " move the damaged segment aside)");
  }

  private void deleteTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(directory, "audit-*.log" + Segments.TEMP_SUFFIX)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void closeQuietly() {
    try {
      if (leafFile != null) {
        leafFile.close();
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the audit leaf file failed", e);
    }
    try {
      if (segment != null) {
        segment.close();
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the audit segment failed", e);
    }
    try {
      directoryLock.release();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "releasing the audit log lock failed", e);
    }
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the audit log lock failed", e);
    }
  }
}
