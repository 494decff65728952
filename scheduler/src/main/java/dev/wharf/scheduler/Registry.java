package dev.wharf.scheduler;

import dev.wharf.scheduler.framework.Profile;
import dev.wharf.scheduler.plugins.imagelocality.ImageLocality;
import dev.wharf.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.wharf.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.wharf.scheduler.plugins.nodename.NodeName;
import dev.wharf.scheduler.plugins.noderesources.BalancedAllocation;
import dev.wharf.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.wharf.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.wharf.scheduler.plugins.podtopologyspread.PodTopologySpread;
import dev.wharf.scheduler.plugins.tainttoleration.TaintToleration;

/**
 * The one list of in-tree plugins and the default profile: kube-scheduler's default plugin order (cheap filters
 * first) and score weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
 * NodeResourcesFit 1, BalancedAllocation 1, ImageLocality 1).
 */
public final class Registry {
    public static final String DEFAULT_PROFILE = "default-scheduler";

    private Registry() {
    }

    public static Profile defaultProfile() {
        NodeName nodeName = new NodeName();
        NodeUnschedulable unschedulable = new NodeUnschedulable();
        TaintToleration taints = new TaintToleration();
        NodeAffinity nodeAffinity = new NodeAffinity();
        NodeResourcesFit fit = new NodeResourcesFit();
        PodTopologySpread spread = new PodTopologySpread();
        InterPodAffinity podAffinity = new InterPodAffinity();
        return Profile.builder(DEFAULT_PROFILE)
                .filter(unschedulable)
                .filter(nodeName)
                .filter(taints)
                .filter(nodeAffinity)
                .filter(fit)
                .filter(spread)
                .filter(podAffinity)
                .score(taints, 3)
                .score(nodeAffinity, 2)
                .score(spread, 2)
                .score(podAffinity, 2)
                .score(fit, 1)
                .score(new BalancedAllocation(), 1)
                .score(new ImageLocality(), 1)
                .build();
    }
}
