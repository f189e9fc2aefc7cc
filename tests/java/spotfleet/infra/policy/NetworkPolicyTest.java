package spotfleet.infra.policy;

import spotfleet.infra.components.Capacity;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/**
 * Who can reach what: security groups, subnets and routes. The load balancer is the only thing the internet reaches,
 * on 80 (and 443 with a domain); the instances are reached only from it, on the ports tasks are published on.
 */
class NetworkPolicyTest {

    static final Set<String> ANYWHERE = Set.of("0.0.0.0/0", "::/0");
    /** Remote shells: SSH and RDP. The instances are reached through SSM Session Manager instead. */
    static final List<Integer> REMOTE_ADMIN_PORTS = List.of(22, 3389);

    @PolicyCheck
    void onlyTheLoadBalancerAdmitsTheInternet(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var loadBalancerGroup = loadBalancerSecurityGroupId(stack);
        var allowedPorts = stack.hasDomain() ? Set.of(80, 443) : Set.of(80);
        // when
        for (var rule : stack.each(INGRESS_RULE)) {
            var cidr = cidr(rule);
            if (cidr == null) {
                continue;
            }
            findings.require(loadBalancerGroup.equals(input(rule, "securityGroupId")), rule,
                    "admits %s to a group other than the load balancer's", cidr);
            findings.require(ANYWHERE.contains(cidr), rule, "admits the address block %s; only the load balancer is open, to anyone", cidr);
            findings.require("tcp".equals(input(rule, "ipProtocol")) && allowedPorts.contains(port(rule, "fromPort"))
                            && port(rule, "fromPort") == port(rule, "toPort"), rule,
                    "admits %s on %s; the internet may reach only tcp %s", cidr, ports(rule), allowedPorts);
        }
        var openPorts = stack.declared().all(INGRESS_RULE).stream()
                .filter(rule -> loadBalancerGroup.equals(input(rule, "securityGroupId")) && cidr(rule) != null)
                .map(rule -> port(rule, "fromPort"))
                .collect(Collectors.toSet());
        findings.require(openPorts.equals(allowedPorts), loadBalancer(stack), "is open on %s, expected exactly %s (443 only with a domain)",
                openPorts, allowedPorts);
        // then
        findings.assertNone("nothing but the load balancer admits the internet, and only on HTTP (and HTTPS with a domain)");
    }

    @PolicyCheck
    void instancesAdmitOnlyTheLoadBalancerOnTheEphemeralPorts(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var instanceGroup = instanceSecurityGroupId(stack);
        var loadBalancerGroup = loadBalancerSecurityGroupId(stack);
        // when
        var rules = stack.each(INGRESS_RULE).stream().filter(rule -> instanceGroup.equals(input(rule, "securityGroupId"))).toList();
        findings.require(!rules.isEmpty(), stack.referencedBy(SECURITY_GROUP, instanceGroup), "admits nothing: the load balancer cannot reach the tasks");
        for (var rule : rules) {
            findings.require(loadBalancerGroup.equals(input(rule, "referencedSecurityGroupId")) && cidr(rule) == null, rule,
                    "admits %s to the instances; only the load balancer's group may reach them",
                    cidr(rule) != null ? cidr(rule) : input(rule, "referencedSecurityGroupId"));
            findings.require(isTaskPort(stack, rule), rule, "admits %s; tasks are published on %s", ports(rule), taskPorts(stack));
        }
        // then
        findings.assertNone("instances (on Fargate, the tasks) admit only the load balancer, only on the tasks' ports");
    }

    @PolicyCheck
    void theLoadBalancerSendsOnlyToTheInstances(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var instanceGroup = instanceSecurityGroupId(stack);
        var loadBalancerGroup = loadBalancerSecurityGroupId(stack);
        // when
        var rules = stack.each(EGRESS_RULE).stream().filter(rule -> loadBalancerGroup.equals(input(rule, "securityGroupId"))).toList();
        findings.require(!rules.isEmpty(), loadBalancer(stack), "may send nowhere: it cannot reach the tasks");
        for (var rule : rules) {
            findings.require(instanceGroup.equals(input(rule, "referencedSecurityGroupId")) && cidr(rule) == null
                            && isTaskPort(stack, rule),
                    rule, "lets the load balancer send to %s on %s; only to the task ports (%s)",
                    cidr(rule) != null ? cidr(rule) : input(rule, "referencedSecurityGroupId"), ports(rule), taskPorts(stack));
        }
        // then
        findings.assertNone("the load balancer egresses only to the instances' (on Fargate, the tasks') task ports");
    }

    @PolicyCheck
    void noRuleAdmitsSshOrRdp(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var rule : stack.each(INGRESS_RULE)) {
            REMOTE_ADMIN_PORTS.stream().filter(port -> covers(rule, port)).forEach(port ->
                    findings.add(rule, "admits port %d (%s from %s)", port, ports(rule),
                            cidr(rule) != null ? cidr(rule) : input(rule, "referencedSecurityGroupId")));
        }
        // then
        findings.assertNone("no security group admits SSH or RDP: instances are reached through SSM");
    }

    @PolicyCheck
    void securityGroupsHaveNoInlineRules(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when: inline rules would escape the rule checks above, and fight the separate rule resources
        for (var group : stack.each(SECURITY_GROUP)) {
            findings.require(isEmpty(input(group, "ingress")) && isEmpty(input(group, "egress")), group,
                    "has inline rules (ingress %s, egress %s)", input(group, "ingress"), input(group, "egress"));
        }
        for (var group : stack.each(DEFAULT_SECURITY_GROUP)) {
            findings.require(isEmpty(input(group, "ingress")) && isEmpty(input(group, "egress")), group,
                    "the VPC's default group has rules (ingress %s, egress %s): anything launched without a group would get them",
                    input(group, "ingress"), input(group, "egress"));
        }
        // then
        findings.assertNone("every rule is its own resource, and the default security group has none");
    }

    @PolicyCheck
    void everyVpcHasItsDefaultSecurityGroupEmptied(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var defaultGroupVpcs = stack.each(DEFAULT_SECURITY_GROUP).stream().map(group -> input(group, "vpcId")).toList();
        // when
        for (var vpc : stack.each(VPC)) {
            findings.require(defaultGroupVpcs.contains(vpc.id()), vpc, "its default security group is left with AWS's allow-all rules");
        }
        // then
        findings.assertNone("every VPC's default security group is taken over and emptied");
    }

    @PolicyCheck
    void everyVpcLogsTheTrafficItRejects(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var logGroups = stack.declared().all(LOG_GROUP).stream().map(group -> group.outputs().get("arn")).toList();
        var buckets = stack.declared().all(BUCKET).stream().map(bucket -> bucket.outputs().get("arn") + "/flowlogs").toList();
        // when
        for (var vpc : stack.each(VPC)) {
            var flowLogs = stack.declared().all(FLOW_LOG).stream().filter(log -> vpc.id().equals(input(log, "vpcId"))).toList();
            findings.require(flowLogs.stream().anyMatch(log -> Set.of("REJECT", "ALL").contains(input(log, "trafficType"))), vpc,
                    "has no flow log of rejected traffic (flow logs: %s)", flowLogs.stream().map(DeclaredResource::name).toList());
            for (var log : flowLogs) {
                var destination = input(log, "logDestination");
                var ofTheStack = "s3".equals(input(log, "logDestinationType")) ? buckets.contains(destination)
                        : logGroups.contains(destination);
                findings.require(ofTheStack, log, "delivers to %s (%s), which is not a log group or the log bucket of the stack"
                        + " (no retention, no protection)", destination, input(log, "logDestinationType"));
            }
        }
        // then
        findings.assertNone("every VPC records the traffic its security groups turn away, in a log group or the log bucket of the stack");
    }

    @PolicyCheck
    void subnetsAssignNoPublicIps(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var subnet : stack.each(SUBNET)) {
            findings.require(Boolean.FALSE.equals(input(subnet, "mapPublicIpOnLaunch")), subnet,
                    "mapPublicIpOnLaunch is %s: whatever launches there gets a public address", input(subnet, "mapPublicIpOnLaunch"));
        }
        // then
        findings.assertNone("no subnet hands out public IPs (the load balancer and NAT gateways bring their own)");
    }

    @PolicyCheck
    void workloadsLiveBehindNatOrInPublicSubnetsWithoutIt(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var withoutNat = !stack.settings().network().natGateways().privateSubnets();
        // when
        var placed = new java.util.LinkedHashMap<DeclaredResource, List<?>>();
        stack.each(AUTO_SCALING_GROUP).forEach(group -> placed.put(group, (List<?>) input(group, "vpcZoneIdentifiers")));
        if (stack.onFargate()) {
            for (var service : stack.each(ECS_SERVICE)) {
                findings.require(Boolean.valueOf(withoutNat).equals(input(service, "networkConfiguration.assignPublicIp")), service,
                        "gives its Fargate tasks assignPublicIp %s %s NAT gateway", input(service, "networkConfiguration.assignPublicIp"),
                        withoutNat ? "without a" : "behind a");
                placed.put(service, (List<?>) input(service, "networkConfiguration.subnets"));
            }
        }
        findings.require(!placed.isEmpty(), loadBalancer(stack), "the stack places its tasks nowhere this check can see");
        if (withoutNat) {
            findings.require(stack.declared().all(NAT_GATEWAY).isEmpty(), loadBalancer(stack), "natGateways is none, yet it declares %s",
                    stack.declared().all(NAT_GATEWAY).stream().map(DeclaredResource::name).toList());
        }
        placed.forEach((owner, subnetIds) -> {
            for (var subnetId : subnetIds) {
                var subnet = stack.referencedBy(SUBNET, subnetId);
                var routes = defaultRoutes(stack, subnet);
                if (withoutNat) {
                    // out through the internet gateway with their own address; in only as instancesAdmitOnlyTheLoadBalancer... allows
                    findings.require(!routes.isEmpty() && routes.stream().allMatch(r -> r.get("gatewayId") != null && r.get("natGatewayId") == null),
                            owner, "launches into %s, whose default route is %s, not the internet gateway", subnet.name(), routes);
                } else {
                    findings.require(!routes.isEmpty() && routes.stream().allMatch(r -> r.get("natGatewayId") != null && r.get("gatewayId") == null),
                            owner, "launches into %s, whose default route is %s, not a NAT gateway", subnet.name(), routes);
                }
            }
        });
        // then
        findings.assertNone(withoutNat ? "without NAT the workloads reach out through the internet gateway from the public subnets;"
                + " their security group admits only the load balancer (instancesAdmitOnlyTheLoadBalancerOnTheEphemeralPorts)"
                : "instances (on Fargate, the tasks) reach out only through NAT; nothing routes in to them");
    }

    @PolicyCheck
    void privateRouteTablesReachS3ThroughTheGatewayEndpoint(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var privateTables = stack.declared().all(ROUTE_TABLE).stream().filter(table -> ((List<?>) input(table, "routes")).stream()
                .anyMatch(route -> ((Map<?, ?>) route).get("natGatewayId") != null)).toList();
        var endpoints = stack.declared().all(VPC_ENDPOINT);
        // when
        if (privateTables.isEmpty()) {
            findings.require(endpoints.isEmpty(), loadBalancer(stack), "has no NAT route to spare, yet declares %s",
                    endpoints.stream().map(DeclaredResource::name).toList());
        }
        for (var table : privateTables) {
            var serving = endpoints.stream().filter(endpoint -> "Gateway".equals(input(endpoint, "vpcEndpointType"))
                    && String.valueOf(input(endpoint, "serviceName")).matches("com\\.amazonaws\\.[a-z0-9-]+\\.s3")
                    && ((List<?>) input(endpoint, "routeTableIds")).contains(table.id())).toList();
            findings.require(serving.size() == 1, table, "routes through NAT but %d S3 gateway endpoints serve it", serving.size());
        }
        // then
        findings.assertNone("every route table through NAT reaches S3 (and ECR's image layers) through the free gateway endpoint");
    }

    /** The routes to 0.0.0.0/0 of the route table associated with {@code subnet}. */
    private static List<Map<?, ?>> defaultRoutes(PolicyStack stack, DeclaredResource subnet) {
        return stack.declared().all(ROUTE_TABLE_ASSOCIATION).stream()
                .filter(association -> subnet.id().equals(input(association, "subnetId")))
                .map(association -> stack.referencedBy(ROUTE_TABLE, input(association, "routeTableId")))
                .flatMap(table -> ((List<?>) input(table, "routes")).stream().<Map<?, ?>>map(route -> (Map<?, ?>) route))
                .filter(route -> "0.0.0.0/0".equals(route.get("cidrBlock")))
                .toList();
    }

    static String loadBalancerSecurityGroupId(PolicyStack stack) {
        return String.valueOf(((List<?>) input(loadBalancer(stack), "securityGroups")).getFirst());
    }

    /** The group the tasks are reached through: the instances' (from the launch template), on Fargate the tasks' own. */
    static String instanceSecurityGroupId(PolicyStack stack) {
        if (stack.onFargate()) {
            return String.valueOf(((List<?>) input(stack.each(ECS_SERVICE).getFirst(), "networkConfiguration.securityGroups")).getFirst());
        }
        var template = stack.each(LAUNCH_TEMPLATE).getFirst();
        var groups = input(template, "vpcSecurityGroupIds") != null ? input(template, "vpcSecurityGroupIds")
                : input(template, "networkInterfaces.0.securityGroups"); // without NAT the group is on the interface
        return String.valueOf(((List<?>) groups).getFirst());
    }

    /** The ports tasks are reached on: Docker's ephemeral host ports in bridge mode, the container port on Fargate. */
    private static boolean isTaskPort(PolicyStack stack, DeclaredResource rule) {
        if (!stack.onFargate()) {
            return isEphemeralTcp(rule);
        }
        var port = stack.settings().service().containerPort();
        return "tcp".equals(input(rule, "ipProtocol")) && port(rule, "fromPort") == port && port(rule, "toPort") == port;
    }

    private static String taskPorts(PolicyStack stack) {
        return stack.onFargate() ? "tcp " + stack.settings().service().containerPort()
                : "tcp %d-%d".formatted(Capacity.EPHEMERAL_PORT_FROM, Capacity.EPHEMERAL_PORT_TO);
    }

    private static DeclaredResource loadBalancer(PolicyStack stack) {
        return stack.each(LOAD_BALANCER).getFirst();
    }

    private static String cidr(DeclaredResource rule) {
        var v4 = input(rule, "cidrIpv4");
        var v6 = input(rule, "cidrIpv6");
        return v4 != null ? String.valueOf(v4) : v6 != null ? String.valueOf(v6) : null;
    }

    private static int port(DeclaredResource rule, String which) {
        return input(rule, which) instanceof Number n ? n.intValue() : -1;
    }

    /** {@code tcp 80-80}, or {@code all traffic} for protocol -1. */
    private static String ports(DeclaredResource rule) {
        var protocol = String.valueOf(input(rule, "ipProtocol"));
        return protocol.equals("-1") ? "all traffic" : "%s %d-%d".formatted(protocol, port(rule, "fromPort"), port(rule, "toPort"));
    }

    private static boolean isEphemeralTcp(DeclaredResource rule) {
        return "tcp".equals(input(rule, "ipProtocol")) && port(rule, "fromPort") == Capacity.EPHEMERAL_PORT_FROM
                && port(rule, "toPort") == Capacity.EPHEMERAL_PORT_TO;
    }

    /** Whether the rule lets {@code port} through: protocol -1 is every protocol and port. */
    private static boolean covers(DeclaredResource rule, int port) {
        if ("-1".equals(String.valueOf(input(rule, "ipProtocol")))) {
            return true;
        }
        return port(rule, "fromPort") <= port && port <= port(rule, "toPort");
    }

    private static boolean isEmpty(Object rules) {
        return rules == null || rules instanceof List<?> list && list.isEmpty();
    }
}
