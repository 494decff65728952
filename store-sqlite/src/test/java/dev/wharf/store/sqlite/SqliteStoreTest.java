package dev.wharf.store.sqlite;

import dev.wharf.spi.store.Store;
import dev.wharf.testkit.store.StoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return SqliteStore.open(dir.resolve("data/store.db"));
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected Store reopen() {
        return SqliteStore.open(dir.resolve("data/store.db"));
    }
}
