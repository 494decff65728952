package dev.wharf.spi.runtime;

import java.util.List;

/** The security context of a container (a subset of Kubernetes' SecurityContext). Null ids mean "image default". */
public record Security(Long runAsUser, Long runAsGroup, boolean readOnlyRootFilesystem,
                       List<String> capabilitiesAdd, List<String> capabilitiesDrop, boolean privileged) {
    public static final Security DEFAULT = new Security(null, null, false, List.of(), List.of(), false);

    public Security {
        capabilitiesAdd = capabilitiesAdd == null ? List.of() : List.copyOf(capabilitiesAdd);
        capabilitiesDrop = capabilitiesDrop == null ? List.of() : List.copyOf(capabilitiesDrop);
        if (privileged) {
            throw new IllegalArgumentException("privileged containers are not supported");
        }
    }
}
