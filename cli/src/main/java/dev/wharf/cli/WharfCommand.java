package dev.wharf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that talk to the API: opens a {@link Session}, runs, and turns every failure into
 * sentences on standard error and a non-zero exit code.
 */
public abstract class WharfCommand implements Callable<Integer> {
    @Mixin
    protected ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    HelpOption helpOption = new HelpOption();

    @Spec
    protected CommandSpec spec;

    protected final CliEnvironment environment;

    protected WharfCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Runs the command; returns the exit code. */
    protected abstract int run(Session session) throws Exception;

    @Override
    public Integer call() {
        Session session = null;
        try {
            session = new Session(connection, environment);
            int code = run(session);
            out().flush();
            return code;
        } catch (Exception e) {
            out().flush();
            CliException failure = session == null
                    ? (e instanceof CliException c ? c : new CliException("error: " + e.getMessage(), e))
                    : session.explain(e, null);
            err().println(failure.getMessage());
            err().flush();
            return failure.exitCode();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
