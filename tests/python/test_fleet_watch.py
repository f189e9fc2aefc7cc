"""Tests of the fleet watch function's logic, with the AWS calls replaced by a recording fake.

Run: python3 -m unittest discover -s tests/python (FleetWatchFunctionTest runs it in the Maven build).
The function's module is found through PYTHONPATH=src/main/resources/spotfleet/infra/functions.
"""

import sys
import types
import unittest

import fleet_watch

ENVIRONMENT = {
    "AUTO_SCALING_GROUP_NAME": "capacity-asg-1234567",
    "TOPIC_ARN": "arn:aws:sns:eu-west-1:123456789012:alerts-topic",
    "METRIC_NAMESPACE": "Spotfleet",
    "STACK": "spotfleet-dev",
}
GROUP = ENVIRONMENT["AUTO_SCALING_GROUP_NAME"]


def instance(instance_id, group=GROUP, spot=False, instance_type="t3.micro", zone="eu-west-1a"):
    described = {"InstanceId": instance_id, "InstanceType": instance_type, "Placement": {"AvailabilityZone": zone},
                 "Tags": [{"Key": "Name", "Value": "capacity"}]}
    if group:
        described["Tags"].append({"Key": "aws:autoscaling:groupName", "Value": group})
    if spot:
        described["InstanceLifecycle"] = "spot"
    return described


class FakeClients:
    """Answers like AWS from a fixed group and instances, and records what the function sent."""

    def __init__(self, group_instances=(), instances=()):
        self.group = {"AutoScalingGroupName": GROUP, "Instances": list(group_instances)}
        self.instances = {i["InstanceId"]: i for i in instances}
        self.described = []
        self.metrics = []
        self.published = []

    def describe_group(self, name):
        assert name == GROUP, name
        return self.group

    def describe_instances(self, ids):
        self.described.append(list(ids))
        return [self.instances[i] for i in ids if i in self.instances]

    def put_metric_data(self, namespace, data):
        self.metrics.append((namespace, data))

    def publish(self, topic_arn, subject, message):
        self.published.append((topic_arn, subject, message))


def scheduled():
    return {"source": "aws.events", "detail-type": "Scheduled Event", "time": "2025-06-01T12:00:00Z"}


def spot_event(detail_type, instance_id):
    detail = {"instance-id": instance_id}
    if detail_type == fleet_watch.SPOT_WARNING:
        detail["instance-action"] = "terminate"
    return {"id": "7bf73129-1428-4cd3-a780-95db273d1602", "source": "aws.ec2", "detail-type": detail_type,
            "time": "2025-06-01T12:00:00Z", "region": "eu-west-1", "detail": detail}


def run(event, clients):
    return fleet_watch.handler(event, None, clients=clients, environ=ENVIRONMENT)


def in_service(instance_id, state="InService"):
    return {"InstanceId": instance_id, "LifecycleState": state}


class CountingTheFleet(unittest.TestCase):

    def test_in_service_instances_are_counted_by_purchase_option(self):
        # given one on-demand and two Spot instances in service, and one still pending
        clients = FakeClients(
            group_instances=[in_service("i-od"), in_service("i-spot1"), in_service("i-spot2"), in_service("i-new", "Pending")],
            instances=[instance("i-od"), instance("i-spot1", spot=True), instance("i-spot2", spot=True), instance("i-new")])
        # when
        counts = run(scheduled(), clients)
        # then
        self.assertEqual(counts, {"OnDemand": 1, "Spot": 2})
        self.assertEqual(clients.described, [["i-od", "i-spot1", "i-spot2"]])
        namespace, data = clients.metrics[0]
        self.assertEqual(namespace, "Spotfleet")
        self.assertEqual([(d["MetricName"], d["Dimensions"], d["Value"]) for d in data], [
            ("InServiceInstances", [{"Name": "AutoScalingGroupName", "Value": GROUP},
                                    {"Name": "PurchaseOption", "Value": "OnDemand"}], 1),
            ("InServiceInstances", [{"Name": "AutoScalingGroupName", "Value": GROUP},
                                    {"Name": "PurchaseOption", "Value": "Spot"}], 2)])
        self.assertEqual(clients.published, [])

    def test_an_empty_group_publishes_zeros_without_describing_instances(self):
        # given a group with nothing in service
        clients = FakeClients(group_instances=[in_service("i-gone", "Terminating")])
        # when
        counts = run(scheduled(), clients)
        # then
        self.assertEqual(counts, {"OnDemand": 0, "Spot": 0})
        self.assertEqual(clients.described, [])
        self.assertEqual([d["Value"] for d in clients.metrics[0][1]], [0, 0])

    def test_an_instance_ec2_no_longer_knows_is_not_counted(self):
        # given the group still lists an instance EC2 has already forgotten
        clients = FakeClients(group_instances=[in_service("i-od"), in_service("i-forgotten")], instances=[instance("i-od")])
        # when / then
        self.assertEqual(run(scheduled(), clients), {"OnDemand": 1, "Spot": 0})


class SpotEvents(unittest.TestCase):

    def test_an_interruption_warning_for_this_groups_instance_is_counted_and_alerted(self):
        # given
        clients = FakeClients(instances=[instance("i-0abc", spot=True, instance_type="t3a.micro", zone="eu-west-1b")])
        # when
        result = run(spot_event(fleet_watch.SPOT_WARNING, "i-0abc"), clients)
        # then
        self.assertEqual(result, {"alerted": True, "instance": "i-0abc"})
        self.assertEqual(clients.metrics, [("Spotfleet", [{
            "MetricName": "SpotInterruptionWarnings",
            "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}],
            "Value": 1, "Unit": "Count"}])])
        topic, subject, message = clients.published[0]
        self.assertEqual(topic, ENVIRONMENT["TOPIC_ARN"])
        self.assertEqual(subject, "spotfleet-dev: Spot interruption warning for i-0abc")
        self.assertIn("EC2 will terminate Spot instance i-0abc (t3a.micro in eu-west-1b) of Auto Scaling group "
                      + GROUP, message)
        self.assertIn("at 2025-06-01T12:00:00Z in eu-west-1", message)

    def test_a_rebalance_recommendation_for_this_groups_instance_is_counted_and_alerted(self):
        # given
        clients = FakeClients(instances=[instance("i-0def", spot=True)])
        # when
        run(spot_event(fleet_watch.REBALANCE, "i-0def"), clients)
        # then
        self.assertEqual(clients.metrics[0][1][0]["MetricName"], "RebalanceRecommendations")
        _, subject, message = clients.published[0]
        self.assertEqual(subject, "spotfleet-dev: Spot rebalance recommendation for i-0def")
        self.assertIn("at elevated risk of interruption", message)

    def test_events_for_other_instances_of_the_account_are_ignored(self):
        # given an instance of another group, one of no group, and one EC2 no longer knows
        clients = FakeClients(instances=[instance("i-other", group="someone-elses-asg", spot=True),
                                         instance("i-loose", group=None, spot=True)])
        # when
        results = [run(spot_event(fleet_watch.SPOT_WARNING, i), clients) for i in ("i-other", "i-loose", "i-unknown")]
        # then
        self.assertEqual([r["alerted"] for r in results], [False, False, False])
        self.assertEqual(clients.metrics, [])
        self.assertEqual(clients.published, [])

    def test_a_long_subject_is_cut_to_what_sns_accepts(self):
        # given a stack name that makes the subject longer than 100 characters
        config = fleet_watch.Config(GROUP, "arn", "Spotfleet", "s" * 90)
        # when
        subject, _ = fleet_watch.alert(spot_event(fleet_watch.SPOT_WARNING, "i-0abc"), instance("i-0abc"), config)
        # then
        self.assertEqual(len(subject), 100)
        self.assertTrue(subject.endswith("..."))


class FakeBoto3Client:
    """Records every call; describe_instances pages answer one instance per id asked for."""

    def __init__(self, service, calls, groups):
        self.service, self.calls, self.groups = service, calls, groups

    def describe_auto_scaling_groups(self, **kwargs):
        self.calls.append((self.service, "describe_auto_scaling_groups", kwargs))
        return {"AutoScalingGroups": self.groups}

    def get_paginator(self, operation):
        client = self

        class Paginator:
            def paginate(self, **kwargs):
                client.calls.append((client.service, operation, kwargs))
                ids = kwargs["Filters"][0]["Values"]
                return [{"Reservations": [{"Instances": [{"InstanceId": i} for i in ids]}]}]

        return Paginator()


class TheAwsCalls(unittest.TestCase):
    """AwsClients against a stand-in boto3: which calls, with what arguments (boto3 itself is not installed here)."""

    def setUp(self):
        self.calls = []
        self.groups = []
        fake = types.ModuleType("boto3")
        fake.client = lambda service: FakeBoto3Client(service, self.calls, self.groups)
        self.saved = sys.modules.get("boto3")
        sys.modules["boto3"] = fake

    def tearDown(self):
        if self.saved is None:
            del sys.modules["boto3"]
        else:
            sys.modules["boto3"] = self.saved

    def test_instances_are_described_in_batches_of_100_by_filter(self):
        # given
        ids = [f"i-{n:04d}" for n in range(250)]
        # when
        described = fleet_watch.AwsClients().describe_instances(ids)
        # then
        self.assertEqual([i["InstanceId"] for i in described], ids)
        batches = [kwargs["Filters"] for service, operation, kwargs in self.calls]
        self.assertEqual([len(f[0]["Values"]) for f in batches], [100, 100, 50])
        self.assertTrue(all(f[0]["Name"] == "instance-id" for f in batches))

    def test_a_group_that_is_gone_fails_naming_it(self):
        # given no group of that name
        # when / then
        with self.assertRaisesRegex(LookupError, "Auto Scaling group capacity-asg-1234567 not found"):
            fleet_watch.AwsClients().describe_group(GROUP)
        self.assertEqual(self.calls, [("autoscaling", "describe_auto_scaling_groups",
                                       {"AutoScalingGroupNames": [GROUP]})])


class UnexpectedInput(unittest.TestCase):

    def test_an_event_it_was_not_subscribed_to_fails_naming_it(self):
        # given / when / then
        with self.assertRaisesRegex(ValueError, "detail-type 'EC2 Instance State-change Notification'"):
            run({"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification"}, FakeClients())


if __name__ == "__main__":
    unittest.main()
