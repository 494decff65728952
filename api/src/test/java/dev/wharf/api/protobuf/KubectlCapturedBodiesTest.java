package dev.wharf.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Json;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies captured from kubectl 1.32 (kubectl.1.32 against a stub that saved each POST), byte for byte:
 * {@code create configmap cfg --from-literal=a=b}, {@code create secret generic s1 --from-literal=password=hunter2},
 * {@code create serviceaccount sa1}, {@code create service clusterip svc2 --tcp=80:8080},
 * {@code create deployment hello --image=nginx:1.25 --replicas=0 --port=80}, {@code create ingress ing1 --rule=a.com/*=svc2:80}.
 */
class KubectlCapturedBodiesTest {
    private static final String CONFIGMAP = ""
            + "6b3873000a0f0a0276311209436f6e6669674d6170121d0a130a0363666712001a0022002a0032003800420012060a016112"
            + "01621a002200";
    private static final String SECRET = ""
            + "6b3873000a0c0a0276311206536563726574122b0a120a02733112001a0022002a0032003800420012130a0870617373776f"
            + "7264120768756e746572321a001a002200";
    private static final String SERVICE_ACCOUNT = ""
            + "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001a"
            + "002200";
    private static final String SERVICE = ""
            + "6b3873000a0d0a027631120753657276696365126c0a210a047376633212001a0022002a003200380042005a0b0a03617070"
            + "12047376633212430a1b0a0738302d38303830120354435018502207080010903f1a002800120b0a03617070120473766332"
            + "1a002209436c757374657249503a00420052005a00600068001a020a001a002200";
    private static final String DEPLOYMENT = ""
            + "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412c5010a230a0568656c6c6f12001a0022002a00320038"
            + "0042005a0c0a03617070120568656c6c6f128f010800120e0a0c0a03617070120568656c6c6f1a730a1e0a0012001a002200"
            + "2a003200380042005a0c0a03617070120568656c6c6f125112330a056e67696e78120a6e67696e783a312e32352a00320a0a"
            + "001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a"
            + "0100c2010022020a00280038001a0c0800100018002000280038001a002200";
    private static final String INGRESS = ""
            + "6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e677265737312460a140a04696e673112001a"
            + "0022002a00320038004200122a1a280a05612e636f6d121f0a1d0a1b0a012f120e220c0a047376633212040a0010501a0650"
            + "72656669781a020a001a002200";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONFIGMAP | {\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"},\"data\":{\"a\":\"b\"}}",
            "SECRET | {\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s1\"},\"data\":{\"password\":\"aHVudGVyMg==\"}}",
            "SERVICE_ACCOUNT | {\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"sa1\"}}",
            "SERVICE | {\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc2\",\"labels\":{\"app\":\"svc2\"}},"
                    + "\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080}],"
                    + "\"selector\":{\"app\":\"svc2\"},\"type\":\"ClusterIP\"},\"status\":{\"loadBalancer\":{}}}",
            "DEPLOYMENT | {\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"hello\",\"labels\":{\"app\":\"hello\"}},"
                    + "\"spec\":{\"replicas\":0,\"selector\":{\"matchLabels\":{\"app\":\"hello\"}},\"template\":{\"metadata\":"
                    + "{\"labels\":{\"app\":\"hello\"}},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.25\","
                    + "\"ports\":[{\"containerPort\":80}],\"resources\":{}}]}},\"strategy\":{}},\"status\":{}}",
            "INGRESS | {\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"ing1\"},\"spec\":{\"rules\":"
                    + "[{\"host\":\"a.com\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
                    + "{\"name\":\"svc2\",\"port\":{\"number\":80}}}}]}}]},\"status\":{\"loadBalancer\":{}}}"})
    void decodesKubectlsBytes(String which, String expected) {
        String hex = switch (which) {
            case "CONFIGMAP" -> CONFIGMAP;
            case "SECRET" -> SECRET;
            case "SERVICE_ACCOUNT" -> SERVICE_ACCOUNT;
            case "SERVICE" -> SERVICE;
            case "DEPLOYMENT" -> DEPLOYMENT;
            default -> INGRESS;
        };
        assertThat(ProtobufCodec.decode(HexFormat.of().parseHex(hex))).isEqualTo(Json.parse(expected));
    }
}
