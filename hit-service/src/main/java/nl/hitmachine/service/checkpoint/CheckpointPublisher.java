package nl.hitmachine.service.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import nl.hitmachine.service.audit.merkle.TreeHead;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteSigner;

/**
 * Signs and stores checkpoints of the audit log's Merkle tree. {@link #publishIfGrown()} takes the
 * current tree head, and if the tree is not empty and grew since the last checkpoint this publisher
 * wrote, signs {@code Checkpoint(origin, size, root)} as a c2sp.org/signed-note and stores it in
 * the checkpoint directory as {@code checkpoint-<size, 20 digits>.note} and {@code latest.note}.
 * Each file is written under a temporary name, forced, renamed atomically and the directory forced.
 * The first call after start publishes whenever the tree is not empty.
 *
 * <p>The service calls {@link #publishIfGrown()} every second and once more on shutdown; tests call
 * it directly. Thread-safe (calls are serialised). Plain Java: no scheduler of its own.
 */
public final class CheckpointPublisher {
  /** Name of the file that always holds the newest checkpoint. */
  public static final String LATEST = "latest.note";

  private static final System.Logger LOG = System.getLogger(CheckpointPublisher.class.getName());

  private final Supplier<TreeHead> treeHeads;
  private final String origin;
  private final NoteSigner signer;
  private final Path directory;
  private long publishedSize = -1;
  private String latest;
  private volatile java.util.function.LongConsumer published = size -> {};

  /**
   * @param treeHeads the log's current tree head (e.g. {@code auditLog::treeHead})
   * @param origin the checkpoint origin, a valid note key name
   * @param signer signs the checkpoints
   * @param directory where checkpoints are stored (created if missing)
   */
  public CheckpointPublisher(Supplier<TreeHead> treeHeads, String origin, NoteSigner signer, Path directory) {
    this.treeHeads = Objects.requireNonNull(treeHeads, "treeHeads");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.directory = Objects.requireNonNull(directory, "directory");
    new Checkpoint(origin, 0, new byte[Checkpoint.HASH_LENGTH]); // checks the origin now
  }

  /** The file name of the checkpoint for tree size {@code size}. */
  public static String fileName(long size) {
    return String.format("checkpoint-%020d.note", size);
  }

  /**
   * Tells {@code listener} the tree size of every checkpoint {@link #publishIfGrown} stores from now
   * on (metrics: checkpoint lag). Called on the publishing thread; it must be cheap.
   */
  public void onPublished(java.util.function.LongConsumer listener) {
    this.published = Objects.requireNonNull(listener, "listener");
  }

  public Path directory() {
    return directory;
  }

  /**
   * Publishes a checkpoint of the current tree head if the tree is not empty and is larger than
   * the last one this publisher stored.
   *
   * @return the signed checkpoint note written, or empty if nothing grew
   * @throws UncheckedIOException if it could not be stored (the next call tries again)
   */
  public synchronized Optional<String> publishIfGrown() {
    TreeHead head = treeHeads.get();
    if (head.size() == 0 || head.size() <= publishedSize) {
      return Optional.empty();
    }
    String note = signer.sign(new Checkpoint(origin, head.size(), head.root()));
    byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(directory);
      writeAtomically(directory.resolve(fileName(head.size())), bytes);
      writeAtomically(directory.resolve(LATEST), bytes);
      syncDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("audit checkpoint for tree size " + head.size() + " could not be stored", e);
    }
    publishedSize = head.size();
    latest = note;
    published.accept(head.size());
    LOG.log(System.Logger.Level.DEBUG, "published audit checkpoint for tree size {0}", head.size());
    return Optional.of(note);
  }

  /**
   * Makes sure {@code checkpoint-<size>.note} holds a signed checkpoint of exactly {@code head} and
   * is on disk: signs and stores one if the file does not exist, else checks that the stored one is
   * for this origin, size and root and forces it. Never touches {@code latest.note} (the head may be
   * older than the latest checkpoint). Used for the retention anchor.
   *
   * @return the stored checkpoint note
   * @throws IllegalStateException if a stored checkpoint of that size is for another root or origin
   * @throws UncheckedIOException if it could not be read, stored or forced
   */
  public synchronized String ensureCheckpoint(TreeHead head) {
    Objects.requireNonNull(head, "head");
    Checkpoint checkpoint = new Checkpoint(origin, head.size(), head.root());
    Path file = directory.resolve(fileName(head.size()));
    try {
      Files.createDirectories(directory);
      if (Files.exists(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        if (!stored.startsWith(checkpoint.body() + "\n")) {
          throw new IllegalStateException(
              "stored checkpoint " + file.getFileName() + " is not for this log's tree at size " + head.size());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        syncDirectory();
        return stored;
      }
      String note = signer.sign(checkpoint);
      writeAtomically(file, note.getBytes(StandardCharsets.UTF_8));
      syncDirectory();
      LOG.log(System.Logger.Level.INFO, "signed audit checkpoint for tree size {0}", head.size());
      return note;
    } catch (IOException e) {
      throw new UncheckedIOException("audit checkpoint for tree size " + head.size() + " could not be stored", e);
    }
  }

  /** The tree size of the newest checkpoint this publisher wrote, or -1 before the first. */
  public synchronized long publishedSize() {
    return publishedSize;
  }

  /** The newest checkpoint note this publisher wrote, if any. */
  public synchronized Optional<String> latest() {
    return Optional.ofNullable(latest);
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void syncDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
