package spotfleet.infra.components;

import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.StringAsset;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small function that sees what AWS does not show per Auto Scaling group: every minute it publishes the group's
 * in-service instances split on-demand, Spot and other purchase options (there is no such AWS metric), and
 * {@link SpotAlerts} hands it the account's Spot interruption and rebalance events, which it narrows to this group's
 * instances by their {@code aws:autoscaling:groupName} tag before alerting and counting. {@link Alarms} watches it:
 * its errors, and minutes without a count. The code is {@value #SOURCE}.
 */
public final class FleetWatch extends ComponentResource {

    static final String SOURCE = "/spotfleet/infra/functions/fleet_watch.py";
    static final String RUNTIME = "python3.13";
    static final String HANDLER = "fleet_watch.handler";
    static final String SCHEDULE = "rate(1 minute)";
    /** Two describe calls and a publish take well under a second; the margin covers a throttled retry. */
    static final int TIMEOUT_SECONDS = 30;
    /** The least Lambda offers; the function holds a few instances' descriptions at most. */
    static final int MEMORY_MIB = 128;

    /**
     * What the function watches and whom it tells.
     *
     * @param stack            the stack's prefix ({@code <project>-<stack>}), named in the alerts
     * @param logRetentionDays how long its logs are kept (the service's setting)
     * @param protect          Pulumi may not delete its log group
     */
    public record Args(Output<String> autoScalingGroupName, Output<String> topicArn, Output<String> topicKeyArn,
                       String stack, int logRetentionDays, boolean protect) {
    }

    @Export(name = "functionArn", refs = String.class)
    public final Output<String> functionArn;
    @Export(name = "functionName", refs = String.class)
    public final Output<String> functionName;
    @Export(name = "logGroupName", refs = String.class)
    public final Output<String> logGroupName;

    public FleetWatch(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:FleetWatch", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // Declared, not left to Lambda: with retention, and removed with the stack unless protected.
        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .retentionInDays(args.logRetentionDays())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        var role = IamRoles.assumedBy(name + "-role", "lambda.amazonaws.com",
                "The fleet watch function: read the group's instances, publish metrics and alerts", child);
        var permissions = new RolePolicy(name + "-permissions", RolePolicyArgs.builder()
                .role(role.id())
                .policy(Output.tuple(args.topicArn(), args.topicKeyArn(), logs.arn())
                        .applyValue(t -> permissions(t.t1, t.t2, t.t3)))
                .build(), child);

        var function = new Function(name + "-function", FunctionArgs.builder()
                .description("Counts the instances of %s by purchase option; alerts on its Spot interruptions".formatted(args.stack()))
                .runtime(RUNTIME)
                .architectures("arm64") // Graviton: the cheaper Lambda price, and nothing here is architecture-bound
                .handler(HANDLER)
                .code(new AssetArchive(Map.of("fleet_watch.py", new StringAsset(source()))))
                .role(role.arn())
                .memorySize(MEMORY_MIB)
                .timeout(TIMEOUT_SECONDS)
                .environment(FunctionEnvironmentArgs.builder()
                        .variables(Output.tuple(args.autoScalingGroupName(), args.topicArn()).applyValue(t -> Map.of(
                                "AUTO_SCALING_GROUP_NAME", t.t1,
                                "TOPIC_ARN", t.t2,
                                "METRIC_NAMESPACE", Metrics.FLEET_NAMESPACE,
                                "STACK", args.stack())))
                        .build())
                .loggingConfig(FunctionLoggingConfigArgs.builder().logGroup(logs.name()).logFormat("JSON").build())
                .build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(permissions) // its first run already has its permissions
                .build());

        var schedule = new EventRule(name + "-schedule", EventRuleArgs.builder()
                .description("Every minute: count the instances of %s by purchase option".formatted(args.stack()))
                .scheduleExpression(SCHEDULE)
                .build(), child);
        invokeOn(name + "-schedule", schedule, function.arn(), function.name(), child);

        this.functionArn = function.arn();
        this.functionName = function.name();
        this.logGroupName = logs.name();
        registerOutputs(Map.of("functionArn", functionArn, "functionName", functionName, "logGroupName", logGroupName));
    }

    /** Makes {@code rule} invoke the function, and lets EventBridge do so for that rule only. */
    static void invokeOn(String name, EventRule rule, Output<String> functionArn, Output<String> functionName,
                         CustomResourceOptions options) {
        new EventTarget(name + "-target", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(functionArn)
                .build(), options);
        new Permission(name + "-invoke", PermissionArgs.builder()
                .function(functionName)
                .action("lambda:InvokeFunction")
                .principal("events.amazonaws.com")
                .sourceArn(rule.arn())
                .build(), options);
    }

    /** The function's code, as the program ships it. */
    static String source() {
        try (var in = FleetWatch.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the program's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Least privilege: the two describe calls allow no narrower resource, so the metrics are held to one namespace. */
    private static String permissions(String topicArn, String keyArn, String logGroupArn) {
        return Json.of(Json.object(
                "Version", "2012-10-17",
                "Statement", List.of(
                        statement("ReadTheFleet", List.of("autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances"), "*"),
                        statement("PublishFleetMetrics", List.of("cloudwatch:PutMetricData"), "*", Map.of(
                                "StringEquals", Map.of("cloudwatch:namespace", Metrics.FLEET_NAMESPACE))),
                        statement("AlertTheTopic", List.of("sns:Publish"), topicArn),
                        statement("EncryptForTheTopic", List.of("kms:GenerateDataKey", "kms:Decrypt"), keyArn),
                        statement("WriteItsLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroupArn + ":*"))));
    }

    private static Map<String, Object> statement(String sid, List<String> actions, String resource) {
        return Json.object("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resource);
    }

    private static Map<String, Object> statement(String sid, List<String> actions, String resource, Map<String, Object> condition) {
        var statement = statement(sid, actions, resource);
        statement.put("Condition", condition);
        return statement;
    }
}
