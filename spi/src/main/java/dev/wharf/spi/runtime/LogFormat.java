package dev.wharf.spi.runtime;

/**
 * How a runtime writes a container's log file. {@link #CRI} is the kubelet's format, one line per record:
 * {@code 2016-10-06T00:17:09.669794202Z stdout F text} ({@code P} marks a partial line); {@link #RAW} is the
 * process's output as is (stdout and stderr interleaved).
 */
public enum LogFormat {
    CRI, RAW
}
