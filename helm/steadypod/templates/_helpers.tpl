{{/*
Chart name, overridable with nameOverride; 63 characters is the limit of a DNS label.
*/}}
{{- define "steadypod.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: release name plus chart name, unless the release name already contains the chart name.
*/}}
{{- define "steadypod.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "steadypod.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "steadypod.labels" -}}
helm.sh/chart: {{ include "steadypod.chart" . }}
{{ include "steadypod.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: stable for the life of a release.
*/}}
{{- define "steadypod.selectorLabels" -}}
app.kubernetes.io/name: {{ include "steadypod.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ConfigMap that holds application.yaml.
*/}}
{{- define "steadypod.configMapName" -}}
{{- printf "%s-config" (include "steadypod.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Where the ConfigMap is mounted; SPRING_CONFIG_IMPORT points at this directory.
*/}}
{{- define "steadypod.configDir" -}}
/etc/steadypod/config/
{{- end }}

{{/*
Whether the app watches its ConfigMap through the Kubernetes API.
*/}}
{{- define "steadypod.apiReload" -}}
{{- if eq .Values.configReload.mode "api" }}true{{ end }}
{{- end }}

{{/*
Whether the app requests a rolling restart of its Deployment for changes that need a restart.
*/}}
{{- define "steadypod.rollingRestart" -}}
{{- if eq .Values.configReload.onRestartRequired "rolling-restart" }}true{{ end }}
{{- end }}

{{/*
Whether the app calls the Kubernetes API at all, and so needs a ServiceAccount, a Role and a token.
*/}}
{{- define "steadypod.apiAccess" -}}
{{- if or (include "steadypod.apiReload" .) (include "steadypod.rollingRestart" .) }}true{{ end }}
{{- end }}

{{/*
Whether the chart runs more than one pod at any time (PodDisruptionBudget).
*/}}
{{- define "steadypod.pdbEnabled" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{/*
Start-up budget: the startup probe allows twice the measured P95 start-up time, rounded up to whole periods.
*/}}
{{- define "steadypod.startupFailureThreshold" -}}
{{- divf (mulf 2 .Values.probes.startup.expectedSeconds) .Values.probes.startup.periodSeconds | ceil | int }}
{{- end }}
