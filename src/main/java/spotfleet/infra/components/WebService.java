package spotfleet.infra.components;

import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.ecs.inputs.ServiceOrderedPlacementStrategyArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionVolumeArgs;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.ListenerRuleArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionPathPatternArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import spotfleet.infra.config.ServiceScalingMetric;
import spotfleet.infra.config.ServiceSettings;

import java.util.List;
import java.util.Map;

/**
 * The web service (the seed's service.yml): its target group and listener rule on the load balancer, its task
 * definition, the ECS service that keeps its tasks running on the cluster's capacity (the stack's instances or
 * Fargate, {@link TaskPlacement}), and the Application Auto Scaling that sizes the task count to CPU or to requests
 * per task.
 */
public final class WebService extends ComponentResource {

    /** After the listener's own rules (HTTPS redirects and the like get lower numbers). */
    static final int LISTENER_RULE_PRIORITY = 100;
    /** Enough for the JVM to start and pass two health checks before ECS judges the task by them. */
    static final int HEALTH_CHECK_GRACE_SECONDS = 60;
    /** The load balancer's health check of each task: every 10 s; 2 passes make it healthy, 3 failures unhealthy. */
    static final int HEALTH_CHECK_INTERVAL_SECONDS = 10;
    static final int HEALTHY_THRESHOLD = 2;
    static final int UNHEALTHY_THRESHOLD = 3;

    /**
     * What the service needs from the other components.
     *
     * @param family            the task definition family, unique per stack
     * @param executionRolePath the IAM path of the task execution role, {@code /<project>/<stack>/}: what the image's
     *                          repository policy names when the image is another stack's
     * @param listener          where the load balancer forwards the service's requests
     * @param cluster           the cluster it runs in, and the log group its containers write to
     * @param image             the image by digest, and the ECR repository the execution role may pull it from
     * @param placement         where the tasks run: the stack's instances or Fargate
     */
    public record Args(String family, String executionRolePath, Listener listener, Cluster cluster, ContainerImage image,
                       TaskPlacement placement) {
    }

    /**
     * The listener that forwards to the service.
     *
     * @param vpcId                 the load balancer's VPC, where the target group lives
     * @param listenerArn           the listener the service's rule joins (HTTPS with a domain, else HTTP)
     * @param loadBalancerArnSuffix {@code app/<name>/<id>}: with the target group's, the requests metric's resource label
     */
    public record Listener(Output<String> vpcId, Output<String> listenerArn, Output<String> loadBalancerArnSuffix) {
    }

    @Export(name = "serviceName", refs = String.class)
    public final Output<String> serviceName;
    /** The service's ARN (the provider's id for it), which its deployment events carry. */
    @Export(name = "serviceArn", refs = String.class)
    public final Output<String> serviceArn;
    @Export(name = "targetGroupArn", refs = String.class)
    public final Output<String> targetGroupArn;
    /** {@code targetgroup/<name>/<id>}: the target group's CloudWatch dimension. */
    @Export(name = "targetGroupArnSuffix", refs = String.class)
    public final Output<String> targetGroupArnSuffix;
    @Export(name = "taskDefinitionArn", refs = String.class)
    public final Output<String> taskDefinitionArn;

    public WebService(String name, ServiceSettings settings, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:WebService", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var targetGroup = new TargetGroup(name + "-tg", TargetGroupArgs.builder()
                .vpcId(args.listener().vpcId())
                // bridge mode: targets are instance:host-port pairs; awsvpc (Fargate): each task's own IP address
                .targetType(args.placement() instanceof TaskPlacement.OnFargate ? "ip" : "instance")
                .protocol("HTTP")
                .port(settings.containerPort())
                .deregistrationDelay(ServiceSettings.DEREGISTRATION_DELAY_SECONDS)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .path(settings.healthCheckPath())
                        .protocol("HTTP")
                        .port("traffic-port")
                        .matcher("200")
                        .interval(HEALTH_CHECK_INTERVAL_SECONDS)
                        .timeout(5)
                        .healthyThreshold(HEALTHY_THRESHOLD)
                        .unhealthyThreshold(UNHEALTHY_THRESHOLD)
                        .build())
                .build(), child);
        var rule = new ListenerRule(name + "-rule", ListenerRuleArgs.builder()
                .listenerArn(args.listener().listenerArn())
                .priority(LISTENER_RULE_PRIORITY)
                .conditions(ListenerRuleConditionArgs.builder()
                        .pathPattern(ListenerRuleConditionPathPatternArgs.builder().values("/*").build())
                        .build())
                .actions(ListenerRuleActionArgs.builder().type("forward").targetGroupArn(targetGroup.arn()).build())
                .build(), child);

        var executionRole = IamRoles.assumedByOnBehalfOfAccount(name + "-execution-role", "ecs-tasks.amazonaws.com",
                "ECS agent for the web service's tasks: pull the image, write logs, read the secrets", args.executionRolePath(),
                this, child);
        // Its own policy, not AmazonECSTaskExecutionRolePolicy: that one lets it pull from every repository on Resource *.
        var executionPermissions = new RolePolicy(name + "-execution-permissions", RolePolicyArgs.builder()
                .role(executionRole.id())
                .policy(Output.tuple(args.image().repositoryArn, args.cluster().logGroupArn)
                        .applyValue(t -> ExecutionPermissions.document(t.t1, t.t2, settings)))
                .build(), child);
        // The app calls no AWS API, so its own role has no policy: a task gets no AWS access by default.
        var taskRole = IamRoles.assumedByOnBehalfOfAccount(name + "-task-role", "ecs-tasks.amazonaws.com",
                "The web service's tasks (no AWS permissions)", this, child);

        var region = AwsEnvironment.region(this);
        var onFargate = args.placement() instanceof TaskPlacement.OnFargate;
        var task = TaskDefinitionArgs.builder()
                .family(args.family())
                .requiresCompatibilities(onFargate ? "FARGATE" : "EC2")
                .networkMode(args.placement().networkMode())
                .cpu(String.valueOf(settings.taskCpu()))
                .memory(String.valueOf(settings.taskMemory()))
                .executionRoleArn(executionRole.arn())
                .taskRoleArn(taskRole.arn())
                .volumes(TaskDefinitionVolumeArgs.builder().name(ContainerDefinition.SCRATCH_VOLUME).build())
                .containerDefinitions(Output.tuple(args.image().imageRef, args.cluster().logGroupName, region)
                        .applyValue(t -> ContainerDefinition.json(settings, t.t1, t.t2, t.t3, !onFargate)));
        if (args.placement() instanceof TaskPlacement.OnFargate fargate) {
            // Fargate runs the image on the platform it was built for; X86_64 is the default, so say so either way.
            task.runtimePlatform(TaskDefinitionRuntimePlatformArgs.builder()
                    .operatingSystemFamily("LINUX")
                    .cpuArchitecture(fargate.architecture().ecsCpuArchitecture())
                    .build());
        }
        var taskDefinition = new TaskDefinition(name + "-task", task.build(), child);

        var rolloutTimeout = RolloutTimeout.of(settings);
        var service = new Service(name + "-service", serviceArgs(settings, args, targetGroup, taskDefinition),
                CustomResourceOptions.builder()
                        .parent(this)
                        // ECS refuses a target group that no listener uses yet, tasks need somewhere to run, and their
                        // first pull needs the execution role's permissions.
                        .dependsOn(rule, args.placement().capacity(), executionPermissions)
                        // Auto scaling owns the task count after creation; a deploy must not reset it.
                        .ignoreChanges("desiredCount")
                        // waitForSteadyState waits this long at most (RolloutTimeout has the formula).
                        .customTimeouts(CustomTimeouts.builder().create(rolloutTimeout).update(rolloutTimeout).build())
                        .build());

        var scalingTarget = new Target(name + "-scaling-target", TargetArgs.builder()
                .serviceNamespace("ecs")
                .scalableDimension("ecs:service:DesiredCount")
                .resourceId(Output.format("service/%s/%s", args.cluster().clusterName, service.name()))
                .minCapacity(settings.serviceMinTasks())
                .maxCapacity(settings.serviceMaxTasks())
                .build(), child);
        new Policy(name + (settings.serviceScalingMetric() == ServiceScalingMetric.CPU ? "-cpu-target" : "-requests-target"),
                PolicyArgs.builder()
                        .policyType("TargetTrackingScaling")
                        .serviceNamespace(scalingTarget.serviceNamespace())
                        .scalableDimension(scalingTarget.scalableDimension())
                        .resourceId(scalingTarget.resourceId())
                        .targetTrackingScalingPolicyConfiguration(PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                                .predefinedMetricSpecification(metric(settings, args.listener().loadBalancerArnSuffix(), targetGroup.arnSuffix()))
                                .targetValue((double) (settings.serviceScalingMetric() == ServiceScalingMetric.CPU
                                        ? settings.serviceCpuTarget() : settings.serviceRequestsPerTarget()))
                                .scaleInCooldown(settings.scaleInCooldown())
                                .scaleOutCooldown(settings.scaleOutCooldown())
                                .build())
                        .build(), child);

        this.serviceName = service.name();
        this.serviceArn = service.id();
        this.targetGroupArn = targetGroup.arn();
        this.targetGroupArnSuffix = targetGroup.arnSuffix();
        this.taskDefinitionArn = deployed(service, taskDefinition.arn());
        registerOutputs(Map.of(
                "serviceName", serviceName,
                "serviceArn", serviceArn,
                "targetGroupArn", targetGroupArn,
                "targetGroupArnSuffix", targetGroupArnSuffix,
                "taskDefinitionArn", taskDefinitionArn));
    }

    /**
     * What the task count tracks. Requests per target need a resource label naming the load balancer and the target
     * group, {@code app/<lb>/<id>/targetgroup/<tg>/<id>}, the two ARNs' final parts (botocore application-autoscaling
     * 2016-02-06, shape PredefinedMetricSpecification, ResourceLabel).
     */
    static PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs metric(
            ServiceSettings settings, Output<String> loadBalancerArnSuffix, Output<String> targetGroupArnSuffix) {
        var metric = PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder();
        return switch (settings.serviceScalingMetric()) {
            case CPU -> metric.predefinedMetricType("ECSServiceAverageCPUUtilization").build();
            case REQUESTS -> metric.predefinedMetricType("ALBRequestCountPerTarget")
                    .resourceLabel(Output.format("%s/%s", loadBalancerArnSuffix, targetGroupArnSuffix))
                    .build();
        };
    }

    /**
     * The task definition the service runs after the deploy, failing the deploy when it is not the one declared.
     * terraform-provider-aws's waiter (internal/service/ecs/service.go, statusServiceWaitForStable) calls a service
     * stable once it has one deployment and as many running tasks as desired; a circuit-breaker rollback ends
     * exactly so, on the previous revision, and the provider then reads that revision back. Without this check a
     * crash-looping image would roll back and {@code pulumi up} would still report success.
     */
    static Output<String> deployed(Service service, Output<String> declared) {
        return Output.tuple(service.taskDefinition(), declared).applyValue(revisions -> {
            var running = revisions.t1.orElse(revisions.t2);
            if (!running.equals(revisions.t2)) {
                throw new IllegalStateException(("the ECS service's deployment of %s failed and the circuit breaker rolled it"
                        + " back to %s: see the service's events and the stopped tasks' reasons in the ECS console")
                        .formatted(revisions.t2, running));
            }
            return running;
        });
    }

    private static ServiceArgs serviceArgs(ServiceSettings settings, Args args, TargetGroup targetGroup,
                                           TaskDefinition taskDefinition) {
        var service = ServiceArgs.builder()
                .cluster(args.cluster().clusterArn)
                .taskDefinition(taskDefinition.arn())
                .desiredCount(settings.serviceMinTasks())
                .deploymentMinimumHealthyPercent(args.placement().minimumHealthyPercent())
                // A deploy starts the whole new set before it stops the old one, where there is room.
                .deploymentMaximumPercent(200)
                // A change of the capacity provider strategy (onDemandTasks) updates the service in place: without this
                // the provider replaces it, "to be backward compatible, should ForceNew almost always (previous
                // behavior), unless: force_new_deployment is true and neither the old set nor new set is 0 length"
                // (terraform-provider-aws internal/service/ecs/service.go, capacityProviderStrategyCustomizeDiff); a new
                // service would start again at serviceMinTasks. Every update of the service then starts a deployment.
                .forceNewDeployment(true)
                .deploymentCircuitBreaker(ServiceDeploymentCircuitBreakerArgs.builder().enable(true).rollback(true).build())
                // `pulumi up` ends only once the new tasks serve (or fails): a deploy that goes on to the next stack
                // has a healthy service behind it.
                .waitForSteadyState(true)
                .healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS)
                .loadBalancers(ServiceLoadBalancerArgs.builder()
                        .targetGroupArn(targetGroup.arn())
                        .containerName(ContainerDefinition.CONTAINER_NAME)
                        .containerPort(settings.containerPort())
                        .build())
                // After a Spot interruption empties an AZ, ECS moves tasks back once capacity returns there.
                .availabilityZoneRebalancing("ENABLED")
                .enableEcsManagedTags(true)
                .propagateTags("SERVICE");
        switch (args.placement()) {
            case TaskPlacement.OnInstances instances -> {
                // Across AZs, so one AZ going away takes as few tasks with it as possible; then packed by memory within
                // each AZ ("distribute tasks across Availability Zones and bin pack tasks based on memory within each
                // Availability Zone", ECS developer guide, task-placement-strategies), so that instances empty: managed
                // termination protection releases only instances that run no task, and the spare instance the
                // capacity target keeps stays free for an interrupted instance's tasks. Spread by instance would put a
                // task on the spare at the next deploy, and managed scaling would then add another.
                service.orderedPlacementStrategies(
                        ServiceOrderedPlacementStrategyArgs.builder().type("spread").field("attribute:ecs.availability-zone").build(),
                        ServiceOrderedPlacementStrategyArgs.builder().type("binpack").field("memory").build());
                instances.strategy().ifPresentOrElse(
                        strategy -> service.capacityProviderStrategies(strategy.forService()),
                        () -> service.launchType("EC2"));
            }
            // No placement strategies: ECS refuses them for Fargate, which spreads tasks across the subnets' AZs itself.
            case TaskPlacement.OnFargate fargate -> service
                    .capacityProviderStrategies(FargateCapacity.strategy(fargate.onDemandTasks()).forService())
                    .networkConfiguration(ServiceNetworkConfigurationArgs.builder()
                            .subnets(fargate.subnetIds())
                            .securityGroups(fargate.securityGroupId().applyValue(List::of))
                            // private subnets: out through the NAT gateway; without one, out through the task's own address
                            // (its security group still admits only the load balancer)
                            .assignPublicIp(fargate.publicIp())
                            .build());
        }
        return service.build();
    }
}
