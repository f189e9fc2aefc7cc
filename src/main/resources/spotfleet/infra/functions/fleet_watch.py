"""Fleet watch for one spotfleet stack: an AWS Lambda function the Pulumi program deploys (FleetWatch.java).

Two jobs, each for what AWS does not offer on its own:

* Every minute (an EventBridge schedule) it counts the Auto Scaling group's in-service instances by purchase
  option and publishes them as CloudWatch metrics. EC2 Auto Scaling publishes no per-purchase-option metric, and
  CloudWatch metrics carry no instance tags.
* For "EC2 Spot Instance Interruption Warning" and "EC2 Instance Rebalance Recommendation" events, which carry only
  the instance id (an EventBridge pattern cannot pick this group's instances out of the account's), it reads the
  instance's aws:autoscaling:groupName tag. For this group's instances only, it counts the event as a metric and
  publishes an alert to the stack's SNS topic; other instances' events are ignored.

Configuration, from the environment: AUTO_SCALING_GROUP_NAME, TOPIC_ARN, METRIC_NAMESPACE, STACK.
The pure functions below are tested locally (tests/python); the AWS calls are the thin AwsClients class.
"""

import logging
import os
from dataclasses import dataclass

GROUP_TAG = "aws:autoscaling:groupName"
SCHEDULED = "Scheduled Event"
SPOT_WARNING = "EC2 Spot Instance Interruption Warning"
REBALANCE = "EC2 Instance Rebalance Recommendation"
EVENT_METRICS = {SPOT_WARNING: "SpotInterruptionWarnings", REBALANCE: "RebalanceRecommendations"}
IN_SERVICE_METRIC = "InServiceInstances"
PURCHASE_OPTION = "PurchaseOption"
ON_DEMAND = "OnDemand"
SPOT = "Spot"
SNS_SUBJECT_MAX = 100
DESCRIBE_INSTANCES_BATCH = 100

log = logging.getLogger()
log.setLevel(logging.INFO)


@dataclass(frozen=True)
class Config:
    group: str
    topic_arn: str
    namespace: str
    stack: str

    @staticmethod
    def from_environment(environ):
        return Config(environ["AUTO_SCALING_GROUP_NAME"], environ["TOPIC_ARN"], environ["METRIC_NAMESPACE"], environ["STACK"])


_aws = None


def aws():
    """The AWS clients, made once per Lambda execution environment rather than once per run."""
    global _aws
    if _aws is None:
        _aws = AwsClients()
    return _aws


def handler(event, context, clients=None, environ=None):
    config = Config.from_environment(os.environ if environ is None else environ)
    clients = clients or aws()
    kind = event.get("detail-type")
    if kind == SCHEDULED:
        return publish_fleet_counts(clients, config)
    if kind in EVENT_METRICS:
        return handle_instance_event(clients, config, event)
    raise ValueError(f"unexpected event: source {event.get('source')!r}, detail-type {kind!r}")


def publish_fleet_counts(clients, config):
    group = clients.describe_group(config.group)
    ids = in_service_ids(group)
    counts = count_by_purchase_option(clients.describe_instances(ids) if ids else [])
    clients.put_metric_data(config.namespace, fleet_metric_data(config.group, counts))
    log.info("in service: %s", counts)
    return counts


def handle_instance_event(clients, config, event):
    instance_id = event.get("detail", {}).get("instance-id")
    instances = clients.describe_instances([instance_id]) if instance_id else []
    instance = instances[0] if instances else None
    if instance is None or group_of(instance) != config.group:
        log.info("%s for %s: not an instance of %s, ignored", event["detail-type"], instance_id, config.group)
        return {"alerted": False, "instance": instance_id}
    clients.put_metric_data(config.namespace, event_metric_data(config.group, event["detail-type"]))
    subject, message = alert(event, instance, config)
    clients.publish(config.topic_arn, subject, message)
    log.info("%s for %s: alerted", event["detail-type"], instance_id)
    return {"alerted": True, "instance": instance_id}


def in_service_ids(group):
    """The ids of the group's instances that are InService (not pending, standby or terminating)."""
    return [i["InstanceId"] for i in group.get("Instances", []) if i.get("LifecycleState") == "InService"]


def count_by_purchase_option(instances):
    """EC2 marks Spot instances with InstanceLifecycle "spot"; everything else is bought on demand."""
    spot = sum(1 for i in instances if i.get("InstanceLifecycle") == "spot")
    return {ON_DEMAND: len(instances) - spot, SPOT: spot}


def fleet_metric_data(group_name, counts):
    """One data point per purchase option, zeros included, so an empty fleet draws 0 rather than a gap."""
    return [
        {
            "MetricName": IN_SERVICE_METRIC,
            "Dimensions": [{"Name": "AutoScalingGroupName", "Value": group_name},
                           {"Name": PURCHASE_OPTION, "Value": option}],
            "Value": counts[option],
            "Unit": "Count",
        }
        for option in (ON_DEMAND, SPOT)
    ]


def event_metric_data(group_name, detail_type):
    return [{
        "MetricName": EVENT_METRICS[detail_type],
        "Dimensions": [{"Name": "AutoScalingGroupName", "Value": group_name}],
        "Value": 1,
        "Unit": "Count",
    }]


def group_of(instance):
    """The Auto Scaling group that launched the instance, from the tag the group puts on it, or None."""
    return next((t["Value"] for t in instance.get("Tags", []) if t.get("Key") == GROUP_TAG), None)


def alert(event, instance, config):
    """The SNS subject (at most 100 characters, one line) and the message a person reads."""
    instance_id = instance["InstanceId"]
    where = f"{instance.get('InstanceType', '?')} in {instance.get('Placement', {}).get('AvailabilityZone', '?')}"
    if event["detail-type"] == SPOT_WARNING:
        action = event.get("detail", {}).get("instance-action", "terminate")
        title = f"Spot interruption warning for {instance_id}"
        what = (f"EC2 will {action} Spot instance {instance_id} ({where}) of Auto Scaling group {config.group} in about"
                " two minutes. ECS drains its tasks and starts them elsewhere; the group launches a replacement.")
    else:
        title = f"Spot rebalance recommendation for {instance_id}"
        what = (f"EC2 says Spot instance {instance_id} ({where}) of Auto Scaling group {config.group} is at elevated"
                " risk of interruption. With capacity rebalancing the group launches a replacement, then drains and"
                " terminates this instance.")
    subject = f"{config.stack}: {title}"
    if len(subject) > SNS_SUBJECT_MAX:
        subject = subject[:SNS_SUBJECT_MAX - 3] + "..."
    message = "\n".join([
        what,
        "",
        f"Stack: {config.stack}",
        f"Event: {event['detail-type']} at {event.get('time', '?')} in {event.get('region', '?')} (id {event.get('id', '?')})",
        "Several of these in a short time mean the Spot pools are short of capacity: consider adding instance types",
        "(spotfleet:instanceTypes) or a price-capacity-optimized allocation (spotfleet:spotAllocationStrategy).",
    ])
    return subject, message


class AwsClients:
    """The AWS calls, through boto3 (part of the Lambda Python runtime; imported here so the tests need none)."""

    def __init__(self):
        import boto3
        self.autoscaling = boto3.client("autoscaling")
        self.ec2 = boto3.client("ec2")
        self.cloudwatch = boto3.client("cloudwatch")
        self.sns = boto3.client("sns")

    def describe_group(self, name):
        groups = self.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"]
        if not groups:
            raise LookupError(f"Auto Scaling group {name} not found")
        return groups[0]

    def describe_instances(self, ids):
        """The instances still known to EC2. A filter, unlike InstanceIds, skips an id EC2 no longer knows."""
        instances = []
        paginator = self.ec2.get_paginator("describe_instances")
        for start in range(0, len(ids), DESCRIBE_INSTANCES_BATCH):
            batch = ids[start:start + DESCRIBE_INSTANCES_BATCH]
            for page in paginator.paginate(Filters=[{"Name": "instance-id", "Values": batch}]):
                instances += [i for reservation in page["Reservations"] for i in reservation["Instances"]]
        return instances

    def put_metric_data(self, namespace, data):
        self.cloudwatch.put_metric_data(Namespace=namespace, MetricData=data)

    def publish(self, topic_arn, subject, message):
        self.sns.publish(TopicArn=topic_arn, Subject=subject, Message=message)
