package nl.hitmachine.service.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditVerification;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.index.RocksDbHitIndex;

/**
 * Taking, checking and restoring backups of a data directory.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * BACKUP/index/          RocksDB checkpoint of storage.dataDir/index (opens as is)
 * BACKUP/audit/          audit segments and leaf-hashes.bin up to tree size T
 * BACKUP/audit/checkpoints/  the signed checkpoints of sizes &lt;= T; latest.note = the largest
 * BACKUP/manifest.json   written last: format, version, created, auditTreeSize T, and per file
 *                        its path, size and SHA-256
 * </pre>
 *
 * No key file is ever in a backup: they live outside the data directory (the configuration
 * enforces it) and {@link #create} reads nothing else.
 *
 * <h2>Consistency</h2>
 *
 * A registration is audited first (durable) and applied to the index after. {@link #create}
 * therefore snapshots the index <em>first</em> and only then reads the durable audit size T and
 * copies the log up to T: every change in the index snapshot had its audit entry durable before the
 * snapshot, so it is below T. The backup's audit log may hold entries of changes the index snapshot
 * does not have yet (audited, not yet applied, or applied after the snapshot — their callers were
 * not yet answered when it was taken, or were answered after), never the reverse. Every write
 * acknowledged before {@link #create} started is in the index snapshot.
 */
public final class Backups {
  public static final String MANIFEST = "manifest.json";
  public static final String FORMAT = "hitmachine-backup";
  public static final int VERSION = 1;

  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d{20})\\.note");
  private static final String LATEST = "latest.note";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final HexFormat HEX = HexFormat.of();

  private Backups() {}

  /**
   * Takes a backup of a running (or just opened) index and audit log into {@code target}, which
   * must not exist. See the class comment for the order and what it guarantees.
   *
   * @param auditDirectory the audit log's directory (its {@code checkpoints/} are copied too)
   * @throws IllegalArgumentException if {@code target} is inside the data directory
   * @throws FileAlreadyExistsException if {@code target} exists
   * @throws IOException if a file cannot be read or written; the partial target has no manifest
   */
  public static BackupManifest create(RocksDbHitIndex index, FileAuditLog audit, Path auditDirectory, Path target, Clock clock)
      throws IOException {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(audit, "audit");
    Path dataDirectory = auditDirectory.toAbsolutePath().normalize().getParent();
    if (target.toAbsolutePath().normalize().startsWith(dataDirectory)) {
      throw new IllegalArgumentException("the backup target must be outside the data directory " + dataDirectory);
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "backup target exists");
    }
    Files.createDirectories(target);
    index.checkpointTo(target.resolve("index")); // first: see the class comment
    long treeSize = audit.copyDurablePrefix(target.resolve("audit"));
    copyCheckpoints(auditDirectory.resolve("checkpoints"), target.resolve("audit").resolve("checkpoints"), treeSize);
    List<BackupManifest.FileEntry> files = new ArrayList<>();
    for (String path : listFiles(target)) {
      Path file = target.resolve(path);
      force(file);
      files.add(new BackupManifest.FileEntry(path, Files.size(file), sha256(file)));
    }
    BackupManifest manifest = new BackupManifest(FORMAT, VERSION, clock.instant().toString(), treeSize, files);
    Path temp = target.resolve(MANIFEST + ".tmp");
    Files.write(temp, JSON.writeValueAsBytes(manifest), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    force(temp);
    Files.move(temp, target.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(target);
    return manifest;
  }

  private static void copyCheckpoints(Path from, Path to, long treeSize) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    long largest = -1;
    Path largestFile = null;
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Matcher m = CHECKPOINT.matcher(file.getFileName().toString());
        if (m.matches()) {
          long size = Long.parseLong(m.group(1));
          if (size <= treeSize) {
            Files.copy(file, to.resolve(file.getFileName()));
            if (size > largest) {
              largest = size;
              largestFile = file;
            }
          }
        }
      }
    }
    if (largestFile != null) {
      Files.copy(largestFile, to.resolve(LATEST));
    }
  }

  /**
   * Checks a backup without changing it: the manifest is there and readable, every file it lists is
   * there with its size and SHA-256, no other file is there, and the audit log verifies (framing,
   * chain) with exactly the manifest's tree size.
   *
   * @throws BackupRefusedException naming the first problem
   * @throws IOException if the backup cannot be read
   */
  public static BackupManifest verify(Path backup) throws BackupRefusedException, IOException {
    Path manifestFile = backup.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new BackupRefusedException("incomplete backup: " + MANIFEST + " is missing (the backup was not finished)");
    }
    BackupManifest manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), BackupManifest.class);
    } catch (JsonProcessingException e) {
      throw new BackupRefusedException("damaged backup: " + MANIFEST + " is not a valid manifest");
    }
    if (!FORMAT.equals(manifest.format()) || manifest.version() != VERSION || manifest.files() == null) {
      throw new BackupRefusedException("unsupported backup: " + MANIFEST + " is not format " + FORMAT + " version " + VERSION);
    }
    checkFiles(backup, manifest);
    AuditVerification audit = FileAuditLog.verifyDirectory(backup.resolve("audit"));
    if (!audit.ok()) {
      throw new BackupRefusedException("damaged backup: audit log does not verify at entry " + audit.firstBadSequence()
          + ": " + audit.problem());
    }
    if (audit.entries() != manifest.auditTreeSize()) {
      throw new BackupRefusedException("damaged backup: audit log holds " + audit.entries()
          + " entries, the manifest says " + manifest.auditTreeSize());
    }
    return manifest;
  }

  private static void checkFiles(Path backup, BackupManifest manifest) throws BackupRefusedException, IOException {
    Map<String, BackupManifest.FileEntry> listed = new HashMap<>();
    for (BackupManifest.FileEntry f : manifest.files()) {
      if (f == null || f.path() == null || f.sha256() == null || !safe(f.path()) || listed.put(f.path(), f) != null) {
        throw new BackupRefusedException("damaged backup: " + MANIFEST + " lists an invalid or duplicate file");
      }
    }
    TreeSet<String> present = new TreeSet<>(listFiles(backup));
    present.remove(MANIFEST);
    for (String path : present) {
      if (!listed.containsKey(path)) {
        throw new BackupRefusedException("damaged backup: " + path + " is not in the manifest");
      }
    }
    for (BackupManifest.FileEntry f : new TreeSet<>(listed.keySet()).stream().map(listed::get).toList()) {
      if (!present.contains(f.path())) {
        throw new BackupRefusedException("incomplete backup: " + f.path() + " is missing");
      }
      Path file = backup.resolve(f.path());
      if (Files.size(file) != f.size() || !sha256(file).equals(f.sha256())) {
        throw new BackupRefusedException("damaged backup: " + f.path() + " does not match its checksum");
      }
    }
  }

  private static boolean safe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.equals(MANIFEST)) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Verifies {@code backup} ({@link #verify}) and restores it as {@code dataDirectory}, which must
   * not exist or be empty: the files are copied to a temporary sibling directory, forced, checked
   * again against the manifest and the audit log, and only then renamed into place. Nothing is left
   * at {@code dataDirectory} when it fails.
   *
   * @throws BackupRefusedException if the backup (or its copy) is damaged or incomplete
   * @throws DirectoryNotEmptyException if {@code dataDirectory} exists and is not empty
   * @throws IOException if a file cannot be read or written
   */
  public static BackupManifest restore(Path backup, Path dataDirectory) throws BackupRefusedException, IOException {
    Path target = dataDirectory.toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString(), null, "not a directory");
      }
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new DirectoryNotEmptyException(target.toString());
        }
      }
    }
    BackupManifest manifest = verify(backup);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".restoring-" + UUID.randomUUID());
    boolean done = false;
    try {
      Files.createDirectory(temp);
      for (BackupManifest.FileEntry f : manifest.files()) {
        Path to = temp.resolve(f.path());
        Files.createDirectories(to.getParent());
        Files.copy(backup.resolve(f.path()), to);
        force(to);
      }
      Files.createDirectories(temp.resolve("audit").resolve("checkpoints"));
      checkFiles(temp, manifest);
      AuditVerification audit = FileAuditLog.verifyDirectory(temp.resolve("audit"));
      if (!audit.ok() || audit.entries() != manifest.auditTreeSize()) {
        throw new BackupRefusedException("the restored copy of the audit log does not verify");
      }
      forceTree(temp);
      if (Files.exists(target)) {
        Files.delete(target); // empty, checked above
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(target.getParent());
      done = true;
      return manifest;
    } finally {
      if (!done) {
        deleteTree(temp);
      }
    }
  }

  // ------------------------------------------------------------------------------------ files

  /** Regular files under {@code root}, relative and '/'-separated, sorted; refuses anything else. */
  static List<String> listFiles(Path root) throws IOException {
    List<String> result = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(rel + " is not a regular file");
        }
        result.add(rel);
      }
    }
    result.sort(Comparator.naturalOrder());
    return result;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HEX.formatHex(digest.digest());
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot force a directory; the files themselves are forced
    }
  }

  private static void forceTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isDirectory).toList()) {
        forceDirectory(p);
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
          // gone already
        }
      }
    } catch (IOException e) {
      // best effort: the temporary directory is named after the target and can be removed by hand
    }
  }
}
