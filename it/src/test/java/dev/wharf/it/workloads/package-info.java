/**
 * End-to-end tests of nodes running real containers (issue 3, sections 6 and 7): one `wharf dev --nodes 3
 * --zones a,b,c` per class, driven by the real kubectl (`apply`, `wait --for=condition=Available`, `rollout
 * status`, `logs -f/--tail`, `get pods -o wide -w`, `drain`, `taint`) and a direct API reader for fast sampling.
 *
 * <p>{@code WorkloadScenarios} holds what every driver must do: a Deployment answering HTTP on every pod IP
 * (one replica per zone with required zone anti-affinity where the driver isolates pods), a rolling update that
 * never drops below replicas - maxUnavailable ready pods nor exceeds replicas + maxSurge, liveness restarts,
 * readiness keeping a Running pod NotReady, logs, and CrashLoopBackOff with kubelet's 10 s, 20 s back-off (the
 * crash pod starts with the cluster and is sampled in the background, so its ~30 s overlap the other scenarios).
 * {@code RuncWorkloadsIT} (root, runc, conmon, CNI; fails instead of skipping under CI=true) adds OOMKilled,
 * drain, and the loss of a machine; {@code ProcessWorkloadsIT} runs the core on the `process` driver anywhere.
 *
 * <p>Machine loss: `wharf dev` runs its agents in its own JVM, so one of them cannot be killed, and deleting the
 * Node of a live agent is undone by its next status update (it registers again). The test kills every container of
 * the node with runc and taints it NoExecute, as the node lifecycle controller does to an unreachable node, and
 * checks the replacements are Running on the other nodes within 10 s.
 */
package dev.wharf.it.workloads;
