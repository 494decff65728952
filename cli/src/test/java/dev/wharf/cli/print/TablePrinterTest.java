package dev.wharf.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
    private static final JsonNode DEPLOYMENTS = Json.parse("""
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","priority":0},
               {"name":"Ready","type":"string","priority":0},
               {"name":"Up-to-date","type":"integer","priority":0},
               {"name":"Available","type":"integer","priority":0},
               {"name":"Age","type":"string","priority":0},
               {"name":"Containers","type":"string","priority":1},
               {"name":"Images","type":"string","priority":1}],
             "rows":[
               {"cells":["nginx","2/2",2,2,"3s","nginx","nginx:1.25"],
                "object":{"kind":"PartialObjectMetadata","metadata":{"name":"nginx","namespace":"default"}}},
               {"cells":["a-much-longer-name","0/1",0,0,"12m","web","registry.local/web:v2"],
                "object":{"kind":"PartialObjectMetadata","metadata":{"name":"a-much-longer-name","namespace":"team-a"}}}]}
            """);

    @Test
    void printsUpperCaseHeadersAlignedWithThreeSpacesAndOnlyPriorityZeroColumns() {
        List<String> lines = new TablePrinter(false, false).lines(Table.fromTable(DEPLOYMENTS, null), true);

        assertThat(lines).containsExactly(
                "NAME                 READY   UP-TO-DATE   AVAILABLE   AGE",
                "nginx                2/2     2            2           3s",
                "a-much-longer-name   0/1     0            0           12m");
    }

    @Test
    void wideAddsPriorityOneColumns() {
        List<String> lines = new TablePrinter(true, false).lines(Table.fromTable(DEPLOYMENTS, null), true);

        assertThat(lines.get(0)).isEqualTo("NAME                 READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES");
        assertThat(lines.get(2)).endsWith("12m   web          registry.local/web:v2");
    }

    @Test
    void allNamespacesPutsNamespaceFirstFromTheRowObjects() {
        List<String> lines = new TablePrinter(false, true).lines(Table.fromTable(DEPLOYMENTS, null), true);

        assertThat(lines.get(0)).startsWith("NAMESPACE   NAME ");
        assertThat(lines.get(1)).startsWith("default     nginx ");
        assertThat(lines.get(2)).startsWith("team-a      a-much-longer-name ");
    }

    @Test
    void shortColumnsAreAtLeastSixWideLikeKubectlsTabwriter() {
        List<String> lines = TablePrinter.align(List.of(List.of("A", "B", "C"), List.of("x", "y", "z")));

        assertThat(lines).containsExactly("A     B     C", "x     y     z");
    }

    @Test
    void rowsWithoutHeaderForWatchEvents() {
        List<String> lines = new TablePrinter(false, false).lines(Table.fromTable(DEPLOYMENTS, null), false);

        assertThat(lines).hasSize(2).noneMatch(l -> l.startsWith("NAME"));
    }

    @Test
    void nullCellsReadNoneAndFloatsThatAreWholePrintAsIntegers() {
        assertThat(Table.cellText(Json.parse("null"))).isEqualTo("<none>");
        assertThat(Table.cellText(Json.parse("3.0"))).isEqualTo("3");
        assertThat(Table.cellText(Json.parse("true"))).isEqualTo("true");
    }
}
