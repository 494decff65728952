/**
 * Building blocks shared by Store implementations so that they behave identically: {@link
 * dev.wharf.spi.store.support.TxnEvaluator} (etcd's txn semantics as a pure function), {@link
 * dev.wharf.spi.store.support.WatchHub} (watch fan-out from a bounded ring of recent events, with replay from a
 * {@link dev.wharf.spi.store.support.HistorySource}), and {@link dev.wharf.spi.store.support.Keys} (key order =
 * UTF-8 byte order, prefix bounds). {@code MemoryStore} and {@code SqliteStore} both use them; the contract suite
 * {@code dev.wharf.testkit.store.StoreContract} checks every backend.
 */
package dev.wharf.spi.store.support;
