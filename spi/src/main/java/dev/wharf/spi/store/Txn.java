package dev.wharf.spi.store;

import java.util.ArrayList;
import java.util.List;

/** If every compare holds, apply {@code onSuccess}, else {@code onFailure} (etcd's Txn). */
public record Txn(List<Compare> compares, List<Op> onSuccess, List<Op> onFailure) {

    public static Builder when(Compare... compares) {
        Builder b = new Builder();
        b.compares.addAll(List.of(compares));
        return b;
    }

    public static final class Builder {
        private final List<Compare> compares = new ArrayList<>();
        private final List<Op> success = new ArrayList<>();
        private final List<Op> failure = new ArrayList<>();

        public Builder and(Compare c) {
            compares.add(c);
            return this;
        }

        public Builder then(Op... ops) {
            success.addAll(List.of(ops));
            return this;
        }

        public Builder orElse(Op... ops) {
            failure.addAll(List.of(ops));
            return this;
        }

        public Txn build() {
            return new Txn(List.copyOf(compares), List.copyOf(success), List.copyOf(failure));
        }
    }
}
