package dev.wharf.spi.image;

/** Receives pull progress: the agent turns it into Events ("Pulling image", "Successfully pulled ..."). */
@FunctionalInterface
public interface PullListener {
    PullListener NONE = event -> { };

    void onEvent(PullEvent event);
}
