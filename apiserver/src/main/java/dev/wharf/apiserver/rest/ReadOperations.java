package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.registry.StoredObject;
import java.util.ArrayList;
import java.util.List;

/** GET of one object and of a collection (selectors, limit and continue). */
public final class ReadOperations {
    private static final int SCAN_PAGE = 500;
    private final RestContext ctx;

    public ReadOperations(RestContext ctx) {
        this.ctx = ctx;
    }

    public StoredObject get(ResourceType type, String namespace, String name) {
        return ctx.storage().get(Keys.key(type, namespace, name))
                .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), type.group(), name));
    }

    public ListResult list(ResourceType type, String namespace, ListQuery query) {
        Selection selection = Selection.of(type, query);
        String prefix = Keys.listPrefix(type, namespace);
        String startAfter = null;
        long revision = -1;
        if (query.continueToken() != null && !query.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(query.continueToken());
            if (!token.lastKey().startsWith(prefix)) {
                throw ApiException.badRequest("invalid continue token: it does not belong to this list");
            }
            if (token.revision() < ctx.storage().store().compactedRevision()) {
                throw ApiException.gone("The provided continue parameter is too old to display a consistent list result. "
                        + "You can start a new list without the continue parameter.");
            }
            startAfter = token.lastKey();
            revision = token.revision();
        }
        long limit = Math.max(0, query.limit());
        List<ObjectNode> items = new ArrayList<>();
        String lastKey = null;
        boolean more;
        while (true) {
            int pageSize = limit > 0 ? (int) Math.min(SCAN_PAGE, Math.max(limit - items.size(), 1)) : 0;
            ObjectStorage.Page page = ctx.storage().range(prefix, startAfter, selection.everything() ? pageSize : (limit > 0 ? SCAN_PAGE : 0));
            if (revision < 0) {
                revision = page.revision();
            }
            more = page.more();
            for (StoredObject o : page.items()) {
                startAfter = o.key();
                if (limit > 0 && items.size() >= limit) {
                    more = true;
                    break;
                }
                if (selection.matches(o.object())) {
                    items.add(o.object());
                    lastKey = o.key();
                }
            }
            if (!more || (limit > 0 && items.size() >= limit) || page.items().isEmpty()) {
                break;
            }
        }
        String next = null;
        if (limit > 0 && more && items.size() >= limit && lastKey != null) {
            next = new ContinueToken(lastKey, revision).encode();
        }
        return new ListResult(items, revision, next);
    }
}
