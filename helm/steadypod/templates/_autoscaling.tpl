{{/*
Autoscaling helpers shared by the HPA (engine hpa) and the KEDA ScaledObject (engine keda).
*/}}

{{/*
Refuses autoscaling.targetInFlightRequests, which autoscaling.inFlight.target replaced; included whether or not
autoscaling is on, so an old values file (or --reuse-values) fails loudly instead of being ignored.
*/}}
{{- define "steadypod.autoscaling.rejectRemoved" -}}
{{- if hasKey .Values.autoscaling "targetInFlightRequests" }}
{{- fail (printf "autoscaling.targetInFlightRequests (%v) was replaced by autoscaling.inFlight.target: set autoscaling.inFlight.target (with autoscaling.inFlight.enabled=true) instead and remove autoscaling.targetInFlightRequests" .Values.autoscaling.targetInFlightRequests) }}
{{- end }}
{{- end }}

{{/* Refuses bounds no autoscaler could honour, no signal at all, and targets that are not positive. */}}
{{- define "steadypod.autoscaling.validate" -}}
{{- $a := .Values.autoscaling -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) }}
{{- fail (printf "autoscaling.minReplicas (%v) must not be greater than autoscaling.maxReplicas (%v)" $a.minReplicas $a.maxReplicas) }}
{{- end }}
{{- if not (or $a.cpu.enabled $a.inFlight.enabled $a.concurrency.enabled $a.requestsPerSecond.enabled $a.threadPool.enabled) }}
{{- fail "autoscaling.enabled is true but no signal is: enable at least one of autoscaling.cpu, autoscaling.inFlight, autoscaling.concurrency, autoscaling.requestsPerSecond, autoscaling.threadPool (set its enabled to true)" }}
{{- end }}
{{- range $name := list "inFlight" "concurrency" "requestsPerSecond" }}
{{- $target := (get $a $name).target }}
{{- if le (float64 (include "steadypod.autoscaling.number" $target)) 0.0 }}
{{- fail (printf "autoscaling.%s.target (%v) must be greater than 0" $name $target) }}
{{- end }}
{{- end }}
{{- if lt (int $a.cpu.targetAverageUtilization) 1 }}
{{- fail (printf "autoscaling.cpu.targetAverageUtilization (%v) must be greater than 0" $a.cpu.targetAverageUtilization) }}
{{- end }}
{{- if and $a.cpu.enabled (not (and .Values.resources .Values.resources.requests .Values.resources.requests.cpu)) }}
{{- fail "autoscaling.cpu scales on utilisation in percent of the CPU request (HPA and KEDA's cpu trigger alike), so resources.requests.cpu must be set" }}
{{- end }}
{{- if lt (int $a.threadPool.targetUtilization) 1 }}
{{- fail (printf "autoscaling.threadPool.targetUtilization (%v) must be greater than 0" $a.threadPool.targetUtilization) }}
{{- end }}
{{- if eq $a.engine "keda" }}
{{- $f := int $a.keda.fallback.replicas -}}
{{- if or (lt $f (int $a.minReplicas)) (gt $f (int $a.maxReplicas)) }}
{{- fail (printf "autoscaling.keda.fallback.replicas (%v) must be between autoscaling.minReplicas (%v) and autoscaling.maxReplicas (%v)" $a.keda.fallback.replicas $a.minReplicas $a.maxReplicas) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The HPA metric name of a Pods signal (called with its values key): the name.as of its rule in
helm/prometheus-adapter-values.yaml.
*/}}
{{- define "steadypod.autoscaling.hpaMetric" -}}
{{- get (dict "inFlight" "http_requests_in_flight" "concurrency" "http_requests_concurrency" "requestsPerSecond" "http_requests_per_second" "threadPool" "tomcat_threads_busy_ratio") . }}
{{- end }}

{{/* The enabled signals' values keys, comma-separated, in the order of values.yaml (for NOTES.txt). */}}
{{- define "steadypod.autoscaling.enabledSignals" -}}
{{- $a := .Values.autoscaling -}}
{{- $on := list -}}
{{- range $signal := list "cpu" "inFlight" "concurrency" "requestsPerSecond" "threadPool" }}
{{- if (get $a $signal).enabled }}{{ $on = append $on $signal }}{{ end }}
{{- end }}
{{- join ", " $on }}
{{- end }}

{{/* The HPA metric names of the enabled Pods signals, space-separated (for NOTES.txt). */}}
{{- define "steadypod.autoscaling.podsMetrics" -}}
{{- $a := .Values.autoscaling -}}
{{- $on := list -}}
{{- range $signal := list "inFlight" "concurrency" "requestsPerSecond" "threadPool" }}
{{- if (get $a $signal).enabled }}{{ $on = append $on (include "steadypod.autoscaling.hpaMetric" $signal) }}{{ end }}
{{- end }}
{{- join " " $on }}
{{- end }}

{{/* A target quantity (10, "10", "2500m", 2.5) as a plain number. */}}
{{- define "steadypod.autoscaling.number" -}}
{{- $t := toString . }}
{{- if hasSuffix "m" $t }}{{ divf (trimSuffix "m" $t) 1000 }}{{ else }}{{ float64 $t }}{{ end }}
{{- end }}

{{/* autoscaling.threadPool.targetUtilization (percent) as the ratio the HPA compares with: 80 -> 800m. */}}
{{- define "steadypod.autoscaling.threadPoolMilli" -}}
{{ mul (int .Values.autoscaling.threadPool.targetUtilization) 10 }}m
{{- end }}

{{/* The HPA behavior: the same block for the HPA and for KEDA's horizontalPodAutoscalerConfig. */}}
{{- define "steadypod.autoscaling.behavior" -}}
{{- $a := .Values.autoscaling -}}
scaleUp:
  stabilizationWindowSeconds: {{ $a.scaleUp.stabilizationWindowSeconds }}
  selectPolicy: Max
  policies:
    - type: Pods
      value: {{ $a.scaleUp.pods }}
      periodSeconds: {{ $a.scaleUp.periodSeconds }}
    - type: Percent
      value: {{ $a.scaleUp.percent }}
      periodSeconds: {{ $a.scaleUp.periodSeconds }}
scaleDown:
  stabilizationWindowSeconds: {{ $a.scaleDown.stabilizationWindowSeconds }}
  selectPolicy: Min
  policies:
    - type: Percent
      value: {{ $a.scaleDown.percent }}
      periodSeconds: {{ $a.scaleDown.periodSeconds }}
{{- end }}

{{/*
The per-pod query of a Pods signal, as the matching rule in helm/prometheus-adapter-values.yaml has it, over the
label matchers given: one value per pod.
  inFlight           requests in flight now (Spring Boot's http.server.requests.active long-task timer)
  concurrency        mean requests in flight over the last minute (Little's law: seconds spent serving per second)
  requestsPerSecond  requests completed per second over the last minute
  threadPool         busy Tomcat request threads over the pool's maximum
Call with (dict "signal" <name> "matchers" <label matchers>).
*/}}
{{- define "steadypod.autoscaling.perPodQuery" -}}
{{- $m := .matchers -}}
{{- if eq .signal "inFlight" -}}
sum(http_server_requests_active_seconds_count{ {{- $m -}} }) by (pod)
{{- else if eq .signal "concurrency" -}}
sum(rate(http_server_requests_seconds_sum{ {{- $m -}} }[1m])) by (pod)
{{- else if eq .signal "requestsPerSecond" -}}
sum(rate(http_server_requests_seconds_count{ {{- $m -}} }[1m])) by (pod)
{{- else if eq .signal "threadPool" -}}
sum(tomcat_threads_busy_threads{ {{- $m -}} }) by (pod) / sum(tomcat_threads_config_max_threads{ {{- $m -}} }) by (pod)
{{- else -}}
{{- fail (printf "steadypod.autoscaling.perPodQuery: unknown signal %s" .signal) -}}
{{- end -}}
{{- end }}

{{/*
A KEDA Prometheus trigger's query for a Pods signal: the per-pod query over this release's Deployment's pods
(<fullname>-<replicaset hash>-<suffix>), summed into the one value a trigger needs. With metricType
AverageValue the HPA KEDA creates divides it by the pod count, which is the per-pod average the adapter path
scales on. Call with (dict "root" $ "signal" <name>).
*/}}
{{- define "steadypod.autoscaling.kedaQuery" -}}
{{- $matchers := printf "namespace=\"%s\",pod=~\"%s-[a-z0-9]+-[a-z0-9]+\"" .root.Release.Namespace (include "steadypod.fullname" .root) -}}
sum({{ include "steadypod.autoscaling.perPodQuery" (dict "signal" .signal "matchers" $matchers) }})
{{- end }}
