package io.symphra.exporter.json;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * Replaces a file with each document so that a reader always sees a whole document: the document is written to a
 * temporary file in the same directory, then renamed over the target in one atomic step. Where the file system
 * cannot rename atomically, it falls back to a plain replacing move and says so once in a while. Only a regular
 * file is ever replaced: a rename would put a new file in the place of a symbolic link, a FIFO or a device node.
 */
final class FileSink implements DocumentSink {

    private final Path target;
    private final Path directory;
    private final String tempPrefix;
    private final Logger log;
    private volatile boolean atomicMoveWorks = true;

    FileSink(Path target, Logger log) {
        this.target = target;
        this.directory = target.getParent();
        this.tempPrefix = "." + target.getFileName() + ".";
        this.log = log;
    }

    @Override
    public String describe() {
        return "file " + target;
    }

    /**
     * What the path is when it exists and is not a regular file (a symbolic link is not followed), such as
     * {@code "a symbolic link"}; empty for a regular file or a path that does not exist.
     */
    static Optional<String> notARegularFile(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of("a symbolic link");
        }
        return Optional.of(attributes.isDirectory() ? "a directory" : "a device node, FIFO or socket");
    }

    @Override
    public void accept(byte[] document) throws IOException {
        // Checked at build time too; this catches a node put in the file's place since.
        Optional<String> kind = notARegularFile(target);
        if (kind.isPresent()) {
            throw new IOException(describe() + " is now " + kind.get() + "; left as it is, nothing written");
        }
        // A random name per write: two schedulers pointed at one file must not share a temp file.
        Path temp = directory.resolve(
                tempPrefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            // Created like any new file (umask applies), so the target keeps readable permissions after the move.
            Files.write(temp, document, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            moveIntoPlace(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void moveIntoPlace(Path temp) throws IOException {
        if (atomicMoveWorks) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                atomicMoveWorks = false;
                // Once per sink: the flag above keeps this from repeating, so no throttle is needed.
                log.warn(
                        "JSON exporter: the file system of {} cannot rename atomically; readers of {} may briefly see"
                                + " it missing or partial",
                        directory,
                        target);
            }
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
