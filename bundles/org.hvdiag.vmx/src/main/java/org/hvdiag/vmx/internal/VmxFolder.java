package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.hvdiag.core.connector.FolderWalk;
import org.hvdiag.core.model.ObjectError;

/**
 * The .vmx files under a folder, at any depth. Lock folders are skipped: they are VMware's, and a
 * running VM's hold nothing to read. Links to folders are not followed (they can loop); a link named
 * *.vmx is listed and read through. Anything named *.vmx that is not a file is listed as well, so
 * that reading it says why it cannot be a VM rather than it silently not appearing.
 */
final class VmxFolder {

    /** The .vmx paths found and the folders that could not be listed. */
    record Listing(List<Path> files, List<ObjectError> errors) { }

    private VmxFolder() {
    }

    static Listing list(Path root) throws IOException {
        FolderWalk.Found found = FolderWalk.walk(root, new FolderWalk.Choice() {
            @Override
            public boolean skip(Path dir) {
                return LockFolder.isLockName(dir.getFileName().toString());
            }

            @Override
            public boolean take(Path path, boolean directory) {
                return isVmxName(path.getFileName().toString());
            }
        });
        return new Listing(found.files(), found.errors());
    }

    static boolean isVmxName(String name) {
        return name.length() > 4 && name.regionMatches(true, name.length() - 4, ".vmx", 0, 4);
    }
}
