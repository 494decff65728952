package dev.wharf.spi.store;

import dev.wharf.testkit.store.WatchWindowContract;

class MemoryStoreWatchWindowTest extends WatchWindowContract {
    @Override
    protected Store newStore(int window) {
        return new MemoryStore(window);
    }
}
