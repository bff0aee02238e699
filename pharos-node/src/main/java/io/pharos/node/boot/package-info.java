/**
 * Boot serving: what a machine's firmware and boot loaders fetch.
 *
 * <p>{@link io.pharos.node.boot.BootScripts} decides what a MAC boots (its machine's boot environment, the
 * preferences' defaultBootEnv for a machine without one, unknownBootEnv for an unknown MAC) and renders the
 * boot environment's template for one loader ("ipxe", "pxelinux", "grub") with
 * {@link io.pharos.node.boot.TemplateRenderer} (Pebble). The same decision serves HTTP
 * ({@link io.pharos.node.boot.BootHttp}, mounted at /boot) and TFTP
 * ({@link io.pharos.node.boot.RenderedTftpFiles}); {@link io.pharos.node.boot.StoreTftpFiles} serves
 * uploaded files over TFTP.
 *
 * <p>Every URL a template builds comes from {@link io.pharos.node.boot.ServerUrls}: the advertise address
 * (the VIP) when configured, so a machine that started with one node continues with the next
 * (invariant 6). A registration (/boot/register) is committed before it is answered (invariant 2).
 *
 * <p>The default boot environments and their templates are in {@link io.pharos.node.boot.DefaultContent},
 * the template bodies in the resources under /boot/templates.
 */
package io.pharos.node.boot;
