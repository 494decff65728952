package dev.wharf.apiserver.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.protobuf.ProtobufCodec;
import dev.wharf.common.Json;
import java.io.IOException;
import java.util.Locale;

/** Request bodies: JSON (also when no Content-Type is sent), YAML, and Kubernetes protobuf. */
public final class Bodies {
    private Bodies() {
    }

    /** An object body by Content-Type; 415 for other types, 400 with the parse position for malformed input. */
    public static ObjectNode object(String contentType, byte[] body) {
        String mime = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode node = switch (mime) {
            case "", "application/json", "*/*" -> parse(Json.MAPPER, body, "JSON");
            case "application/yaml", "application/x-yaml", "text/yaml" -> parse(Json.YAML, body, "YAML");
            case "application/vnd.kubernetes.protobuf" -> ProtobufCodec.decode(body);
            default -> throw ApiException.unsupportedMediaType(contentType);
        };
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return o;
    }

    /** A patch body: JSON, or for apply also YAML. */
    public static JsonNode patch(byte[] body, boolean yamlAllowed) {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        boolean json = i < body.length && (body[i] == '{' || body[i] == '[');
        if (!yamlAllowed || json) {
            return parse(Json.MAPPER, body, "JSON");
        }
        return parse(Json.YAML, body, "YAML");
    }

    public static JsonNode parse(ObjectMapper mapper, byte[] body, String format) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("the request body is not valid " + format + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }
}
