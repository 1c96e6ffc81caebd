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

{{/*
The container image: [registry/]repository, then @digest when given, else :tag (default: the appVersion).
*/}}
{{- define "steadypod.image" -}}
{{- $i := .Values.image }}
{{- $repository := $i.repository }}
{{- with $i.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}{{ end }}
{{- if $i.digest }}
{{- printf "%s@%s" $repository $i.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion $i.tag) }}
{{- end }}
{{- end }}

{{/*
Whether the chart creates a ServiceAccount: asked for, annotated, or needed for API access (api mode, rolling restarts) and not named.
*/}}
{{- define "steadypod.createServiceAccount" -}}
{{- $sa := .Values.serviceAccount }}
{{- if or $sa.create $sa.annotations (and (include "steadypod.apiAccess" .) (not $sa.name)) }}true{{ end }}
{{- end }}

{{/*
The ServiceAccount the pods run as, or nothing when they need none.
*/}}
{{- define "steadypod.serviceAccountName" -}}
{{- if or (include "steadypod.createServiceAccount" .) .Values.serviceAccount.name }}
{{- default (include "steadypod.fullname" .) .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
SPRING_CONFIG_IMPORT: the ConfigMap directory, the user's config.imports, then the Kubernetes API in api mode.
*/}}
{{- define "steadypod.configImport" -}}
{{- $imports := list (printf "optional:file:%s" (include "steadypod.configDir" .)) }}
{{- range .Values.config.imports }}{{ $imports = append $imports . }}{{ end }}
{{- if include "steadypod.apiReload" . }}{{ $imports = append $imports "kubernetes:" }}{{ end }}
{{- join "," $imports }}
{{- end }}

{{/*
Refuses extra mounts the reload cannot follow: subPath under a config import path, or an undeclared volume.
*/}}
{{- define "steadypod.validateExtraMounts" -}}
{{- $paths := list (include "steadypod.configDir" . | trimSuffix "/") }}
{{- range .Values.config.imports }}
{{- $paths = append $paths (regexReplaceAll "^(optional:)?(file|configtree):" . "" | trimSuffix "/") }}
{{- end }}
{{- $volumes := list "config" "tmp" }}
{{- range .Values.extraVolumes }}{{ $volumes = append $volumes .name }}{{ end }}
{{- range $index, $mount := .Values.extraVolumeMounts }}
{{- if not (has $mount.name $volumes) }}
{{- fail (printf "extraVolumeMounts[%d] (%s) mounts a volume that is not declared: add it to extraVolumes" $index $mount.name) }}
{{- end }}
{{- $mountPath := trimSuffix "/" $mount.mountPath }}
{{- range $paths }}
{{- if and (or $mount.subPath $mount.subPathExpr) (or (eq $mountPath .) (hasPrefix (printf "%s/" .) $mountPath) (hasPrefix (printf "%s/" $mountPath) .)) }}
{{- fail (printf "extraVolumeMounts[%d] (%s) at %s uses subPath/subPathExpr under the config import path %s: a subPath mount is a copy taken when the pod starts and never sees an update, so the app could never reload it. Mount the whole Secret or ConfigMap as a directory (no subPath) and list the directory in config.imports" $index $mount.name $mount.mountPath .) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Labels of the helm test pod: the release, but not every selector label, so no Service routes to it.
*/}}
{{- define "steadypod.testLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end }}

{{/*
Name of the Service for the management port.
*/}}
{{- define "steadypod.managementServiceName" -}}
{{- printf "%s-management" (include "steadypod.fullname" . | trunc 52 | trimSuffix "-") }}
{{- end }}

{{/*
PromQL label matchers for this release's pods: their namespace and the Deployment's pod names
(<deployment>-<replicaset hash>-<suffix>), which both scrape setups (ServiceMonitor and pod annotations) attach.
*/}}
{{- define "steadypod.promSelector" -}}
namespace="{{ .Release.Namespace }}", pod=~"{{ include "steadypod.fullname" . | regexQuoteMeta }}-[a-z0-9]+-[a-z0-9]+"
{{- end }}

{{/*
autoscaling.inFlight.target as a plain number for PromQL (a Kubernetes quantity may end in m).
*/}}
{{- define "steadypod.targetInFlightNumber" -}}
{{- $t := toString .Values.autoscaling.inFlight.target }}
{{- if hasSuffix "m" $t }}{{ divf (trimSuffix "m" $t) 1000 }}{{ else }}{{ $t }}{{ end }}
{{- end }}

{{/*
The Secret that holds the fingerprint key, and its key: the user's existing Secret, or the one the chart keeps.
*/}}
{{- define "steadypod.fingerprintSecretName" -}}
{{- if .Values.configReload.fingerprintKey.existingSecret }}
{{- .Values.configReload.fingerprintKey.existingSecret }}
{{- else }}
{{- printf "%s-fingerprint" (include "steadypod.fullname" . | trunc 51 | trimSuffix "-") }}
{{- end }}
{{- end }}

{{- define "steadypod.fingerprintSecretKey" -}}
{{- if .Values.configReload.fingerprintKey.existingSecret }}
{{- .Values.configReload.fingerprintKey.existingSecretKey }}
{{- else }}
{{- "fingerprint-key" }}
{{- end }}
{{- end }}

{{/*
The config.imports paths that are Secret volumes: a mount of an extraVolumes entry of type secret (or a projected
volume with a secret source) at the import path or above it. The app reports their changes as source "secret" and
treats their values as secret.
*/}}
{{- define "steadypod.secretImports" -}}
{{- $secretVolumes := list }}
{{- range .Values.extraVolumes }}
{{- $projectedSecret := false }}
{{- if .projected }}{{ range .projected.sources }}{{ if .secret }}{{ $projectedSecret = true }}{{ end }}{{ end }}{{ end }}
{{- if or .secret $projectedSecret }}{{ $secretVolumes = append $secretVolumes .name }}{{ end }}
{{- end }}
{{- $secretMounts := list }}
{{- range .Values.extraVolumeMounts }}
{{- if has .name $secretVolumes }}{{ $secretMounts = append $secretMounts (trimSuffix "/" .mountPath) }}{{ end }}
{{- end }}
{{- $imports := list }}
{{- range .Values.config.imports }}
{{- $path := regexReplaceAll "^(optional:)?(file|configtree):" . "" | trimSuffix "/" }}
{{- range $secretMounts }}
{{- if and (or (eq $path .) (hasPrefix (printf "%s/" .) $path)) (not (has $path $imports)) }}{{ $imports = append $imports $path }}{{ end }}
{{- end }}
{{- end }}
{{- join "," $imports }}
{{- end }}
