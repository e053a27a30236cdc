/**
 * Backup and restore of a data directory: {@link nl.hitmachine.service.backup.Backups#create} (an
 * online, consistent snapshot of the index and the audit log with a checksummed manifest), {@link
 * nl.hitmachine.service.backup.Backups#verify} and {@link nl.hitmachine.service.backup.Backups#restore},
 * and the {@code hitmachine backup} / {@code hitmachine restore} commands. Key files are never
 * part of a backup. See docs/operations.md, "Backup and restore".
 */
package nl.hitmachine.service.backup;
