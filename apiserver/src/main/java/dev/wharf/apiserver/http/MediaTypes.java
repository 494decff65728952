package dev.wharf.apiserver.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reading Accept headers: which of the Kubernetes "as=" forms a client asks for. */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private MediaTypes() {
    }

    /** True when one Accept entry is {@code application/json;as=<as>;v=<v>;g=<g>}, before any plain entry wins. */
    public static boolean accepts(String accept, String as, String version, String group) {
        if (accept == null) {
            return false;
        }
        for (String entry : accept.split(",")) {
            String[] parts = entry.split(";");
            Map<String, String> params = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) {
                    params.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
                }
            }
            if (as.equals(params.get("as")) && version.equals(params.get("v")) && group.equals(params.get("g"))) {
                return true;
            }
        }
        return false;
    }

    public static boolean wantsTable(String accept) {
        return accepts(accept, "Table", "v1", "meta.k8s.io");
    }

    public static boolean wantsAggregatedDiscovery(String accept) {
        return accepts(accept, "APIGroupDiscoveryList", "v2", "apidiscovery.k8s.io");
    }
}
