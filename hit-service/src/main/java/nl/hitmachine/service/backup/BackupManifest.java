package nl.hitmachine.service.backup;

import java.util.List;

/**
 * {@value Backups#MANIFEST}, written last: a backup without it is incomplete.
 *
 * @param format always {@value Backups#FORMAT}
 * @param version manifest format version, {@value Backups#VERSION}
 * @param created when the backup was taken (ISO-8601 instant)
 * @param auditTreeSize T: the backup's audit log holds entries 0..T-1
 * @param files every other file of the backup, in path order
 */
public record BackupManifest(String format, int version, String created, long auditTreeSize, List<FileEntry> files) {

  /**
   * One file of the backup.
   *
   * @param path relative to the backup directory, '/'-separated
   * @param size in bytes
   * @param sha256 lower-case hex SHA-256 of the content
   */
  public record FileEntry(String path, long size, String sha256) {}
}
