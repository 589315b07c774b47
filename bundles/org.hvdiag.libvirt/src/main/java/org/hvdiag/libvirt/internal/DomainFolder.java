package org.hvdiag.libvirt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.connector.FolderWalk;
import org.hvdiag.core.model.ObjectError;

/**
 * The domains of one domain XML file, or of every .xml file under a folder at any depth whose root
 * element is {@code <domain>}. Other XML in a folder (libvirt's network and pool definitions beside
 * /etc/libvirt/qemu, capabilities dumps) is passed over; a file that is not XML at all is reported,
 * since an admin put it among the domains. A file named directly must be a domain. One file that
 * cannot be read is an error naming it; the others are still read.
 */
public final class DomainFolder {

    /** What was read, and what could not be. */
    public record Listing(List<DomainFacts> domains, List<ObjectError> errors) {
        public Listing {
            domains = List.copyOf(domains);
            errors = List.copyOf(errors);
        }
    }

    private DomainFolder() {
    }

    public static Listing read(Path target) {
        List<DomainFacts> domains = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try {
                FolderWalk.Found found = FolderWalk.walk(target, (path, directory) -> !directory && isXmlName(path)
                        && !isOtherXml(path));
                files.addAll(found.files());
                errors.addAll(found.errors());
            } catch (IOException e) {
                errors.add(new ObjectError(target.toString(), "", "cannot list the folder: " + FolderWalk.reason(e)));
            }
            files.sort(null);
        } else {
            files.add(target);
        }
        for (Path f : files) {
            try {
                domains.add(DomainXml.read(f));
            } catch (UnreadableFile e) {
                errors.add(e.toError());
            }
        }
        return new Listing(domains, errors);
    }

    static boolean isXmlName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /** Well-formed XML with another root: not a domain, passed over. Broken XML is kept, to be reported. */
    private static boolean isOtherXml(Path file) {
        try {
            return !XmlFile.rootName(file).equals("domain");
        } catch (UnreadableFile e) {
            return false;
        }
    }

    /** Whether a folder holds a domain XML at any depth (stops at the first), or a file is one. */
    public static boolean holdsDomain(Path target) {
        if (Files.isRegularFile(target)) {
            return isXmlName(target) && DomainXml.isDomainFile(target);
        }
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (var walk = Files.walk(target)) {
            return walk.filter(p -> Files.isRegularFile(p) && isXmlName(p)).anyMatch(DomainXml::isDomainFile);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
