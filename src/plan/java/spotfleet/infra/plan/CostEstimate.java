package spotfleet.infra.plan;

import spotfleet.infra.config.InstanceCatalog;
import spotfleet.infra.config.InstanceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a month of the stack as declared costs at list prices: one line per billable resource (hourly resources at the
 * region's price, usage-priced ones from {@link UsageAssumptions} printed beside them), the total, and what the same
 * capacity would cost all on demand. Read from the plan (types and inputs), like {@link PlanSummary}: it prices what the
 * program declares. Every type of a plan is either priced here or listed in {@link #FREE} with why; a type in neither
 * is {@link #unpriced}, and a price the list lacks throws {@link PriceList.MissingPriceException}.
 *
 * @param region      where the prices are from
 * @param lines       one per billable item, in plan order
 * @param spotSavings what Spot saves against the same instances (or Fargate tasks) on demand
 * @param unpriced    types of the plan neither priced nor known to be free
 * @param spot        how the Spot prices were made (offline: a discount per family)
 * @param spotTypes   the instance types priced as Spot, which {@code --live} reads current Spot prices of
 */
public record CostEstimate(String region, List<Line> lines, double spotSavings, List<String> unpriced, List<String> spot,
                           UsageAssumptions usage, List<String> usageKeys, List<String> spotTypes) {

    /**
     * One billable item: the resource, what it is, the monthly figure, how it was worked out and the prices it rests on
     * (whose {@link PriceList.Status} says where each came from).
     */
    public record Line(String resource, String what, double monthly, String basis, List<PriceList.Price> prices) {

        public Line(String resource, String what, double monthly, String basis) {
            this(resource, what, monthly, basis, List.of());
        }

        /** {@code live} when every price is from AWS's APIs, {@code file} when none is, {@code live+file} for a mix. */
        public String origin() {
            var live = prices.stream().filter(price -> price.status() == PriceList.Status.LIVE).count();
            return live == 0 ? "file" : live == prices.size() ? "live" : "live+file";
        }

        /** Whether a price of this line is one no AWS source was seen to state. */
        public boolean unverified() {
            return prices.stream().anyMatch(price -> !price.status().fromAws());
        }
    }

    /** Types with no charge of their own, and why: the rest of a plan must be priced. */
    static final Map<String, String> FREE = Map.ofEntries(
            Map.entry("pulumi:providers:aws", "the Pulumi provider, nothing in AWS"),
            Map.entry("aws:ec2/vpc:Vpc", "no charge for a VPC"),
            Map.entry("aws:ec2/subnet:Subnet", "no charge for subnets"),
            Map.entry("aws:ec2/routeTable:RouteTable", "no charge for route tables"),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", "no charge"),
            Map.entry("aws:ec2/internetGateway:InternetGateway", "no charge for an internet gateway (traffic out is data transfer)"),
            Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "no charge for security groups"),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", "no charge for security groups"),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "no charge"),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "no charge"),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", "no charge; its instances are priced on their groups"),
            Map.entry("aws:lb/listener:Listener", "part of the load balancer's price"),
            Map.entry("aws:lb/listenerRule:ListenerRule", "part of the load balancer's LCUs"),
            Map.entry("aws:lb/targetGroup:TargetGroup", "no charge"),
            Map.entry("aws:ecs/service:Service", "no ECS charge on EC2 (its Fargate tasks are priced on it)"),
            Map.entry("aws:ecs/taskDefinition:TaskDefinition", "no charge"),
            Map.entry("aws:ecs/capacityProvider:CapacityProvider", "no charge"),
            Map.entry("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "no charge"),
            Map.entry("aws:appautoscaling/target:Target", "no charge for Application Auto Scaling"),
            Map.entry("aws:appautoscaling/policy:Policy", "no charge (its alarms are AWS-managed and not billed to the stack)"),
            Map.entry("aws:autoscaling/policy:Policy", "no charge (its alarms are AWS-managed and not billed to the stack)"),
            Map.entry("aws:iam/role:Role", "no charge for IAM"),
            Map.entry("aws:iam/rolePolicy:RolePolicy", "no charge for IAM"),
            Map.entry("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "no charge for IAM"),
            Map.entry("aws:iam/instanceProfile:InstanceProfile", "no charge for IAM"),
            Map.entry("aws:ecr/lifecyclePolicy:LifecyclePolicy", "no charge"),
            Map.entry("aws:ecr/repositoryPolicy:RepositoryPolicy", "no charge"),
            Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "no charge"),
            Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "no charge"),
            Map.entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    "no charge for SSE-S3"),
            Map.entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "no charge (expirations are free)"),
            Map.entry("aws:s3/bucketPolicy:BucketPolicy", "no charge"),
            Map.entry("aws:sns/topic:Topic", "a few alert notifications: inside SNS's free monthly requests and emails"),
            Map.entry("aws:sns/topicPolicy:TopicPolicy", "no charge"),
            Map.entry("aws:sns/topicSubscription:TopicSubscription", "a few emails: inside SNS's free 1,000 a month"),
            Map.entry("aws:cloudwatch/eventRule:EventRule", "AWS service events and schedules on the default bus: no charge"),
            Map.entry("aws:cloudwatch/eventTarget:EventTarget", "no charge"),
            Map.entry("aws:lambda/permission:Permission", "no charge"),
            Map.entry("aws:kms/alias:Alias", "no charge for aliases"),
            Map.entry("aws:acm/certificate:Certificate", "public ACM certificates are free"),
            Map.entry("aws:acm/certificateValidation:CertificateValidation", "no charge"),
            Map.entry("aws:route53/record:Record", "alias queries to a load balancer are free; the hosted zone is not the stack's"),
            Map.entry("aws:fis/experimentTemplate:ExperimentTemplate", "a template costs nothing at rest; each drill run is billed"
                    + " by the action-minute (AWS Fault Injection Service pricing), not by the month"),
            Map.entry("docker:index/image:Image", "built on the deploying machine; stored in the repository, priced there"),
            Map.entry("pulumi:pulumi:StackReference", "reads another stack's outputs: nothing in AWS"));

    /** What the estimate leaves out, said under every estimate. */
    static final String NOT_COUNTED = "Not counted: data transfer out to the internet and across AZs, S3, ECR, KMS, SNS and"
            + " CloudWatch API requests, log storage beyond the bucket line, T-instance surplus CPU credits (the launch template"
            + " sets standard credits), taxes, free tiers and Savings Plans.";

    private static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    private static final String EIP = "aws:ec2/eip:Eip";
    private static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
    private static final String GROUP = "aws:autoscaling/group:Group";
    private static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    private static final String SERVICE = "aws:ecs/service:Service";
    private static final String TASK = "aws:ecs/taskDefinition:TaskDefinition";
    private static final String CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
    private static final String FLOW_LOG = "aws:ec2/flowLog:FlowLog";
    private static final String EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
    /** EC2 detailed monitoring publishes seven metrics per instance, each billed as a custom metric (CloudWatch pricing). */
    static final int DETAILED_MONITORING_METRICS = 7;

    /** The estimate of {@code plan} at {@code prices} with {@code usage}. */
    public static CostEstimate of(Plan plan, PriceList prices, UsageAssumptions usage) {
        return new Pricing(plan, prices, usage).estimate();
    }

    public double total() {
        return lines.stream().mapToDouble(Line::monthly).sum();
    }

    public double allOnDemand() {
        return total() + spotSavings;
    }

    /** The figure as the estimate prints it: two decimals, or more for a price below a cent. */
    static String number(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        var text = String.format(Locale.ROOT, "%.10f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    static String usd(double value) {
        return String.format(Locale.ROOT, "$%.2f", value);
    }

    /** The working-out, resource by resource. */
    private static final class Pricing {
        private final Plan plan;
        private final PriceList prices;
        private final UsageAssumptions usage;
        private final String region;
        private final int hours;
        private final List<Line> lines = new ArrayList<>();
        private final List<String> spot = new ArrayList<>();
        private final Set<String> usageKeys = new java.util.LinkedHashSet<>();
        private final Set<String> spotTypes = new java.util.LinkedHashSet<>();
        private double spotSavings;

        Pricing(Plan plan, PriceList prices, UsageAssumptions usage) {
            this.plan = plan;
            this.prices = prices;
            this.usage = usage;
            this.region = plan.config().stream().filter(value -> value.key().equals("aws:region")).findFirst()
                    .map(value -> String.valueOf(value.value())).orElse("(no aws:region)");
            this.hours = prices.hoursPerMonth();
        }

        CostEstimate estimate() {
            var unpriced = new TreeSet<String>();
            var natDataPriced = false;
            var logsPriced = false;
            for (var resource : plan.resources()) {
                if (!resource.custom()) {
                    continue;
                }
                switch (resource.type()) {
                    case NAT_GATEWAY -> {
                        hourly(resource, "NAT gateway", "natGateway", 1);
                        if (!natDataPriced) {
                            usageLine(resource, "NAT data processing", "natGatewayData", "natDataGb");
                            natDataPriced = true;
                        }
                    }
                    case EIP -> hourly(resource, "its public IPv4 address", "publicIpv4", 1);
                    case LOAD_BALANCER -> loadBalancer(resource);
                    case GROUP -> group(resource);
                    case SERVICE -> fargate(resource);
                    case "aws:ec2/vpcEndpoint:VpcEndpoint" -> hourly(resource, "gateway endpoint", "gatewayEndpoint", 1);
                    case "aws:kms/key:Key" -> monthly(resource, "KMS key", "kmsKey", 1);
                    case "aws:cloudwatch/dashboard:Dashboard" -> monthly(resource, "dashboard", "dashboard", 1);
                    case "aws:cloudwatch/metricAlarm:MetricAlarm" -> alarm(resource);
                    case "aws:ecs/cluster:Cluster" -> containerInsights(resource);
                    case "aws:cloudwatch/logGroup:LogGroup" -> {
                        if (!isFlowLogGroup(resource) && !logsPriced) {
                            usageLine(resource, "log ingestion (every log group but the flow logs')", "logIngestion", "serviceLogGb");
                            logsPriced = true;
                        }
                    }
                    case FLOW_LOG -> usageLine(resource, "rejected-traffic records", "s3".equals(first(resource, "logDestinationType"))
                            ? "vendedLogsToS3" : "vendedLogsToCloudWatchLogs", "flowLogGb");
                    case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> usageLine(resource, "S3 Standard storage", "s3Standard",
                            "logBucketGb");
                    case "aws:ecr/repository:Repository" -> usageLine(resource, "image storage", "ecrStorage", "imageStorageGb");
                    case "aws:lambda/function:Function" -> function(resource);
                    default -> {
                        if (!FREE.containsKey(resource.type())) {
                            unpriced.add(resource.type());
                        }
                    }
                }
            }
            return new CostEstimate(region, List.copyOf(lines), spotSavings, List.copyOf(unpriced), List.copyOf(spot), usage,
                    List.copyOf(usageKeys), List.copyOf(spotTypes));
        }

        private void loadBalancer(Plan.PlannedResource lb) {
            hourly(lb, "Application Load Balancer", "applicationLoadBalancer", 1);
            var lcus = usage.get("loadBalancerCapacityUnits");
            usageKeys.add("loadBalancerCapacityUnits");
            var lcu = prices.price("loadBalancerCapacityUnit", region);
            add(lb, "load balancer capacity units", lcus * hours * lcu.usd(), "%s LCU × %d h × $%s/%s (loadBalancerCapacityUnits)"
                    .formatted(number(lcus), hours, number(lcu.usd()), lcu.unit()), lcu);
            if (!"true".equals(first(lb, "internal"))) {
                var zones = values(lb.inputs(), "subnets[*]").size();
                hourly(lb, "its public IPv4 addresses, one per AZ", "publicIpv4", zones);
            }
        }

        /** One Auto Scaling group: the instances it runs for the service's start, their volumes, monitoring and addresses. */
        private void group(Plan.PlannedResource group) {
            var types = instanceTypes(group);
            var first = types.isEmpty() ? "?" : types.getFirst();
            var distribution = "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity";
            var onDemand = "100".equals(first(group, distribution));
            var instances = instances(group, onDemand, first);
            var od = prices.price("instance:" + first, region);
            var family = InstanceType.parse(first).map(InstanceType::family).orElse(first);
            var live = prices.spotPrice(first, region);
            if (!onDemand) {
                spotTypes.add(first);
            }
            if (onDemand) {
                add(group, "%d on-demand %s".formatted(instances, first), instances * hours * od.usd(),
                        "%d × %d h × $%s/hour".formatted(instances, hours, number(od.usd())), od);
            } else if (live.isPresent()) {
                var spotPrice = live.get().usd();
                add(group, "%d Spot %s".formatted(instances, first), instances * hours * spotPrice,
                        "%d × %d h × $%s/hour Spot (%s)".formatted(instances, hours, number(spotPrice), live.get().source()), live.get());
                spotSavings += instances * hours * Math.max(0, od.usd() - spotPrice);
                spot.add("%s: the current Spot price, %s".formatted(first, live.get().source()));
            } else {
                var discount = prices.spotDiscount(family);
                var spotPrice = od.usd() * (1 - discount.discount());
                add(group, "%d Spot %s".formatted(instances, first), instances * hours * spotPrice,
                        "%d × %d h × $%s/hour on demand, less %s%%".formatted(instances, hours, number(od.usd()),
                                number(discount.discount() * 100)), od);
                spotSavings += instances * hours * (od.usd() - spotPrice);
                spot.add("%s at %s%% below on demand (an assumed saving, %s; %s, %s)".formatted(family, number(discount.discount() * 100),
                        discount.status().name().toLowerCase(Locale.ROOT), discount.source(), discount.date()));
            }
            var template = one(LAUNCH_TEMPLATE);
            if (template.isPresent() && instances > 0) {
                var gib = values(template.get().inputs(), "blockDeviceMappings[*].ebs.volumeSize").stream()
                        .mapToDouble(Double::parseDouble).sum();
                var gp3 = prices.price("gp3Storage", region);
                add(group, "%d × %s GiB gp3 root volume".formatted(instances, number(gib)), instances * gib * gp3.usd(),
                        "%d × %s GB × $%s/%s".formatted(instances, number(gib), number(gp3.usd()), gp3.unit()), gp3);
                if ("true".equals(first(template.get(), "monitoring.enabled"))) {
                    var metric = prices.price("metric", region);
                    add(group, "detailed monitoring", instances * DETAILED_MONITORING_METRICS * metric.usd(),
                            "%d × %d metrics × $%s/%s".formatted(instances, DETAILED_MONITORING_METRICS, number(metric.usd()), metric.unit()),
                            metric);
                }
                if (values(template.get().inputs(), "networkInterfaces[*].associatePublicIpAddress").contains("true")) {
                    hourly(group, "public IPv4 address of each instance", "publicIpv4", instances);
                }
            }
        }

        /**
         * The instances a group runs for the service's starting tasks: the on-demand group exactly what its base tasks
         * need (ECS sizes it to them), the Spot group what the rest need divided by the Spot provider's target capacity
         * (below 100 one spare), at least its minimum.
         */
        private int instances(Plan.PlannedResource group, boolean onDemand, String type) {
            var service = one(SERVICE);
            var desired = service.map(s -> integer(first(s, "desiredCount"))).orElse(0);
            var task = one(TASK);
            var perInstance = Math.max(1, InstanceType.parse(type).flatMap(InstanceCatalog::lookup).map(size -> Math.min(
                    size.taskMemoryMib() / Math.max(1, task.map(t -> integer(first(t, "memory"))).orElse(1)),
                    size.cpuUnits() / Math.max(1, task.map(t -> integer(first(t, "cpu"))).orElse(1)))).orElse(1));
            var base = service.map(Pricing::base).orElse(0);
            var min = integer(first(group, "minSize"));
            if (onDemand) {
                return Math.max(min, ceil(base, perInstance));
            }
            var targets = all(CAPACITY_PROVIDER).stream()
                    .map(provider -> integer(first(provider, "autoScalingGroupProvider.managedScaling.targetCapacity")))
                    .filter(target -> target > 0 && target < 100).toList();
            var spotTasks = Math.max(0, desired - base);
            var needed = ceil(spotTasks, perInstance);
            var withSpare = targets.isEmpty() ? needed : ceil(needed * 100, targets.getFirst());
            return Math.max(min, withSpare);
        }

        /** A Fargate service's tasks: the base on FARGATE at Fargate's price, the rest at Fargate Spot's. */
        private void fargate(Plan.PlannedResource service) {
            var providers = strategies(service).stream().map(strategy -> String.valueOf(strategy.get("capacityProvider"))).toList();
            if (!providers.contains("FARGATE") && !providers.contains("FARGATE_SPOT")) {
                return;
            }
            var task = one(TASK).orElseThrow();
            var vcpus = integer(first(task, "cpu")) / 1024.0;
            var gb = integer(first(task, "memory")) / 1024.0;
            var arm = "ARM64".equals(first(task, "runtimePlatform.cpuArchitecture"));
            var cpu = prices.price(arm ? "fargateArm64Vcpu" : "fargateX86Vcpu", region);
            var memory = prices.price(arm ? "fargateArm64Memory" : "fargateX86Memory", region);
            var perTask = hours * (vcpus * cpu.usd() + gb * memory.usd());
            var desired = integer(first(service, "desiredCount"));
            var base = Math.min(desired, base(service));
            var sizing = "%d h × (%s vCPU × $%s + %s GB × $%s)".formatted(hours, number(vcpus), number(cpu.usd()), number(gb),
                    number(memory.usd()));
            add(service, "%d Fargate task%s (on demand)".formatted(base, base == 1 ? "" : "s"), base * perTask, base + " × " + sizing,
                    cpu, memory);
            var spotTasks = desired - base;
            var discount = prices.fargateSpot();
            add(service, "%d Fargate Spot task%s".formatted(spotTasks, spotTasks == 1 ? "" : "s"), spotTasks * perTask * (1 - discount.discount()),
                    "%d × %s, less %s%%".formatted(spotTasks, sizing, number(discount.discount() * 100)), cpu, memory);
            spotSavings += spotTasks * perTask * discount.discount();
            spot.add("Fargate Spot at %s%% below Fargate (an assumed saving, %s; %s, %s)".formatted(number(discount.discount() * 100),
                    discount.status().name().toLowerCase(Locale.ROOT), discount.source(), discount.date()));
            if ("true".equals(first(service, "networkConfiguration.assignPublicIp"))) {
                hourly(service, "public IPv4 address of each task", "publicIpv4", desired);
            }
        }

        private void alarm(Plan.PlannedResource alarm) {
            var metrics = values(alarm.inputs(), "metricQueries[*].metric.metricName").size();
            var count = Math.max(1, metrics);
            var price = prices.price("alarmMetric", region);
            add(alarm, "alarm on %d metric%s".formatted(count, count == 1 ? "" : "s"), count * price.usd(),
                    "%d × $%s/%s".formatted(count, number(price.usd()), price.unit()), price);
        }

        private void containerInsights(Plan.PlannedResource cluster) {
            if (!values(cluster.inputs(), "settings[*].value").contains("enabled")) {
                return;
            }
            var metric = prices.price("metric", region);
            var count = usage.get("containerInsightsMetrics");
            usageKeys.add("containerInsightsMetrics");
            add(cluster, "Container Insights metrics", count * metric.usd(), "%s × $%s/%s (containerInsightsMetrics)"
                    .formatted(number(count), number(metric.usd()), metric.unit()), metric);
            usageLine(cluster, "Container Insights performance logs", "logIngestion", "containerInsightsLogGb");
        }

        /** The fleet watch function: one run a minute, its memory for the seconds each run takes. */
        private void function(Plan.PlannedResource function) {
            var perMinute = all(EVENT_RULE).stream().anyMatch(rule -> "rate(1 minute)".equals(first(rule, "scheduleExpression")));
            var runs = perMinute ? hours * 60.0 : 0;
            var gb = integer(first(function, "memorySize")) / 1024.0;
            var seconds = usage.get("fleetWatchSecondsPerRun");
            usageKeys.add("fleetWatchSecondsPerRun");
            var arm = values(function.inputs(), "architectures[*]").contains("arm64");
            var compute = prices.price(arm ? "lambdaArm64Compute" : "lambdaX86Compute", region);
            var requests = prices.price("lambdaRequests", region);
            add(function, "%s runs a month".formatted(number(runs)), runs / 1e6 * requests.usd() + runs * gb * seconds * compute.usd(),
                    "%s runs × ($%s per million + %s GB × %s s × $%s/GB-second) (fleetWatchSecondsPerRun)".formatted(number(runs),
                            number(requests.usd()), number(gb), number(seconds), number(compute.usd())), requests, compute);
        }

        private boolean isFlowLogGroup(Plan.PlannedResource group) {
            return all(FLOW_LOG).stream().anyMatch(log -> log.references().stream()
                    .anyMatch(reference -> reference.input().equals("logDestination") && reference.resource().equals(group.name())));
        }

        private void hourly(Plan.PlannedResource resource, String what, String priceId, int count) {
            var price = prices.price(priceId, region);
            add(resource, count == 1 ? what : "%s (%d)".formatted(what, count), count * hours * price.usd(),
                    "%d × %d h × $%s/%s".formatted(count, hours, number(price.usd()), price.unit()), price);
        }

        private void monthly(Plan.PlannedResource resource, String what, String priceId, int count) {
            var price = prices.price(priceId, region);
            add(resource, what, count * price.usd(), "%d × $%s/%s".formatted(count, number(price.usd()), price.unit()), price);
        }

        private void usageLine(Plan.PlannedResource resource, String what, String priceId, String usageKey) {
            var price = prices.price(priceId, region);
            var amount = usage.get(usageKey);
            usageKeys.add(usageKey);
            add(resource, what, amount * price.usd(), "%s × $%s/%s (%s)".formatted(number(amount), number(price.usd()), price.unit(), usageKey),
                    price);
        }

        private void add(Plan.PlannedResource resource, String what, double monthly, String basis, PriceList.Price... used) {
            lines.add(new Line(resource.name(), what, monthly, basis, List.of(used)));
        }

        private List<Plan.PlannedResource> all(String type) {
            return plan.resources().stream().filter(resource -> resource.type().equals(type)).toList();
        }

        private Optional<Plan.PlannedResource> one(String type) {
            return all(type).stream().findFirst();
        }

        private static String first(Plan.PlannedResource resource, String path) {
            return values(resource.inputs(), path).stream().findFirst().orElse(null);
        }

        /**
         * Every value at {@code path} ({@code a.b.c}, {@code [*]} marks are optional), as text, a whole number without ".0":
         * a list met on the way is walked item by item, so lists of lists come out flat.
         */
        private static List<String> values(Map<String, Object> inputs, String path) {
            List<Object> found = List.of(inputs);
            for (var step : path.replace("[*]", "").split("\\.")) {
                var next = new ArrayList<>();
                for (var value : found) {
                    flatten(value instanceof Map<?, ?> map ? map.get(step) : null, next);
                }
                found = next;
            }
            return found.stream().map(value -> String.valueOf(value).replaceAll("^(-?\\d+)\\.0$", "$1")).toList();
        }

        private static void flatten(Object value, List<Object> into) {
            if (value instanceof List<?> list) {
                list.forEach(item -> flatten(item, into));
            } else if (value != null) {
                into.add(value);
            }
        }

        private static int integer(String text) {
            return text == null ? 0 : (int) Math.round(Double.parseDouble(text));
        }

        /** The group's instance types, in priority order (its launch template overrides). */
        private static List<String> instanceTypes(Plan.PlannedResource group) {
            return group.inputs().get("mixedInstancesPolicy") instanceof Map<?, ?> policy
                    && policy.get("launchTemplate") instanceof Map<?, ?> template
                    && template.get("overrides") instanceof List<?> overrides
                    ? overrides.stream().filter(Map.class::isInstance).map(item -> String.valueOf(((Map<?, ?>) item).get("instanceType")))
                    .toList() : List.of();
        }

        /** The service's capacity provider strategies, item by item (offline the providers' names are mostly computed). */
        private static List<Map<?, ?>> strategies(Plan.PlannedResource service) {
            return service.inputs().get("capacityProviderStrategies") instanceof List<?> list
                    ? list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList() : List.of();
        }

        /** The tasks the service keeps on on-demand capacity: the base of whichever strategy carries one. */
        private static int base(Plan.PlannedResource service) {
            return strategies(service).stream().filter(strategy -> strategy.get("base") != null)
                    .map(strategy -> integer(String.valueOf(strategy.get("base")))).findFirst().orElse(0);
        }

        private static int ceil(int a, int b) {
            return (a + b - 1) / b;
        }
    }

    /** Whether a usage key was used (printed) by this estimate. */
    boolean uses(String key) {
        return usageKeys.contains(key);
    }

    /** Everything priced is in {@code lines}; a convenience for tests: the monthly figure of the lines of {@code resource}. */
    double of(String resource) {
        return lines.stream().filter(line -> Objects.equals(line.resource(), resource)).mapToDouble(Line::monthly).sum();
    }

    /** By resource, in plan order: what each costs a month. */
    Map<String, Double> byResource() {
        var totals = new LinkedHashMap<String, Double>();
        lines.forEach(line -> totals.merge(line.resource(), line.monthly(), Double::sum));
        return totals;
    }
}
