{{/* The name of an object of this release: <release>-<component>. */}}
{{- define "adaptive.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries; the selector's are the last two. */}}
{{- define "adaptive.labels" -}}
app.kubernetes.io/part-of: adaptive-startup
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | quote }}
{{ include "adaptive.selector" . }}
{{- end -}}

{{- define "adaptive.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* An image of this release, from the registry, by digest. */}}
{{- define "adaptive.image" -}}
{{- printf "%s/%s" (required "registry is required: the license's registry, or your own" .root.Values.registry) (index .root.Values.images .component) -}}
{{- end -}}

{{/* The Secret holding the stack's passwords and keys. */}}
{{- define "adaptive.secret" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* What every container gets: no root, no privilege, nothing written outside its volumes. */}}
{{- define "adaptive.containerSecurity" -}}
securityContext:
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: { drop: [ALL] }
  seccompProfile: { type: RuntimeDefault }
{{- end -}}

{{- define "adaptive.pullSecrets" -}}
{{- if or .Values.imagePullSecret.create .Values.imagePullSecret.name }}
imagePullSecrets:
  - name: {{ .Values.imagePullSecret.name }}
{{- end }}
{{- end -}}

{{/* Where the data services are: in the release, or the customer's own. */}}
{{- define "adaptive.postgresHost" -}}
{{- if .Values.postgres.inCluster }}{{ include "adaptive.name" (dict "root" . "component" "postgres") }}{{ else }}{{ .Values.postgres.external.host }}{{ end -}}
{{- end -}}
{{- define "adaptive.redisHost" -}}
{{- if .Values.redis.inCluster }}{{ include "adaptive.name" (dict "root" . "component" "redis") }}{{ else }}{{ .Values.redis.external.host }}{{ end -}}
{{- end -}}
{{- define "adaptive.s3Endpoint" -}}
{{- if .Values.objectStore.inCluster }}{{ printf "http://%s:9000" (include "adaptive.name" (dict "root" . "component" "storage")) }}{{ else }}{{ .Values.objectStore.external.endpoint }}{{ end -}}
{{- end -}}

{{/* The database's environment, as the schema's owner (migrations) or the runtime role (the server). */}}
{{- define "adaptive.databaseEnv" -}}
- { name: POSTGRES_HOST, value: {{ include "adaptive.postgresHost" . | quote }} }
- { name: POSTGRES_PORT, value: {{ ternary "5432" (toString .Values.postgres.external.port) .Values.postgres.inCluster | quote }} }
- { name: POSTGRES_DB, value: {{ ternary "adaptive" .Values.postgres.external.database .Values.postgres.inCluster | quote }} }
{{- end -}}
