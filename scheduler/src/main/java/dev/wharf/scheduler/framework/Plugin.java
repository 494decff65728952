package dev.wharf.scheduler.framework;

/** A scheduling plugin; its name appears in explanations and profiles (kube-scheduler's plugin names). */
public interface Plugin {
    String name();
}
