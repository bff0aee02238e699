package io.pharos.node.boot;

/**
 * Counters of boot serving since start, for /api/v1/stats.
 *
 * @param requests       requests under /boot/ and TFTP opens of rendered or stored files
 * @param renders        templates rendered (iPXE, PXELINUX, GRUB; HTTP and TFTP)
 * @param renderFailures renders that failed (missing template or boot environment, template error)
 * @param registrations  machines created by /boot/register
 * @param filesServed    file answers (store or boot root), ranges included
 * @param notFound       requests for a file, machine path or route that does not exist
 * @param refused        bad requests and path escapes (traversal, symlink out of the boot root)
 */
public record BootStats(long requests, long renders, long renderFailures, long registrations, long filesServed,
                        long notFound, long refused) {}
