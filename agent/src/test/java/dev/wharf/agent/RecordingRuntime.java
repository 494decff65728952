package dev.wharf.agent;

import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerStats;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import dev.wharf.spi.runtime.LogFormat;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A runtime that delegates and records each stop: the grace it was given and the exit code it ended with. */
final class RecordingRuntime implements ContainerRuntime {
    record Stop(Duration grace, Integer exitCode) {
    }

    final ContainerRuntime delegate;
    final Map<String, Stop> stops = new ConcurrentHashMap<>();

    RecordingRuntime(ContainerRuntime delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stop(String containerId, Duration grace) {
        delegate.stop(containerId, grace);
        stops.put(containerId, new Stop(grace, delegate.status(containerId).exitCode()));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Sandbox runSandbox(SandboxSpec spec) {
        return delegate.runSandbox(spec);
    }

    @Override
    public void stopSandbox(String sandboxId) {
        delegate.stopSandbox(sandboxId);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        delegate.removeSandbox(sandboxId);
    }

    @Override
    public List<Sandbox> listSandboxes() {
        return delegate.listSandboxes();
    }

    @Override
    public String createContainer(Sandbox sandbox, ContainerSpec spec) {
        return delegate.createContainer(sandbox, spec);
    }

    @Override
    public void start(String containerId) {
        delegate.start(containerId);
    }

    @Override
    public void remove(String containerId) {
        delegate.remove(containerId);
    }

    @Override
    public ContainerStatus status(String containerId) {
        return delegate.status(containerId);
    }

    @Override
    public List<ContainerStatus> list() {
        return delegate.list();
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return delegate.exec(containerId, command, timeout);
    }

    @Override
    public Path logPath(String containerId) {
        return delegate.logPath(containerId);
    }

    @Override
    public LogFormat logFormat() {
        return delegate.logFormat();
    }

    @Override
    public void rotateLog(String containerId, Path rotatedTo) {
        delegate.rotateLog(containerId, rotatedTo);
    }

    @Override
    public ContainerStats stats(String containerId) {
        return delegate.stats(containerId);
    }
}
