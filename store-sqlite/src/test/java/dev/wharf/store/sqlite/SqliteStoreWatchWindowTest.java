package dev.wharf.store.sqlite;

import dev.wharf.spi.store.Store;
import dev.wharf.testkit.store.WatchWindowContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteStoreWatchWindowTest extends WatchWindowContract {
    @TempDir
    Path dir;

    @Override
    protected Store newStore(int window) {
        return SqliteStore.open(dir.resolve("store.db"), window);
    }
}
