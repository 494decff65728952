package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import dev.wharf.cli.discovery.ApiResource;
import dev.wharf.cli.http.ApiErrors;
import dev.wharf.cli.http.RawApi;
import dev.wharf.cli.print.ObjectPrinter;
import dev.wharf.cli.print.Table;
import dev.wharf.cli.print.TablePrinter;
import dev.wharf.cli.print.WatchPrinter;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf get}: list or show objects as the server's Table, or as YAML, JSON or names. */
@Command(name = "get", sortOptions = false,
        description = {"List objects of a kind, or show some by name.",
            "KIND is a plural, singular or short name (pods, pod, po; deployments, deploy), or a category such as \"all\".",
            "",
            "Examples:",
            "  wharf get pods                 # the pods of the current namespace",
            "  wharf get deploy web -o yaml   # one deployment as YAML",
            "  wharf get pods -A -o wide      # pods of every namespace, with extra columns",
            "  wharf get pods -l app=web -w   # pods labelled app=web, then follow changes"})
public final class GetCommand extends WharfCommand {
    @Parameters(index = "0", paramLabel = "KIND", description = "The kind of object, or KIND/NAME.")
    String kind;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "Names of objects to show (default: all of them).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "wide, yaml, json or name. Default: a table.")
    String output;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only objects whose labels match, e.g. app=web,tier!=db.")
    String labelSelector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR", description = "Only objects whose fields match, e.g. status.phase=Running.")
    String fieldSelector;

    @Option(names = {"-w", "--watch"}, description = "After listing, keep printing a line for every change until interrupted.")
    boolean watch;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across every namespace (adds a NAMESPACE column).")
    boolean allNamespaces;

    public GetCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    protected int run(Session session) {
        String format = output == null ? "" : output;
        if (!List.of("", "wide", "yaml", "json", "name").contains(format)) {
            throw new CliException("error: unknown output format \"" + format + "\": use wide, yaml, json or name");
        }
        List<String> wanted = new ArrayList<>(names);
        String kindWord = kind;
        int slash = kind.indexOf('/');
        if (slash > 0) {
            kindWord = kind.substring(0, slash);
            wanted.add(0, kind.substring(slash + 1));
        }
        List<ApiResource> resources = new ArrayList<>();
        for (String word : kindWord.split(",")) {
            resources.addAll(session.resolver().resolve(word));
        }
        if (!wanted.isEmpty() && resources.size() > 1) {
            throw new CliException("error: names can only be given with one kind of object, not with \"" + kindWord + "\"");
        }
        String namespace = allNamespaces ? null : session.namespace();
        boolean qualify = resources.size() > 1;
        ObjectLister lister = new ObjectLister(session, namespace, labelSelector, fieldSelector);
        return switch (format) {
            case "yaml", "json", "name" -> printObjects(lister, resources, wanted, format);
            default -> printTables(session, lister, resources, wanted, format.equals("wide"), qualify, namespace);
        };
    }

    private int printObjects(ObjectLister lister, List<ApiResource> resources, List<String> wanted, String format) {
        List<ObjectNode> objects = new ArrayList<>();
        int failures = 0;
        for (ApiResource r : resources) {
            if (wanted.isEmpty()) {
                objects.addAll(lister.list(r));
            } else {
                for (String name : wanted) {
                    try {
                        objects.add(lister.one(r, name));
                    } catch (RuntimeException e) {
                        failures++;
                        reportMissing(e);
                    }
                }
            }
        }
        if (format.equals("name")) {
            for (ObjectNode o : objects) {
                String apiVersion = o.path("apiVersion").asText();
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                out().println(ObjectPrinter.name(o.path("kind").asText(), group, o.path("metadata").path("name").asText()));
            }
        } else if (objects.size() == 1 && !wanted.isEmpty()) {
            out().print(format.equals("yaml") ? ObjectPrinter.yaml(objects.get(0)) : ObjectPrinter.json(objects.get(0)));
        } else if (!objects.isEmpty() || wanted.isEmpty()) {
            ObjectNode list = ObjectPrinter.list(objects);
            out().print(format.equals("yaml") ? ObjectPrinter.yaml(list) : ObjectPrinter.json(list));
        }
        return failures == 0 ? 0 : 1;
    }

    private int printTables(Session session, ObjectLister lister, List<ApiResource> resources, List<String> wanted,
            boolean wide, boolean qualify, String namespace) {
        int failures = 0;
        boolean printedAny = false;
        Table last = null;
        String resourceVersion = "";
        for (ApiResource r : resources) {
            List<Table> tables = new ArrayList<>();
            if (wanted.isEmpty()) {
                try {
                    for (JsonNode page : lister.pages(r, RawApi.TABLE)) {
                        resourceVersion = page.path("metadata").path("resourceVersion").asText("");
                        tables.add(toTable(page, r));
                    }
                } catch (RuntimeException e) {
                    if (resources.size() == 1) {
                        throw e;
                    }
                    // As kubectl does for "get all": report the kind that failed and go on with the others.
                    failures++;
                    err().println(session.explain(e, null).getMessage());
                    err().flush();
                    continue;
                }
            } else {
                for (String name : wanted) {
                    try {
                        JsonNode answer = lister.oneAs(r, name, RawApi.TABLE);
                        resourceVersion = answer.path("metadata").path("resourceVersion").asText(resourceVersion);
                        tables.add(toTable(answer, r));
                    } catch (RuntimeException e) {
                        failures++;
                        reportMissing(e);
                    }
                }
            }
            Table merged = merge(tables);
            if (merged == null || merged.rows().isEmpty()) {
                last = merged == null ? last : merged;
                continue;
            }
            if (printedAny) {
                out().println();
            }
            // Like kubectl, a NAMESPACE column only for kinds that live in namespaces.
            TablePrinter printer = new TablePrinter(wide, allNamespaces && r.namespaced());
            for (String line : printer.lines(qualify ? qualified(merged, r) : merged, true)) {
                out().println(line);
            }
            printedAny = true;
            last = merged;
        }
        out().flush();
        if (!printedAny && wanted.isEmpty() && !watch) {
            err().println(noResources(resources, namespace));
        }
        if (watch) {
            if (resources.size() != 1) {
                throw new CliException("error: --watch follows one kind of object at a time");
            }
            ApiResource r = resources.get(0);
            String fields = wanted.isEmpty() ? fieldSelector : "metadata.name=" + wanted.get(0);
            ObjectLister watcher = new ObjectLister(session, namespace, labelSelector, fields);
            try (InputStream stream = session.raw().stream(watcher.watchPath(r, resourceVersion), RawApi.TABLE)) {
                UnaryOperator<Table> decorate = t -> qualify ? qualified(t, r) : t;
                new WatchPrinter(new TablePrinter(wide, allNamespaces && r.namespaced()), environment.clock(), last == null ? null : last.columns(), printedAny, decorate)
                        .follow(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), out());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private Table toTable(JsonNode answer, ApiResource r) {
        if (Table.isTable(answer)) {
            return Table.fromTable(answer, null);
        }
        return Table.fromObjects(Table.items(answer), environment.clock().now());
    }

    private static Table merge(List<Table> tables) {
        if (tables.isEmpty()) {
            return null;
        }
        List<Table.Row> rows = new ArrayList<>();
        tables.forEach(t -> rows.addAll(t.rows()));
        return new Table(tables.get(0).columns(), rows);
    }

    /** Rows named {@code deployment.apps/web}, as kubectl prints several kinds at once. */
    private static Table qualified(Table table, ApiResource r) {
        List<Table.Row> rows = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            List<String> cells = new ArrayList<>(row.cells());
            if (!cells.isEmpty()) {
                cells.set(0, r.qualifiedKind() + "/" + cells.get(0));
            }
            rows.add(new Table.Row(cells, row.object()));
        }
        return new Table(table.columns(), rows);
    }

    private String noResources(List<ApiResource> resources, String namespace) {
        boolean namespaced = resources.stream().anyMatch(ApiResource::namespaced);
        return namespace != null && namespaced ? "No resources found in " + namespace + " namespace." : "No resources found";
    }

    private void reportMissing(RuntimeException e) {
        if (!ApiErrors.isNotFound(e)) {
            throw e;
        }
        err().println(ApiErrors.explain(e, "", null).getMessage());
        err().flush();
    }
}
