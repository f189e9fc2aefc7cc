package spotfleet.contract;

/**
 * EventBridge rules and targets, as hashicorp/terraform-provider-aws's {@code internal/service/events} creates them
 * (the Pulumi types are in the {@code cloudwatch} module, named after CloudWatch Events).
 */
final class EventsMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/events/";

    private EventsMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:cloudwatch/eventRule:EventRule", DIR + "rule.go", r ->
                r.request("events", "PutRule").name("Name").copy("description", "Description")
                        .copy("scheduleExpression", "ScheduleExpression")
                        .document("eventPattern", "EventPattern", new EventPatterns())
                        .copy("eventBusName", "EventBusName").copy("roleArn", "RoleArn")
                        .copy("state", "State")
                        .tags(Tags.list("Tags", "Key", "Value")));
        mappings.add("aws:cloudwatch/eventTarget:EventTarget", DIR + "target.go", r -> {
            var request = r.request("events", "PutTargets").copy("rule", "Rule").copy("eventBusName", "EventBusName")
                    .copy("arn", "Targets[0].Arn").copy("roleArn", "Targets[0].RoleArn").copy("input", "Targets[0].Input")
                    .copy("inputTransformer.inputPaths", "Targets[0].InputTransformer.InputPathsMap")
                    .copy("inputTransformer.inputTemplate", "Targets[0].InputTransformer.InputTemplate");
            if (r.input("targetId").isPresent()) {
                request.copy("targetId", "Targets[0].Id");
            } else {
                request.set("Targets[0].Id", Values.GENERATED_ID, "provider: a generated target id");
            }
        });
    }
}
