package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A page of a list: items, the revision it reflects, and the continue token (null when complete). */
public record ListResult(List<ObjectNode> items, long revision, String continueToken) {
}
