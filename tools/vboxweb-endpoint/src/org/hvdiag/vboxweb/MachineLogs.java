package org.hvdiag.vboxweb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * IMachine queryLogFilename and readLog as MachineImpl.cpp (7.0/7.1) answers them, over the files
 * a test places in Logs/ beside the machine's .vbox file (Machine::i_getLogFolder without
 * VBOX_USER_VMLOGDIR): idx 0 is VBox.log, idx N VBox.log.N (a Linux host: no VBoxHardening.log).
 */
final class MachineLogs {
    /** Machine::readLog: {@code RT_MIN(aSize, _512K)}. */
    static final int MAX_CHUNK = 512 * 1024;

    private MachineLogs() {
    }

    static Path logFile(Vm vm, long idx) {
        Path folder = vm.settings.file().toAbsolutePath().getParent().resolve("Logs");
        return folder.resolve(idx == 0 ? "VBox.log" : "VBox.log." + idx);
    }

    /** The path, or "" (a null Utf8Str) when the file does not exist. */
    static String queryLogFilename(Vm vm, long idx) {
        Path f = logFile(vm, idx);
        return Files.isRegularFile(f) ? f.toString() : "";
    }

    /** Base64 of at most 512 KiB from {@code offset}; fewer, or none, at the end of the file. */
    static String readLog(Vm vm, long idx, long offset, long size) throws VboxError {
        if (size < 0) {
            throw new VboxError(ResultCode.E_INVALIDARG, "The size argument (" + size + ") is negative");
        }
        Path f = logFile(vm, idx);
        byte[] data = new byte[(int) Math.min(size, MAX_CHUNK)];
        int n;
        try (RandomAccessFile in = new RandomAccessFile(f.toFile(), "r")) {
            // RTFileReadAt with a byte count pointer: a read at or past the end is no error, just short.
            if (offset < 0) {
                throw new IOException("negative offset");
            }
            in.seek(offset);
            n = 0;
            while (n < data.length) {
                int r = in.read(data, n, data.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (java.io.FileNotFoundException e) {
            throw new VboxError(ResultCode.VBOX_E_IPRT_ERROR, "Could not open log file '" + f + "' (VERR_FILE_NOT_FOUND)");
        } catch (IOException e) {
            throw new VboxError(ResultCode.VBOX_E_IPRT_ERROR, "Could not read log file '" + f + "' (VERR_READ_ERROR)");
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOf(data, n));
    }
}
