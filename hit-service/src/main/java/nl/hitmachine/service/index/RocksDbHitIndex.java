package nl.hitmachine.service.index;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import nl.hitmachine.service.index.RegistrationCodec.Entry;
import nl.hitmachine.service.index.RegistrationCodec.SubjectEntries;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.FlushOptions;
import org.rocksdb.HistogramType;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.VectorMemTableConfig;
import org.rocksdb.WriteOptions;

/**
 * The hit index on RocksDB. The only class (with its package-private codecs) that uses {@code
 * org.rocksdb}.
 *
 * <h2>Layout</h2>
 *
 * Four column families, all with RocksDB's bytewise key order; integers are big-endian (see {@link
 * IndexKeys} and {@link RegistrationCodec}):
 *
 * <table>
 *   <caption>Column families</caption>
 *   <tr><th>column family</th><th>key</th><th>value</th><th>used by</th></tr>
 *   <tr><td>{@code subjects}</td><td>subject key (32 bytes)</td>
 *       <td>every agency's registration of the subject: per agency id u16, validUntil epoch day
 *       int32, ref length u8 (255 = none) and UTF-8 ref</td>
 *       <td>lookup: one point read per subject (bloom filter, hash data-block index)</td></tr>
 *   <tr><td>{@code agency_subjects}</td><td>agency id u16 ‖ subject key</td>
 *       <td>validUntil int32 ‖ ref length u8 ‖ ref</td>
 *       <td>replace: the agency's prefix is iterated in subject order and merge-diffed against the
 *       sorted caseload; an unchanged registration costs no write</td></tr>
 *   <tr><td>{@code expiry}</td><td>validUntil epoch day (int32, sign bit flipped so it sorts)
 *       ‖ agency id u16 ‖ subject key</td><td>empty</td>
 *       <td>purge: everything before today's key is expired</td></tr>
 *   <tr><td>{@code default}</td><td>{@code "format"}; {@code "agency/"+code};
 *       {@code "count/"+id}</td><td>layout version u32; agency id u16; registrations i64</td>
 *       <td>agency register and per-agency counts</td></tr>
 * </table>
 *
 * <p>{@code subjects} is the source of truth for a registration; {@code agency_subjects} and {@code
 * expiry} are secondary indexes kept exactly consistent with it, because every change to a
 * registration writes all three (and the agency's count) in the same {@link WriteBatch}. When a
 * validUntil changes, the old expiry key is deleted in the same batch.
 *
 * <p>Agency ids are u16, assigned from 1 on an agency's first registration, persisted in the same
 * batch as that registration and never reused, so they survive restarts and any reordering of the
 * configuration. Per-agency counts are kept in the metadata column family and updated in the same
 * batch as the registrations they count, so {@link #registrationCounts()} costs no scan.
 *
 * <h2>Writes</h2>
 *
 * All mutations are executed in submission order by one thread, {@value #WRITER_THREAD_NAME}, fed
 * by a queue. It takes every pending upsert and remove (up to {@value #MAX_GROUP_ITEMS} items),
 * reads each touched {@code subjects} value once, applies the requests in order to an in-group
 * overlay of decoded values (so two requests touching one subject compose), puts the net change of
 * every subject into one {@link WriteBatch} in key order, and writes it with {@code sync=true} and
 * the write-ahead log on: many callers share one fsync (group commit). A group that changes nothing
 * writes nothing. A replace or a purge is a group of its own, one atomic batch however large.
 * Futures complete only after the batch is durable, and they complete on the writer thread:
 * dependent work should be short or use an {@code *Async} continuation. The queue is unbounded;
 * callers bound it by waiting for their futures. If a group fails, nothing of it is applied, every
 * future in it completes with {@link IndexUnavailableException}, and {@link #isWritable()} is false
 * until a write succeeds.
 *
 * <h2>Reads</h2>
 *
 * A lookup is one point read (a {@code multiGet} for a batch) of {@code subjects}; registrations
 * whose validUntil is before the given day are filtered out whether purged or not. Reads see each
 * group commit entirely or not at all, and run concurrently with writes.
 *
 * <h2>Resources</h2>
 *
 * All native objects are created in {@link #open} and closed by {@link #close()} in reverse order
 * of creation: column family handles, then the database, then read and write options, database
 * options, column family options, the bloom filter and finally the shared block cache. Every public
 * method except {@link #isWritable()} (which turns false) throws {@link IllegalStateException} once
 * the index is closed; close waits for running reads and for every write submitted before it.
 * {@link RocksDBException}s surface as {@link IndexUnavailableException} naming the operation and
 * RocksDB's status code, never a key.
 */
public final class RocksDbHitIndex implements HitIndex {
  static final String WRITER_THREAD_NAME = "hit-index-writer";

  /** Upper bound on the items (writes plus removals) of one upsert/remove group. */
  static final int MAX_GROUP_ITEMS = 65_536;

  /** Layout version stored under {@code "format"}; an index of another version is refused. */
  static final int FORMAT_VERSION = 1;

  static final long BLOCK_CACHE_BYTES = 256L << 20;
  private static final double BLOOM_BITS_PER_KEY = 10;
  private static final int READ_CHUNK = 4_096;
  private static final byte[] EMPTY = new byte[0];

  private static final System.Logger LOG = System.getLogger(RocksDbHitIndex.class.getName());

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final Clock clock;
  private final NativeResources resources;
  private final RocksDB db;
  private final ColumnFamilyHandle metaCf;
  private final ColumnFamilyHandle subjectsCf;
  private final ColumnFamilyHandle agencySubjectsCf;
  private final ColumnFamilyHandle expiryCf;
  private final List<ColumnFamilyHandle> allCfs;
  private final ReadOptions pointReads;
  private final ReadOptions scanReads;
  private final WriteOptions syncWrites;
  private final Statistics rocksStatistics;

  /** Read lock: any use of the database from a caller thread. Write lock: close. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private volatile boolean open = true;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean writable = true;

  private final LinkedBlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean failNextCommit;

  // Agency register. Only the writer thread (and open) change it; readers see agencyCodes.
  private final Map<String, Integer> agencyIds = new HashMap<>();
  private int nextAgencyId;
  private volatile String[] agencyCodes;
  private final long[] counts = new long[IndexKeys.MAX_AGENCY_ID + 1];
  private volatile Map<String, Long> countSnapshot;

  private RocksDbHitIndex(
      Path directory,
      Clock clock,
      NativeResources resources,
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      ReadOptions pointReads,
      ReadOptions scanReads,
      WriteOptions syncWrites,
      Statistics rocksStatistics) {
    this.rocksStatistics = rocksStatistics;
    this.directory = directory;
    this.clock = clock;
    this.resources = resources;
    this.db = db;
    this.metaCf = handles.get(0);
    this.subjectsCf = handles.get(1);
    this.agencySubjectsCf = handles.get(2);
    this.expiryCf = handles.get(3);
    this.allCfs = List.copyOf(handles);
    this.pointReads = pointReads;
    this.scanReads = scanReads;
    this.syncWrites = syncWrites;
    this.writer = new Thread(this::runWriter, WRITER_THREAD_NAME);
    this.writer.setDaemon(true);
  }

  /**
   * Opens (creating if needed) the index in {@code directory}.
   *
   * @param clock gives "today" for {@link #purgeExpiredNow()}; lookups and {@link
   *     #purgeExpired(LocalDate)} take the day explicitly
   * @throws IndexUnavailableException if the directory cannot be opened as an index of this format
   */
  public static RocksDbHitIndex open(Path directory, Clock clock) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IndexUnavailableException("cannot create index directory " + directory, e);
    }
    NativeResources resources = new NativeResources();
    try {
      // Created in this order; NativeResources closes them in the reverse order.
      LRUCache blockCache = resources.add(new LRUCache(BLOCK_CACHE_BYTES));
      BloomFilter bloom = resources.add(new BloomFilter(BLOOM_BITS_PER_KEY, false));
      BlockBasedTableConfig pointTable =
          new BlockBasedTableConfig()
              .setBlockCache(blockCache)
              .setFilterPolicy(bloom)
              .setWholeKeyFiltering(true)
              .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true);
      BlockBasedTableConfig scanTable =
          new BlockBasedTableConfig()
              .setBlockCache(blockCache)
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true);
      ColumnFamilyOptions pointCfOptions =
          resources.add(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(pointTable)
                  .setMemtableWholeKeyFiltering(true)
                  .setMemtablePrefixBloomSizeRatio(0.05)
                  .setLevelCompactionDynamicLevelBytes(true));
      // The scan column families are written with every registration but only ever iterated (a
      // replace, the expiry purge), never read by key: a vector memtable takes an insert as an
      // append and sorts once, at flush or when an iterator is made, instead of a skip-list search
      // per insert — the largest cost of the single index writer in a registration profile.
      ColumnFamilyOptions scanCfOptions =
          resources.add(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(scanTable)
                  .setMemTableConfig(new VectorMemTableConfig())
                  .setLevelCompactionDynamicLevelBytes(true));
      // Tickers only (every histogram ignored): a few per-core counter increments per read, no
      // clock reads. Gives the block-cache hit ratio and friends (IndexStatistics, metrics).
      Statistics rocksStatistics = resources.add(new Statistics(EnumSet.allOf(HistogramType.class)));
      DBOptions dbOptions =
          resources.add(
              new DBOptions()
                  .setStatistics(rocksStatistics)
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setMaxBackgroundJobs(2)
                  // One writer thread; and the vector memtables do not take concurrent inserts.
                  .setAllowConcurrentMemtableWrite(false)
                  .setBytesPerSync(1L << 20)
                  .setMaxTotalWalSize(256L << 20)
                  .setKeepLogFileNum(5));
      WriteOptions syncWrites = resources.add(new WriteOptions().setSync(true));
      ReadOptions pointReads = resources.add(new ReadOptions());
      ReadOptions scanReads = resources.add(new ReadOptions().setFillCache(false));

      List<ColumnFamilyDescriptor> descriptors =
          List.of(
              new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, pointCfOptions),
              new ColumnFamilyDescriptor(bytes("subjects"), pointCfOptions),
              new ColumnFamilyDescriptor(bytes("agency_subjects"), scanCfOptions),
              new ColumnFamilyDescriptor(bytes("expiry"), scanCfOptions));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db =
          resources.add(RocksDB.open(dbOptions, directory.toString(), descriptors, handles));
      for (ColumnFamilyHandle handle : handles) {
        resources.add(handle);
      }
      RocksDbHitIndex index =
          new RocksDbHitIndex(
              directory, clock, resources, db, handles, pointReads, scanReads, syncWrites, rocksStatistics);
      index.loadMetadata();
      index.writer.start();
      return index;
    } catch (RocksDBException e) {
      resources.close();
      throw new IndexUnavailableException(
          "cannot open index at " + directory + ": " + describe(e), e);
    } catch (RuntimeException | Error e) {
      resources.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public List<List<Registration>> lookup(List<SubjectKey> subjects, LocalDate today) {
    Objects.requireNonNull(subjects, "subjects");
    int day = epochDay(Objects.requireNonNull(today, "today"));
    int n = subjects.size();
    List<byte[]> keys = new ArrayList<>(n);
    for (SubjectKey subject : subjects) {
      keys.add(IndexKeys.subject(Objects.requireNonNull(subject, "subject")));
    }
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      if (n == 0) {
        return List.of();
      }
      List<byte[]> values;
      try {
        values =
            n == 1
                ? Collections.singletonList(db.get(subjectsCf, pointReads, keys.get(0)))
                : db.multiGetAsList(pointReads, Collections.nCopies(n, subjectsCf), keys);
      } catch (RocksDBException e) {
        throw new IndexUnavailableException("index lookup failed: " + describe(e), e);
      }
      // Read the register after the values: an id becomes visible in it before its first write.
      String[] codes = agencyCodes;
      List<List<Registration>> results = new ArrayList<>(n);
      for (byte[] value : values) {
        results.add(RegistrationCodec.decodeActive(value, day, id -> codeOf(codes, id)));
      }
      return Collections.unmodifiableList(results);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every agency that ever registered is listed, with 0 if it has no registrations left.
   */
  @Override
  public Map<String, Long> registrationCounts() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      return countSnapshot;
    } finally {
      lock.unlock();
    }
  }

  /**
   * RocksDB's figures about the index, or empty once it is closed (or if RocksDB refuses a property).
   * Each is a property RocksDB keeps in memory (no disk read, no lock held by writes): cheap enough
   * to read on every metrics scrape.
   */
  public java.util.Optional<IndexStatistics> statistics() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (!open) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new IndexStatistics(
          db.getLongProperty(subjectsCf, "rocksdb.estimate-num-keys"),
          db.getAggregatedLongProperty("rocksdb.total-sst-files-size"),
          db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables"),
          db.getLongProperty(subjectsCf, "rocksdb.block-cache-usage"),
          rocksStatistics.getTickerCount(TickerType.BLOCK_CACHE_HIT),
          rocksStatistics.getTickerCount(TickerType.BLOCK_CACHE_MISS),
          rocksStatistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL),
          rocksStatistics.getTickerCount(TickerType.MEMTABLE_HIT),
          rocksStatistics.getTickerCount(TickerType.MEMTABLE_MISS),
          rocksStatistics.getTickerCount(TickerType.STALL_MICROS),
          db.getAggregatedLongProperty("rocksdb.estimate-pending-compaction-bytes"),
          db.getLongProperty("rocksdb.num-running-compactions")));
    } catch (RocksDBException e) {
      return java.util.Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isWritable() {
    return open && writable;
  }

  /**
   * Writes a consistent, openable copy of the index as it is now into {@code target} (a RocksDB
   * checkpoint: SST files hard-linked when on the same file system, copied otherwise; the live
   * write-ahead log copied), for an online backup. It holds every group committed before the call
   * and none that starts after it returns; writes continue meanwhile.
   *
   * @param target a directory that must not exist yet (its parent must)
   * @throws IndexUnavailableException if RocksDB refuses (e.g. the target exists)
   */
  public void checkpointTo(Path target) {
    Objects.requireNonNull(target, "target");
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      try (Checkpoint checkpoint = Checkpoint.create(db)) {
        checkpoint.createCheckpoint(target.toString());
      } catch (RocksDBException e) {
        throw new IndexUnavailableException("index checkpoint failed: " + describe(e), e);
      }
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /**
   * {@inheritDoc}
   *
   * <p>Completes with {@code writes.size()}. A subject listed twice ends with the later write.
   *
   * @throws IllegalArgumentException if the agency code does not match {@code [a-z0-9-]{1,32}} or a
   *     validUntil is outside the index's date range
   */
  @Override
  public CompletableFuture<Integer> upsert(String agency, List<RegistrationWrite> writes) {
    IndexKeys.requireAgencyCode(agency);
    Objects.requireNonNull(writes, "writes");
    int n = writes.size();
    SubjectKey[] subjects = new SubjectKey[n];
    int[] days = new int[n];
    byte[][] refs = new byte[n][];
    for (int i = 0; i < n; i++) {
      RegistrationWrite w = Objects.requireNonNull(writes.get(i), "write");
      subjects[i] = w.subject();
      days[i] = epochDay(w.validUntil());
      refs[i] = RegistrationCodec.refBytes(w.ref());
    }
    if (n == 0) {
      return completedIfOpen(0);
    }
    return submit(new Upsert(agency, subjects, days, refs));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A subject listed twice is counted once.
   */
  @Override
  public CompletableFuture<Integer> remove(String agency, List<SubjectKey> subjects) {
    IndexKeys.requireAgencyCode(agency);
    Objects.requireNonNull(subjects, "subjects");
    SubjectKey[] keys = subjects.toArray(new SubjectKey[0]);
    for (SubjectKey key : keys) {
      Objects.requireNonNull(key, "subject");
    }
    if (keys.length == 0) {
      return completedIfOpen(0);
    }
    return submit(new Remove(agency, keys));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code kept} counts the subjects registered before and after, whether or not their
   * validUntil or ref changed. The replace is one write batch of its own, however large.
   */
  @Override
  public CompletableFuture<ReplaceResult> replace(String agency, Caseload caseload) {
    IndexKeys.requireAgencyCode(agency);
    Objects.requireNonNull(caseload, "caseload");
    return submit(new Replace(agency, caseload));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Removes each expired registration from all column families in one write batch.
   */
  @Override
  public CompletableFuture<Long> purgeExpired(LocalDate today) {
    return submit(new Purge(epochDay(Objects.requireNonNull(today, "today"))));
  }

  /** {@link #purgeExpired(LocalDate)} for today according to the index's clock and its zone. */
  public CompletableFuture<Long> purgeExpiredNow() {
    return purgeExpired(LocalDate.now(clock));
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Completes every write submitted before, flushes the memtables and closes all native resources.
   * Idempotent: a concurrent or later call returns once the first has finished. Flushing is an
   * optimisation (a shorter recovery); acknowledged writes are already durable in the write-ahead
   * log, and a failed flush is logged, not thrown.
   */
  @Override
  public void close() {
    boolean first;
    Lock lock = lifecycle.writeLock();
    lock.lock(); // waits for running reads and submissions
    try {
      first = open;
      open = false;
    } finally {
      lock.unlock();
    }
    if (!first) {
      awaitUninterruptibly(closed); // another caller is closing: return once it has finished
      return;
    }
    queue.add(new Stop());
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, allCfs);
    } catch (RocksDBException e) {
      LOG.log(Level.WARNING, "index flush on close failed: {0}", describe(e));
    } finally {
      writable = false;
      resources.close();
      closed.countDown();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RocksDbHitIndex[" + directory + (open ? "" : ", closed") + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Package-private hooks for tests in this package

  /** Number of write batches committed since open. */
  long commitCount() {
    return commits.get();
  }

  /**
   * Makes the writer stop before the next group until {@code resume} opens; the returned future
   * completes when the writer has stopped. Writes submitted meanwhile queue up.
   */
  CompletableFuture<Void> pauseWriter(CountDownLatch resume) {
    Pause pause = new Pause(resume);
    return submit(pause);
  }

  /** Makes the next group commit fail as if RocksDB had refused the write. */
  void failNextCommit() {
    failNextCommit = true;
  }

  /** The agency's id as currently published to readers, if it has one. */
  OptionalInt agencyIdOf(String code) {
    String[] codes = agencyCodes;
    for (int id = 1; id < codes.length; id++) {
      if (code.equals(codes[id])) {
        return OptionalInt.of(id);
      }
    }
    return OptionalInt.empty();
  }

  /** Counts the keys of each column family by iterating it. */
  Map<String, Long> keyCountsByScan() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      Map<String, Long> result = new LinkedHashMap<>();
      result.put("subjects", countKeys(subjectsCf));
      result.put("agency_subjects", countKeys(agencySubjectsCf));
      result.put("expiry", countKeys(expiryCf));
      return result;
    } catch (RocksDBException e) {
      throw new IndexUnavailableException("index scan failed: " + describe(e), e);
    } finally {
      lock.unlock();
    }
  }

  /** Registrations per agency counted from {@code agency_subjects}, to check the counters. */
  Map<String, Long> registrationCountsByScan() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      String[] codes = agencyCodes;
      Map<String, Long> result = new TreeMap<>();
      try (RocksIterator it = db.newIterator(agencySubjectsCf, scanReads)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          result.merge(codeOf(codes, IndexKeys.agencyOfAgencySubject(it.key())), 1L, Long::sum);
        }
        it.status();
      }
      return result;
    } catch (RocksDBException e) {
      throw new IndexUnavailableException("index scan failed: " + describe(e), e);
    } finally {
      lock.unlock();
    }
  }

  private long countKeys(ColumnFamilyHandle cf) throws RocksDBException {
    long n = 0;
    try (RocksIterator it = db.newIterator(cf, scanReads)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
      it.status();
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Submission

  private <T> CompletableFuture<T> submit(Request<T> request) {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      queue.add(request);
    } finally {
      lock.unlock();
    }
    return request.future.copy();
  }

  private <T> CompletableFuture<T> completedIfOpen(T value) {
    ensureOpen();
    return CompletableFuture.completedFuture(value);
  }

  private void ensureOpen() {
    if (!open) {
      throw new IllegalStateException("hit index is closed");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writer thread

  private void runWriter() {
    ArrayDeque<Request<?>> backlog = new ArrayDeque<>();
    while (true) {
      if (backlog.isEmpty()) {
        try {
          backlog.add(queue.take());
        } catch (InterruptedException e) {
          continue; // only close stops the writer, by a Stop request
        }
      }
      queue.drainTo(backlog);
      Request<?> first = backlog.poll();
      if (first instanceof Stop stop) {
        stop.complete();
        return; // Stop is the last request: close enqueues it after refusing new ones
      }
      if (first instanceof Pause pause) {
        pause.complete();
        awaitUninterruptibly(pause.resume);
        continue;
      }
      List<Request<?>> group = new ArrayList<>();
      group.add(first);
      if (first instanceof Upsert || first instanceof Remove) {
        int items = first.items();
        while (backlog.peek() instanceof Request<?> next
            && (next instanceof Upsert || next instanceof Remove)
            && items + next.items() <= MAX_GROUP_ITEMS) {
          items += next.items();
          group.add(backlog.poll());
        }
      }
      executeGroup(group);
    }
  }

  private void executeGroup(List<Request<?>> group) {
    Group g = new Group();
    try (WriteBatch batch = new WriteBatch()) {
      g.batch = batch;
      Request<?> first = group.get(0);
      if (first instanceof Replace replace) {
        replace.result = applyReplace(g, replace);
      } else if (first instanceof Purge purge) {
        purge.result = applyPurge(g, purge.today);
      } else {
        applyUpdates(g, group);
      }
      for (Map.Entry<Integer, Long> delta : g.countDeltas.entrySet()) {
        int id = delta.getKey();
        if (delta.getValue() != 0) {
          g.put(
              metaCf, IndexKeys.metaCount(id), IndexKeys.longValue(counts[id] + delta.getValue()));
        }
      }
      if (batch.count() > 0) {
        if (failNextCommit) {
          failNextCommit = false;
          throw new RocksDBException("injected commit failure");
        }
        db.write(syncWrites, batch);
        commits.incrementAndGet();
      }
    } catch (RocksDBException | RuntimeException | Error e) {
      g.rollBackAgencies();
      writable = false;
      String message =
          "index write of "
              + group.size()
              + " request(s) failed"
              + (e instanceof RocksDBException r ? ": " + describe(r) : "");
      LOG.log(Level.ERROR, message);
      for (Request<?> request : group) {
        request.fail(new IndexUnavailableException(message, e));
      }
      return;
    }
    for (Map.Entry<Integer, Long> delta : g.countDeltas.entrySet()) {
      counts[delta.getKey()] += delta.getValue();
    }
    if (!g.countDeltas.isEmpty() || !g.newAgencies.isEmpty()) {
      publishCounts();
    }
    writable = true;
    for (Request<?> request : group) {
      request.complete();
    }
  }

  /**
   * Applies a group of upserts and removes: one read of every touched subject, then every request
   * in order on the decoded entries (so changes to the same subject compose), then the net change
   * of each subject, in key order — sorted memtable inserts are several times faster than random
   * ones.
   */
  private void applyUpdates(Group g, List<Request<?>> group) throws RocksDBException {
    // Resolve agencies first, so a request that cannot get an id fails before touching the batch.
    List<Request<?>> runnable = new ArrayList<>(group.size());
    for (Request<?> request : group) {
      try {
        if (request instanceof Upsert u) {
          u.agencyId = g.agencyIdAssigning(u.agency);
        } else if (request instanceof Remove r) {
          r.agencyId = agencyIds.getOrDefault(r.agency, 0);
        }
        runnable.add(request);
      } catch (IndexUnavailableException e) {
        request.failure = e;
      }
    }
    Map<SubjectKey, Touched> overlay = new HashMap<>();
    List<SubjectKey> touched = new ArrayList<>();
    for (Request<?> request : runnable) {
      if (request instanceof Remove r && r.agencyId == 0) {
        continue; // an agency without an id has nothing to remove
      }
      SubjectKey[] subjects =
          request instanceof Upsert u ? u.subjects : ((Remove) request).subjects;
      for (SubjectKey subject : subjects) {
        if (!overlay.containsKey(subject)) {
          overlay.put(subject, null); // read below, with the other touched subjects
          touched.add(subject);
        }
      }
    }
    for (int from = 0; from < touched.size(); from += READ_CHUNK) {
      List<SubjectKey> chunk = touched.subList(from, Math.min(touched.size(), from + READ_CHUNK));
      List<byte[]> values = readSubjects(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        overlay.put(chunk.get(i), new Touched(values.get(i)));
      }
    }
    for (Request<?> request : runnable) {
      if (request instanceof Upsert u) {
        for (int i = 0; i < u.subjects.length; i++) {
          overlay.get(u.subjects[i]).after.put(u.agencyId, u.days[i], u.refs[i]);
        }
        u.result = u.subjects.length;
      } else if (request instanceof Remove r) {
        int removed = 0;
        if (r.agencyId != 0) {
          for (SubjectKey subject : r.subjects) {
            if (overlay.get(subject).after.remove(r.agencyId) != null) {
              removed++;
            }
          }
        }
        r.result = removed;
      }
    }
    touched.sort(null);
    for (SubjectKey subject : touched) {
      overlay.get(subject).emit(g, IndexKeys.subject(subject));
    }
  }

  private ReplaceResult applyReplace(Group g, Replace request) throws RocksDBException {
    Caseload caseload = request.caseload;
    int n = caseload.size();
    Integer known = agencyIds.get(request.agency);
    if (known == null && n == 0) {
      return new ReplaceResult(0, 0, 0);
    }
    int agencyId = known != null ? known : g.agencyIdAssigning(request.agency);
    long added = 0;
    long removed = 0;
    long kept = 0;
    List<Diff> changes = new ArrayList<>(READ_CHUNK);
    try (RocksIterator it = db.newIterator(agencySubjectsCf, scanReads)) {
      it.seek(IndexKeys.agencyPrefix(agencyId));
      byte[] existingKey = nextOfAgency(it, agencyId, false);
      SubjectKey existing = existingKey == null ? null : subjectOf(existingKey);
      int i = 0;
      SubjectKey wanted = n > 0 ? caseload.subject(0) : null;
      while (existing != null || wanted != null) {
        int cmp = existing == null ? 1 : wanted == null ? -1 : existing.compareTo(wanted);
        if (cmp < 0) {
          changes.add(new Diff(existing, true, 0, null));
          removed++;
        } else {
          int day = epochDay(caseload.validUntil(i));
          byte[] ref = RegistrationCodec.refBytes(caseload.ref(i));
          if (cmp > 0) {
            changes.add(new Diff(wanted, false, day, ref));
            added++;
          } else {
            kept++;
            if (!RegistrationCodec.agencyValueEquals(it.value(), day, ref)) {
              changes.add(new Diff(wanted, false, day, ref));
            }
          }
          i++;
          wanted = i < n ? caseload.subject(i) : null;
        }
        if (cmp <= 0) {
          existingKey = nextOfAgency(it, agencyId, true);
          existing = existingKey == null ? null : subjectOf(existingKey);
        }
        if (changes.size() >= READ_CHUNK) {
          applyDiffs(g, agencyId, changes);
          changes.clear();
        }
      }
      it.status();
    }
    applyDiffs(g, agencyId, changes);
    return new ReplaceResult(added, removed, kept);
  }

  /** Advances (if asked) and returns the current key if it still belongs to the agency. */
  private static byte[] nextOfAgency(RocksIterator it, int agencyId, boolean advance) {
    if (advance) {
      it.next();
    }
    if (!it.isValid()) {
      return null;
    }
    byte[] key = it.key();
    return IndexKeys.hasAgencyPrefix(key, agencyId) ? key : null;
  }

  private static SubjectKey subjectOf(byte[] agencySubjectKey) {
    return SubjectKey.wrap(IndexKeys.subjectOfAgencySubject(agencySubjectKey));
  }

  /**
   * Applies a replace's diffs, which are for distinct subjects in ascending order: one multiGet,
   * then each subject's net change.
   */
  private void applyDiffs(Group g, int agencyId, List<Diff> diffs) throws RocksDBException {
    if (diffs.isEmpty()) {
      return;
    }
    List<SubjectKey> subjects = new ArrayList<>(diffs.size());
    for (Diff d : diffs) {
      subjects.add(d.subject);
    }
    List<byte[]> values = readSubjects(subjects);
    for (int i = 0; i < diffs.size(); i++) {
      Diff d = diffs.get(i);
      Touched t = new Touched(values.get(i));
      byte[] subject = IndexKeys.subject(d.subject);
      if (!d.remove) {
        t.after.put(agencyId, d.day, d.ref);
      } else if (t.after.remove(agencyId) == null) {
        // agency_subjects listed it but subjects did not: drop the stale index entry.
        g.delete(agencySubjectsCf, IndexKeys.agencySubject(agencyId, subject));
      }
      t.emit(g, subject);
    }
  }

  private long applyPurge(Group g, int today) throws RocksDBException {
    List<byte[]> expired = new ArrayList<>();
    try (RocksIterator it = db.newIterator(expiryCf, scanReads)) {
      byte[] end = IndexKeys.expiryDayStart(today);
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (Arrays.compareUnsigned(key, end) >= 0) {
          break;
        }
        expired.add(key);
      }
      it.status();
    }
    // Grouped by subject, so each subject value is read and written once.
    expired.sort(IndexKeys::compareExpirySubjects);
    long purged = 0;
    int from = 0;
    while (from < expired.size()) {
      int to = Math.min(expired.size(), from + READ_CHUNK);
      while (to < expired.size()
          && IndexKeys.compareExpirySubjects(expired.get(to - 1), expired.get(to)) == 0) {
        to++;
      }
      List<byte[]> chunk = expired.subList(from, to);
      List<SubjectKey> subjects = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        if (i == 0 || IndexKeys.compareExpirySubjects(chunk.get(i - 1), chunk.get(i)) != 0) {
          subjects.add(SubjectKey.wrap(IndexKeys.subjectOfExpiry(chunk.get(i))));
        }
      }
      List<byte[]> values = readSubjects(subjects);
      int s = -1;
      Touched t = null;
      for (int i = 0; i < chunk.size(); i++) {
        byte[] key = chunk.get(i);
        if (i == 0 || IndexKeys.compareExpirySubjects(chunk.get(i - 1), key) != 0) {
          if (t != null) {
            t.emit(g, IndexKeys.subject(subjects.get(s)));
          }
          s++;
          t = new Touched(values.get(s));
        }
        int agencyId = IndexKeys.expiryAgency(key);
        Entry entry = t.after.find(agencyId);
        if (entry != null && entry.day() == IndexKeys.expiryDay(key)) {
          t.after.remove(agencyId);
          purged++;
        } else {
          g.delete(expiryCf, key); // stale: the registration has another validUntil, or none
        }
      }
      if (t != null) {
        t.emit(g, IndexKeys.subject(subjects.get(s)));
      }
      from = to;
    }
    return purged;
  }

  /**
   * One subject touched by a group: its stored value, the entries decoded from it, and the entries
   * after the group's changes.
   */
  private final class Touched {
    final byte[] stored;
    final SubjectEntries before;
    final SubjectEntries after;

    Touched(byte[] stored) {
      this.stored = stored;
      this.before = RegistrationCodec.decodeEntries(stored);
      this.after = RegistrationCodec.decodeEntries(stored);
    }

    /**
     * Writes the net change into the batch: for each agency whose registration appeared,
     * disappeared or changed, its {@code agency_subjects} and {@code expiry} keys and its count,
     * then the {@code subjects} value. Writes nothing for an unchanged subject.
     */
    void emit(Group g, byte[] subject) throws RocksDBException {
      if (!after.isDirty()) {
        return;
      }
      for (Entry b : before.entries()) {
        int id = b.agencyId();
        Entry a = after.find(id);
        if (a == null) {
          g.delete(expiryCf, IndexKeys.expiry(b.day(), id, subject));
          g.delete(agencySubjectsCf, IndexKeys.agencySubject(id, subject));
          g.countDeltas.merge(id, -1L, Long::sum);
        } else if (a.day() != b.day() || !Arrays.equals(a.ref(), b.ref())) {
          if (a.day() != b.day()) {
            g.delete(expiryCf, IndexKeys.expiry(b.day(), id, subject));
            g.put(expiryCf, IndexKeys.expiry(a.day(), id, subject), EMPTY);
          }
          g.put(
              agencySubjectsCf,
              IndexKeys.agencySubject(id, subject),
              RegistrationCodec.encodeAgencyValue(a.day(), a.ref()));
        }
      }
      for (Entry a : after.entries()) {
        int id = a.agencyId();
        if (before.find(id) == null) {
          g.put(expiryCf, IndexKeys.expiry(a.day(), id, subject), EMPTY);
          g.put(
              agencySubjectsCf,
              IndexKeys.agencySubject(id, subject),
              RegistrationCodec.encodeAgencyValue(a.day(), a.ref()));
          g.countDeltas.merge(id, 1L, Long::sum);
        }
      }
      if (after.isEmpty()) {
        if (stored != null) {
          g.delete(subjectsCf, subject);
        }
      } else {
        byte[] value = RegistrationCodec.encodeEntries(after);
        if (!Arrays.equals(value, stored)) {
          g.put(subjectsCf, subject, value);
        }
      }
    }
  }

  private List<byte[]> readSubjects(List<SubjectKey> subjects) throws RocksDBException {
    List<byte[]> keys = new ArrayList<>(subjects.size());
    for (SubjectKey subject : subjects) {
      keys.add(IndexKeys.subject(subject));
    }
    if (keys.size() == 1) {
      return Collections.singletonList(db.get(subjectsCf, pointReads, keys.get(0)));
    }
    return db.multiGetAsList(pointReads, Collections.nCopies(keys.size(), subjectsCf), keys);
  }

  // ---------------------------------------------------------------------------------------------
  // Agency register and counts

  private void loadMetadata() throws RocksDBException {
    byte[] format = db.get(metaCf, pointReads, IndexKeys.META_FORMAT);
    int maxId = 0;
    try (RocksIterator it = db.newIterator(metaCf, scanReads)) {
      for (it.seek(IndexKeys.META_AGENCY_PREFIX); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!IndexKeys.startsWith(key, IndexKeys.META_AGENCY_PREFIX)) {
          break;
        }
        int id = IndexKeys.getU16(it.value(), 0);
        agencyIds.put(IndexKeys.agencyCodeOfMeta(key), id);
        maxId = Math.max(maxId, id);
      }
      it.status();
      for (it.seek(IndexKeys.META_COUNT_PREFIX); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!IndexKeys.startsWith(key, IndexKeys.META_COUNT_PREFIX)) {
          break;
        }
        counts[IndexKeys.getU16(key, IndexKeys.META_COUNT_PREFIX.length)] =
            IndexKeys.getLong(it.value());
      }
      it.status();
    }
    if (format == null) {
      if (!agencyIds.isEmpty()) {
        throw new IndexUnavailableException("index at " + directory + " has no format version");
      }
      byte[] value = new byte[4];
      IndexKeys.putInt(value, 0, FORMAT_VERSION);
      db.put(metaCf, syncWrites, IndexKeys.META_FORMAT, value);
    } else if (format.length != 4 || IndexKeys.getInt(format, 0) != FORMAT_VERSION) {
      throw new IndexUnavailableException(
          "index at " + directory + " has an unsupported format version");
    }
    String[] codes = new String[maxId + 1];
    agencyIds.forEach((code, id) -> codes[id] = code);
    agencyCodes = codes;
    nextAgencyId = maxId + 1;
    publishCounts();
  }

  private void publishCounts() {
    Map<String, Long> snapshot = new TreeMap<>();
    agencyIds.forEach((code, id) -> snapshot.put(code, counts[id]));
    countSnapshot = Collections.unmodifiableMap(snapshot);
  }

  private static String codeOf(String[] codes, int id) {
    return id < codes.length ? codes[id] : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static int epochDay(LocalDate date) {
    long day = date.toEpochDay();
    if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("date out of the index's range");
    }
    return (int) day;
  }

  private static String describe(RocksDBException e) {
    return e.getStatus() != null ? e.getStatus().getCodeString() : "RocksDB error";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // keep waiting: the latch is the only way out (a paused writer, a close in progress)
      }
    }
  }

  /** State of one group being built on the writer thread. */
  private final class Group {
    WriteBatch batch;
    final Map<Integer, Long> countDeltas = new HashMap<>();
    final List<String> newAgencies = new ArrayList<>();

    void put(ColumnFamilyHandle cf, byte[] key, byte[] value) throws RocksDBException {
      batch.put(cf, key, value);
    }

    void delete(ColumnFamilyHandle cf, byte[] key) throws RocksDBException {
      batch.delete(cf, key);
    }

    /** The agency's id, assigning (and writing to the batch) a new one on first sight. */
    int agencyIdAssigning(String code) throws RocksDBException {
      Integer id = agencyIds.get(code);
      if (id != null) {
        return id;
      }
      if (nextAgencyId > IndexKeys.MAX_AGENCY_ID) {
        throw new IndexUnavailableException("agency register is full");
      }
      int assigned = nextAgencyId++;
      byte[] value = new byte[2];
      IndexKeys.putU16(value, 0, assigned);
      put(metaCf, IndexKeys.metaAgency(code), value);
      agencyIds.put(code, assigned);
      newAgencies.add(code);
      // Published before the batch is written, so a reader never meets an id it cannot name.
      String[] codes = Arrays.copyOf(agencyCodes, Math.max(agencyCodes.length, assigned + 1));
      codes[assigned] = code;
      agencyCodes = codes;
      return assigned;
    }

    /** Forgets ids assigned in this group; the failed batch never stored them. */
    void rollBackAgencies() {
      if (newAgencies.isEmpty()) {
        return;
      }
      String[] codes = agencyCodes.clone();
      for (String code : newAgencies) {
        int id = agencyIds.remove(code);
        codes[id] = null;
        nextAgencyId = Math.min(nextAgencyId, id);
      }
      agencyCodes = codes;
    }
  }

  /** One pending change of a replace: remove, or put day and ref. */
  private record Diff(SubjectKey subject, boolean remove, int day, byte[] ref) {}

  // ---------------------------------------------------------------------------------------------
  // Requests to the writer thread

  private abstract static class Request<T> {
    final CompletableFuture<T> future = new CompletableFuture<>();
    T result;
    RuntimeException failure;

    int items() {
      return 1;
    }

    void complete() {
      if (failure != null) {
        future.completeExceptionally(failure);
      } else {
        future.complete(result);
      }
    }

    void fail(RuntimeException e) {
      future.completeExceptionally(e);
    }
  }

  private static final class Upsert extends Request<Integer> {
    final String agency;
    final SubjectKey[] subjects;
    final int[] days;
    final byte[][] refs;
    int agencyId;

    Upsert(String agency, SubjectKey[] subjects, int[] days, byte[][] refs) {
      this.agency = agency;
      this.subjects = subjects;
      this.days = days;
      this.refs = refs;
    }

    @Override
    int items() {
      return subjects.length;
    }
  }

  private static final class Remove extends Request<Integer> {
    final String agency;
    final SubjectKey[] subjects;
    int agencyId;

    Remove(String agency, SubjectKey[] subjects) {
      this.agency = agency;
      this.subjects = subjects;
    }

    @Override
    int items() {
      return subjects.length;
    }
  }

  private static final class Replace extends Request<ReplaceResult> {
    final String agency;
    final Caseload caseload;

    Replace(String agency, Caseload caseload) {
      this.agency = agency;
      this.caseload = caseload;
    }
  }

  private static final class Purge extends Request<Long> {
    final int today;

    Purge(int today) {
      this.today = today;
    }
  }

  private static final class Pause extends Request<Void> {
    final CountDownLatch resume;

    Pause(CountDownLatch resume) {
      this.resume = resume;
    }
  }

  private static final class Stop extends Request<Void> {}

  /**
   * Native objects in creation order; {@link #close()} closes them in reverse, so handles go before
   * the database and the database before the options, filter and cache it uses.
   */
  private static final class NativeResources {
    private final ArrayDeque<AutoCloseable> stack = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
      stack.push(resource);
      return resource;
    }

    void close() {
      while (!stack.isEmpty()) {
        AutoCloseable resource = stack.pop();
        try {
          resource.close();
        } catch (Exception e) {
          LOG.log(Level.WARNING, "closing an index resource failed: {0}", e.toString());
        }
      }
    }
  }
}
