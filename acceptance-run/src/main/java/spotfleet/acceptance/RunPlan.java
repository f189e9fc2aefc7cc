package spotfleet.acceptance;

import java.time.Duration;

/**
 * What a run creates, how long it takes and what it costs at most, printed before anything is created. The prices are
 * an ESTIMATE, from AWS's public on-demand price lists for eu-west-1 as this file was written (they are not read at
 * run time): other regions and later prices differ. The bound is deliberately high: every instance priced on demand
 * (Spot is cheaper), the run's longest possible duration, at least one hour of each hourly-billed item.
 */
final class RunPlan {

    /** USD per hour, on demand, eu-west-1 (estimate): t3.medium, the largest type Pulumi.acceptance.yaml lists. */
    static final double INSTANCE_HOUR = 0.0456;
    /** USD per hour: an Application Load Balancer, plus a few LCUs of this small load. */
    static final double LOAD_BALANCER_HOUR = 0.0252 + 0.008 * 3;
    /** USD per hour, and per GB processed: one NAT gateway (spotfleet:natGateways single). */
    static final double NAT_HOUR = 0.048;
    /** USD: FIS bills per action-minute (0.10); one action of two minutes, plus the notice. */
    static final double FIS_EXPERIMENT = 0.10 * 3;
    /** Instances at most: the Spot group's maxInstances (4) and the on-demand group's (2) in Pulumi.acceptance.yaml. */
    static final int MAX_INSTANCES = 6;

    private RunPlan() {
    }

    static Duration longest(Options o) {
        // up (~15 min for a fresh VPC, NAT, ALB, instances, image build), serving, baseline, experiment, heal, deploy,
        // cool-down, destroy (~15 min)
        return Duration.ofMinutes(15).plus(AcceptanceRun.SERVING_TIMEOUT).plus(o.baseline())
                .plus(AcceptanceRun.EXPERIMENT_TIMEOUT).plus(o.healTimeout()).plus(Duration.ofMinutes(15))
                .plus(o.rolloutTimeout()).plus(o.coolDown()).plus(Duration.ofMinutes(15));
    }

    static double maxCostUsd(Options o) {
        var hours = Math.max(1, Math.ceil(longest(o).toMinutes() / 60.0));
        return hours * (MAX_INSTANCES * INSTANCE_HOUR + LOAD_BALANCER_HOUR + NAT_HOUR) + FIS_EXPERIMENT + 1.0;
    }

    static String text(Options o, String account) {
        var longest = longest(o);
        return """
                The acceptance run will, in AWS account %s, region %s:
                  create  a throwaway stack acceptance-<time>-<random> from Pulumi.acceptance.yaml (tagged spotfleet:acceptance):
                          a VPC with one NAT gateway, an Application Load Balancer, an ECS cluster with a Spot and an on-demand
                          Auto Scaling group (up to %d instances: t3.small/t3a.small/t3.medium), the service (3 tasks), its
                          image built by your Docker engine and pushed to a new ECR repository, alarms, a dashboard, a Lambda
                          function, an SNS topic and key, and an AWS FIS experiment template with its role
                  load    %d requests per second on the stack's URL, from this machine, for the whole run
                  break   one Spot instance, with a real two-minute interruption notice (AWS FIS)
                  deploy  a new task definition (an environment variable), rolled out under load
                  destroy everything it created, whatever happens (also on Ctrl-C and SIGTERM)
                takes     typically 45 to 60 minutes; at most %d minutes before it gives up and destroys
                costs     at most about USD %.2f: an ESTIMATE from eu-west-1's on-demand prices (every instance priced on
                          demand, %d h at least), not a quote; Spot, other regions and later prices differ. Data transfer of
                          the load and the image push add cents.
                """.formatted(account, o.region(), MAX_INSTANCES, o.requestsPerSecond(), longest.toMinutes(), maxCostUsd(o),
                (long) Math.max(1, Math.ceil(longest.toMinutes() / 60.0)));
    }
}
