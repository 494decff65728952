/**
 * Defaulting as Kubernetes' SetDefaults_* functions do it (pkg/apis/{core,apps,autoscaling}/v1/defaults.go), applied
 * in place to Jackson trees before validation: Deployment and ReplicaSet replicas and strategy, PodSpec policies,
 * container pull policy and termination message, probe timings, Service type/affinity/targetPort, Namespace
 * finalizer and phase, Secret type, HPA minReplicas/metrics/behavior. Applying twice changes nothing. IP allocation,
 * service accounts and metadata (uid, timestamps) belong to the apiserver, not here.
 */
package dev.wharf.api.defaults;
