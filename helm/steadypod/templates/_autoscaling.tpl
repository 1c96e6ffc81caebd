{{/*
Autoscaling helpers shared by the HPA (engine hpa) and the KEDA ScaledObject (engine keda).
*/}}

{{/* Refuses bounds no autoscaler could honour. */}}
{{- define "steadypod.autoscaling.validate" -}}
{{- $a := .Values.autoscaling -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) }}
{{- fail (printf "autoscaling.minReplicas (%v) must not be greater than autoscaling.maxReplicas (%v)" $a.minReplicas $a.maxReplicas) }}
{{- end }}
{{- if eq $a.engine "keda" }}
{{- $f := int $a.keda.fallback.replicas -}}
{{- if or (lt $f (int $a.minReplicas)) (gt $f (int $a.maxReplicas)) }}
{{- fail (printf "autoscaling.keda.fallback.replicas (%v) must be between autoscaling.minReplicas (%v) and autoscaling.maxReplicas (%v)" $a.keda.fallback.replicas $a.minReplicas $a.maxReplicas) }}
{{- end }}
{{- end }}
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
The in-flight requests of this release's pods, summed: the prometheus-adapter rule's per-pod query
(helm/prometheus-adapter-values.yaml) over the Deployment's pods (<fullname>-<replicaset hash>-<suffix>),
then summed into the one value a KEDA Prometheus trigger needs. With metricType AverageValue the HPA KEDA
creates divides it by the pod count, which is the per-pod average the adapter path scales on.
*/}}
{{- define "steadypod.autoscaling.kedaQuery" -}}
sum(sum(http_server_requests_active_seconds_count{namespace="{{ .Release.Namespace }}",pod=~"{{ include "steadypod.fullname" . }}-[a-z0-9]+-[a-z0-9]+"}) by (pod))
{{- end }}
