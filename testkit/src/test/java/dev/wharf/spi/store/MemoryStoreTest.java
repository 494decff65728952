package dev.wharf.spi.store;

import dev.wharf.testkit.store.StoreContract;

/** The in-memory store against the contract every Store passes (lives in testkit, which depends on spi). */
class MemoryStoreTest extends StoreContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
