/**
 * The ContainerRuntime SPI: pod sandboxes (network) and containers, with records for specs, statuses and stats.
 * Drivers: {@code runc}, {@code process}, {@code fake} (module runtime-runc); every driver passes the contract
 * suite {@code dev.wharf.testkit.runtime.ContainerRuntimeContract}.
 */
package dev.wharf.spi.runtime;
