package dev.wharf.scheduler.framework;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugins one scheduler runs, in order, with score weights. A plugin added as a filter or scorer that also
 * implements {@link PreFilterPlugin} / {@link PreScorePlugin} gets that phase too.
 */
public record Profile(String name, List<PreFilterPlugin> preFilters, List<FilterPlugin> filters,
                      List<PreScorePlugin> preScores, List<WeightedScorer> scorers) {
    public record WeightedScorer(ScorePlugin plugin, int weight) {
    }

    public Profile {
        preFilters = List.copyOf(preFilters);
        filters = List.copyOf(filters);
        preScores = List.copyOf(preScores);
        scorers = List.copyOf(scorers);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final List<PreFilterPlugin> preFilters = new ArrayList<>();
        private final List<FilterPlugin> filters = new ArrayList<>();
        private final List<PreScorePlugin> preScores = new ArrayList<>();
        private final List<WeightedScorer> scorers = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder filter(FilterPlugin plugin) {
            filters.add(plugin);
            if (plugin instanceof PreFilterPlugin pre && !preFilters.contains(pre)) {
                preFilters.add(pre);
            }
            return this;
        }

        public Builder score(ScorePlugin plugin, int weight) {
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + plugin.name() + " must be positive");
            }
            scorers.add(new WeightedScorer(plugin, weight));
            if (plugin instanceof PreScorePlugin pre && !preScores.contains(pre)) {
                preScores.add(pre);
            }
            return this;
        }

        public Profile build() {
            return new Profile(name, preFilters, filters, preScores, scorers);
        }
    }
}
