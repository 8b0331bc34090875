package com.adaptivestartup.console.kubernetes;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every object Helm renders, read as the Kubernetes API's own models (fabric8's kubernetes-model) with unknown fields
 * refused: the models keep unknown fields aside (an any-setter), which is removed here, so a misspelled or misplaced
 * field (say {@code spec.replica}, or {@code securityContext} one level too high) fails as the API server's strict field
 * validation would. A kind this reader does not know fails too.
 */
final class StrictKubernetes {
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
            Map.entry("PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    private StrictKubernetes() {
    }

    /** Each YAML document as its kind's model; an {@link IllegalArgumentException} naming the object when one is wrong. */
    static List<HasMetadata> parse(String yaml) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                continue;
            }
            String kind = doc.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            String name = kind + " " + doc.path("metadata").path("name").asText();
            if (type == null) {
                throw new IllegalArgumentException(name + ": a kind this check does not know");
            }
            String apiVersion = doc.path("apiVersion").asText();
            try {
                HasMetadata object = STRICT.treeToValue(doc, type);
                if (!apiVersion.equals(object.getApiVersion())) {
                    throw new IllegalArgumentException(name + ": apiVersion " + apiVersion + ", the model is "
                            + object.getApiVersion());
                }
                out.add(object);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? " at " + m.getPathReference() : "";
                throw new IllegalArgumentException(name + ": " + e.getOriginalMessage() + where, e);
            }
        }
        return out;
    }
}
