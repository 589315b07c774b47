package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file's content so that a reader, or a crash, sees either the old file or the new one:
 * the new bytes go to a temporary file in the same folder, are synced to disk, take over the old
 * file's permissions and owner, and are renamed over it. A symbolic link is followed, so the link
 * stays a link and the file it names changes.
 */
final class AtomicWrite {

    private AtomicWrite() {
    }

    static void replace(Path file, byte[] content) throws IOException {
        Path target = file.toRealPath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".hvdiag-tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            keepAttributes(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void keepAttributes(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView copy = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source == null || copy == null) {
            return; // Windows: the new file inherits the folder's ACL, as a file VMware saves does
        }
        PosixFileAttributes a = source.readAttributes();
        copy.setPermissions(a.permissions());
        try {
            copy.setOwner(a.owner());
            copy.setGroup(a.group());
        } catch (IOException e) {
            // Only root may give a file away; a user fixing their own VM keeps ownership anyway.
        }
    }

    /** Makes the rename itself durable; not possible on every platform, and then skipped. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself.
        }
    }
}
