"""Fleet watch for one spotfleet stack: an AWS Lambda function the Pulumi program deploys (FleetWatch.java).

Two jobs, each for what AWS does not offer on its own:

* Every minute (an EventBridge schedule) it counts the Auto Scaling group's in-service instances by purchase
  option (on-demand, Spot, other) and publishes them as CloudWatch metrics. EC2 Auto Scaling publishes no
  per-purchase-option metric, and CloudWatch metrics carry no instance tags.
* For "EC2 Spot Instance Interruption Warning" and "EC2 Instance Rebalance Recommendation" events, which carry only
  the instance id (an EventBridge pattern cannot pick this group's instances out of the account's), it reads the
  instance's aws:autoscaling:groupName tag. For this group's instances only, it publishes an alert to the stack's
  SNS topic, then counts the event as a metric; other instances' events are ignored.

Configuration, from the environment: AUTO_SCALING_GROUP_NAME, TOPIC_ARN, METRIC_NAMESPACE, STACK.
Tested locally (tests/python) with botocore clients whose every request and canned response botocore's Stubber
checks against the service models; AwsClients holds the four clients, boto3's in Lambda.
"""

import logging
import os
import unicodedata
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
OTHER = "Other"
PURCHASE_OPTIONS = (ON_DEMAND, SPOT, OTHER)
# SNS's Publish: "Subjects must be ASCII text that begins with a letter, number, or punctuation mark; must not
# include line breaks or control characters; and must be less than 100 characters long." (botocore's SNS model)
SNS_SUBJECT_LIMIT = 100
FALLBACK_SUBJECT = "spotfleet alert"
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
        _aws = AwsClients.from_boto3()
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
    # Alert first, count second: when publishing fails, the run fails before counting, and Lambda's retry of the
    # event (it retries a failed asynchronous run twice) counts it once. The price: when counting fails after the
    # alert went out, the retry alerts again. Duplicate deliveries (EventBridge and Lambda deliver at least once)
    # are alerted and counted again; the alert names the event id, so a reader can tell.
    subject, message = alert(event, instance, config)
    clients.publish(config.topic_arn, subject, message)
    clients.put_metric_data(config.namespace, event_metric_data(config.group, event["detail-type"]))
    log.info("%s for %s: alerted", event["detail-type"], instance_id)
    return {"alerted": True, "instance": instance_id}


def in_service_ids(group):
    """The ids of the group's instances that are InService (not pending, standby or terminating)."""
    return [i["InstanceId"] for i in group.get("Instances", []) if i.get("LifecycleState") == "InService"]


def purchase_option(instance):
    """EC2 leaves InstanceLifecycle out for on-demand instances and says "spot" for Spot ones. Any other value
    ("scheduled", "capacity-block", "interruptible-capacity-reservation", or one EC2 adds later) is neither."""
    lifecycle = instance.get("InstanceLifecycle")
    if lifecycle is None:
        return ON_DEMAND
    return SPOT if lifecycle == "spot" else OTHER


def count_by_purchase_option(instances):
    """In-service instances per purchase option; the other ones are logged, so their lifecycle can be looked up."""
    counts = dict.fromkeys(PURCHASE_OPTIONS, 0)
    for instance in instances:
        option = purchase_option(instance)
        if option == OTHER:
            log.warning("instance %s has InstanceLifecycle %r, neither on-demand nor Spot: counted as %s",
                        instance.get("InstanceId"), instance["InstanceLifecycle"], OTHER)
        counts[option] += 1
    return counts


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
        for option in PURCHASE_OPTIONS
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
    """The SNS subject (one line, what SNS accepts) and the message a person reads."""
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
    subject = sns_subject(f"{config.stack}: {title}")
    message = "\n".join([
        what,
        "",
        f"Stack: {config.stack}",
        f"Event: {event['detail-type']} at {event.get('time', '?')} in {event.get('region', '?')} (id {event.get('id', '?')})",
        "Several of these in a short time mean the Spot pools are short of capacity: consider adding instance types",
        "(spotfleet:instanceTypes) or a price-capacity-optimized allocation (spotfleet:spotAllocationStrategy).",
    ])
    return subject, message


def sns_subject(text):
    """The text as a subject SNS accepts: ASCII (accents dropped, other characters as "?"), one line (line breaks,
    tabs and control characters as spaces), starting with a letter, digit or punctuation mark (printable ASCII
    that is not a space is one of those), and under SNS_SUBJECT_LIMIT characters (cut, marked with "...")."""
    chars = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        if char.isspace() or unicodedata.category(char) == "Cc":
            char = " "
        elif not char.isascii():
            char = "?"
        chars.append(char)
    subject = " ".join("".join(chars).split()) or FALLBACK_SUBJECT
    if len(subject) >= SNS_SUBJECT_LIMIT:
        subject = subject[:SNS_SUBJECT_LIMIT - 4].rstrip() + "..."
    return subject


class AwsClients:
    """The four AWS clients the function calls; in Lambda, boto3's (which the Python runtime includes)."""

    def __init__(self, autoscaling, ec2, cloudwatch, sns):
        self.autoscaling = autoscaling
        self.ec2 = ec2
        self.cloudwatch = cloudwatch
        self.sns = sns

    @staticmethod
    def from_boto3():
        import boto3  # imported here, so the tests need only botocore
        return AwsClients(*(boto3.client(service) for service in ("autoscaling", "ec2", "cloudwatch", "sns")))

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
