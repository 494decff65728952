/**
 * Contract suites for {@link dev.wharf.spi.store.Store} backends. {@link dev.wharf.testkit.store.StoreContract} is
 * what every backend (memory, SQLite, etcd) must pass; {@link dev.wharf.testkit.store.WatchWindowContract} adds the
 * behaviour of backends that serve watches from a bounded in-memory window. {@link
 * dev.wharf.testkit.store.RecordingWatchListener} is a watch listener for any test that watches a store.
 */
package dev.wharf.testkit.store;
