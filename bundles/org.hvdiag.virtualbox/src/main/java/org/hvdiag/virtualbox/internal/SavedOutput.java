package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.hvdiag.core.connector.UnreadableFile;

/**
 * The text of a file of saved VBoxManage output. Read as UTF-8 with broken bytes replaced, not
 * refused: VBoxManage on Windows writes in the console's code page, and a VM name with one odd
 * byte is no reason to leave its USB settings unaudited.
 */
final class SavedOutput {

    /** Far beyond any showvminfo output (a few KB); a larger file is not one. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private SavedOutput() {
    }

    static String text(Path file) throws UnreadableFile {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UnreadableFile(name, 0, "larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB, expected saved VBoxManage showvminfo output (a few KB)");
            }
            return decode(bytes);
        } catch (NoSuchFileException e) {
            throw new UnreadableFile(name, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFile(name, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new UnreadableFile(name, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The first {@code limit} bytes at most, for a look at how a file begins. */
    static String head(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit);
            return decode(bytes);
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
