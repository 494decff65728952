package dev.wharf.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bodies kubectl 1.32 sent for {@code create deployment|service|job}, as the field dump in
 * kubectl-traces.txt recorded them (field number -> string, varint or nested message). Re-encoding that dump
 * gives back kubectl's bytes exactly: an empty string and an empty message are the same two bytes on the wire.
 */
class KubectlBodiesTest {
    private static final String DEPLOYMENT = """
            [{"1":[{"1":"hello"},{"2":""},{"3":""},{"4":""},{"5":""},{"6":""},{"7":0},{"8":""},{"11":[{"1":"app"},{"2":"hello"}]}]},\
            {"2":[{"1":1},{"2":[{"1":[{"1":"app"},{"2":"hello"}]}]},{"3":[{"1":[{"1":""},{"2":""},{"3":""},{"4":""},{"5":""},{"6":""},\
            {"7":0},{"8":""},{"11":[{"1":"app"},{"2":"hello"}]}]},{"2":[{"2":[{"1":"nginx"},{"2":"nginx:1.25"},{"5":""},{"8":""},\
            {"13":""},{"14":""},{"16":0},{"17":0},{"18":0},{"20":""}]},{"3":""},{"6":""},{"8":""},{"9":""},{"10":""},{"11":0},{"12":0},\
            {"13":0},{"16":""},{"17":""},{"19":""},{"24":""}]}]},{"4":[{"1":""}]},{"5":0},{"7":0}]},\
            {"3":[{"1":0},{"2":0},{"3":0},{"4":0},{"5":0},{"7":0}]}]""";
    private static final String SERVICE = """
            [{"1":[{"1":"svc2"},{"2":""},{"3":""},{"4":""},{"5":""},{"6":""},{"7":0},{"8":""},{"11":[{"1":"app"},{"2":"svc2"}]}]},\
            {"2":[{"1":[{"1":"80-8080"},{"2":"TCP"},{"3":80},{"4":[{"1":0},{"2":8080},{"3":""}]},{"5":0}]},{"2":[{"1":"app"},\
            {"2":"svc2"}]},{"3":""},{"4":"ClusterIP"},{"7":""},{"8":""},{"10":""},{"11":""},{"12":0},{"13":0}]},{"3":[{"1":""}]}]""";
    private static final String JOB = """
            [{"1":[{"1":"j1"},{"2":""},{"3":""},{"4":""},{"5":""},{"6":""},{"7":0},{"8":""}]},{"2":[{"6":[{"1":[{"1":""},{"2":""},\
            {"3":""},{"4":""},{"5":""},{"6":""},{"7":0},{"8":""}]},{"2":[{"2":[{"1":"j1"},{"2":"busybox"},{"5":""},{"8":""},{"13":""},\
            {"14":""},{"16":0},{"17":0},{"18":0},{"20":""}]},{"3":"Never"},{"6":""},{"8":""},{"9":""},{"10":""},{"11":0},{"12":0},\
            {"13":0},{"16":""},{"17":""},{"19":""},{"24":""}]}]}]},{"3":[{"4":0},{"5":0},{"6":0},{"7":""}]}]""";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "DEPLOYMENT | apps/v1 | Deployment | {\"metadata\":{\"name\":\"hello\",\"labels\":{\"app\":\"hello\"}},"
                    + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"hello\"}},\"template\":{\"metadata\":"
                    + "{\"labels\":{\"app\":\"hello\"}},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.25\","
                    + "\"resources\":{}}]}},\"strategy\":{}},\"status\":{}}",
            "SERVICE | v1 | Service | {\"metadata\":{\"name\":\"svc2\",\"labels\":{\"app\":\"svc2\"}},\"spec\":{\"ports\":"
                    + "[{\"name\":\"80-8080\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080}],\"selector\":{\"app\":\"svc2\"},"
                    + "\"type\":\"ClusterIP\"},\"status\":{\"loadBalancer\":{}}}",
            "JOB | batch/v1 | Job | {\"metadata\":{\"name\":\"j1\"},\"spec\":{\"template\":{\"metadata\":{},\"spec\":{\"containers\":"
                    + "[{\"name\":\"j1\",\"image\":\"busybox\",\"resources\":{}}],\"restartPolicy\":\"Never\"}}},"
                    + "\"status\":{}}"})
    void decodesWhatKubectlSent(String which, String apiVersion, String kind, String expected) {
        String dump = switch (which) {
            case "DEPLOYMENT" -> DEPLOYMENT;
            case "SERVICE" -> SERVICE;
            default -> JOB;
        };
        byte[] raw = encode(Json.parse(dump));
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        envelope.writeBytes(new byte[] {0x6b, 0x38, 0x73, 0x00});
        ByteArrayOutputStream typeMeta = new ByteArrayOutputStream();
        bytesField(typeMeta, 1, apiVersion.getBytes(StandardCharsets.UTF_8));
        bytesField(typeMeta, 2, kind.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        bytesField(unknown, 1, typeMeta.toByteArray());
        bytesField(unknown, 2, raw);
        bytesField(unknown, 3, new byte[0]);
        bytesField(unknown, 4, new byte[0]);
        envelope.writeBytes(unknown.toByteArray());

        var decoded = ProtobufCodec.decode(envelope.toByteArray());
        var want = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(expected);
        want.put("apiVersion", apiVersion);
        want.put("kind", kind);
        assertThat(decoded).isEqualTo(want);
    }

    private static byte[] encode(JsonNode fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode field : fields) {
            var entry = field.fields().next();
            int number = Integer.parseInt(entry.getKey());
            JsonNode v = entry.getValue();
            if (v.isTextual()) {
                bytesField(out, number, v.asText().getBytes(StandardCharsets.UTF_8));
            } else if (v.isNumber()) {
                varint(out, (long) number << 3);
                varint(out, v.asLong());
            } else {
                bytesField(out, number, encode(v));
            }
        }
        return out.toByteArray();
    }

    private static void bytesField(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, ((long) number << 3) | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
