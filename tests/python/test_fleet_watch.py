"""Tests of the fleet watch function against AWS's contracts: its events and its APIs.

The events are AWS's documented examples, verbatim (each cites its source). The AWS calls go through real botocore
clients wrapped in botocore's Stubber, which checks every request the function makes, and every canned response
given back, against the service's model (the shapes, types and required members); no request leaves the process
(the sockets are closed to these tests). The responses are shaped like the models' output shapes.

Run: python3 -m unittest discover -s tests/python (FleetWatchFunctionTest runs it in the Maven build).
The function's module is found through PYTHONPATH=src/main/resources/spotfleet/infra/functions. botocore comes
from Debian's python3-botocore (.ci/run installs it) or any botocore on the path; the run prints which.
"""

import json
import socket
import sys
import types
import unittest
from pathlib import Path

try:
    import botocore
    import botocore.session
    from botocore.exceptions import ClientError
    from botocore.stub import ANY, Stubber
except ImportError as missing:
    raise ImportError("the fleet watch tests need botocore: sudo apt-get install -y python3-botocore") from missing

import fleet_watch

print(f"fleet watch tests: botocore {botocore.__version__} from {botocore.__file__}", file=sys.stderr)

ENVIRONMENT = {
    "AUTO_SCALING_GROUP_NAME": "capacity-asg-1234567",
    "TOPIC_ARN": "arn:aws:sns:us-east-2:123456789012:alerts-topic",
    "METRIC_NAMESPACE": "Spotfleet",
    "STACK": "spotfleet-dev",
}
GROUP = ENVIRONMENT["AUTO_SCALING_GROUP_NAME"]
REGION = "us-east-2"

# --- AWS's documented example events, verbatim (tests/resources/aws-events/, shared with SpotAlertsTest) --------------

EVENTS = Path(__file__).resolve().parents[1] / "resources" / "aws-events"
# awsdocs/amazon-ec2-user-guide, doc_source/spot-instance-termination-notices.md
# (commit 57fb57eab9f86bffe17f97646d1847066f34880d), "EC2 Spot Instance interruption notice"
SPOT_INTERRUPTION_WARNING = (EVENTS / "ec2-spot-instance-interruption-warning.json").read_text()
# awsdocs/amazon-ec2-user-guide, doc_source/rebalance-recommendations.md
# (commit 0f17a814957a4cbcdb23d8ebfcda3cd7f0febb15), "Use Amazon EventBridge"
REBALANCE_RECOMMENDATION = (EVENTS / "ec2-instance-rebalance-recommendation.json").read_text()
# awsdocs/aws-lambda-developer-guide, doc_source/services-cloudwatchevents.md
# (commit 119ccaa5539325ed9381061642f0cdd2f230f2f5), "Example EventBridge (CloudWatch Events) message event"
SCHEDULED_EVENT = (EVENTS / "scheduled-event.json").read_text()
# awsdocs/amazon-ec2-auto-scaling-user-guide, doc_source/ec2-auto-scaling-event-reference.md
# (commit 309b0386bb47f395cc12c15d681e1e88f50bf2e1), "EC2 Instance Launch Unsuccessful". SpotAlerts sends these
# straight to the topic; the function is never subscribed to them.
LAUNCH_UNSUCCESSFUL = (EVENTS / "ec2-instance-launch-unsuccessful.json").read_text()

DOCUMENTED_INSTANCE = "i-1234567890abcdef0"

# --- The values EC2 gives Instance.InstanceLifecycle ----------------------------------------------------------------

# The AWS SDK for Java v2 model, software.amazon.awssdk:ec2 2.57.8 (Maven Central):
# software.amazon.awssdk.services.ec2.model.InstanceLifecycleType, the type of Instance.instanceLifecycle(), has
# SPOT("spot"), SCHEDULED("scheduled"), CAPACITY_BLOCK("capacity-block") and
# INTERRUPTIBLE_CAPACITY_RESERVATION("interruptible-capacity-reservation") (read with javap -c from the jar).
# Debian's python3-botocore 1.29.27, botocore/data/ec2/2016-11-15/service-2.json, shape InstanceLifecycleType:
# "enum": ["spot", "scheduled"]. EC2 leaves the member out for an on-demand instance.
SDK_LIFECYCLES = ("spot", "scheduled", "capacity-block", "interruptible-capacity-reservation")
A_FUTURE_LIFECYCLE = "some-option-ec2-adds-later"


# --- Stubbed AWS clients --------------------------------------------------------------------------------------------

SESSION = botocore.session.get_session()  # one session: the service models are loaded once


def client(service):
    return SESSION.create_client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


class Aws:
    """Real botocore clients behind Stubbers, as fleet_watch.AwsClients; records what reaches each API."""

    def __init__(self):
        self.clients = fleet_watch.AwsClients(client("autoscaling"), client("ec2"), client("cloudwatch"), client("sns"))
        self.stubbers = {name: Stubber(getattr(self.clients, name)) for name in ("autoscaling", "ec2", "cloudwatch", "sns")}
        self.calls = []  # (service, operation, params) in the order the function made them, across the four clients
        for name, stubbed in vars(self.clients).items():
            stubbed.meta.events.register("before-parameter-build.*.*", self._recorder(name))
        for stubber in self.stubbers.values():
            stubber.activate()

    def _recorder(self, service):
        def record(model, params, **_):
            self.calls.append((service, model.name, params))
        return record

    def group(self, *instances):
        """DescribeAutoScalingGroups answers with this group (the model's required members) and its instances."""
        self.stubbers["autoscaling"].add_response("describe_auto_scaling_groups", {"AutoScalingGroups": [{
            "AutoScalingGroupName": GROUP, "MinSize": 0, "MaxSize": 10, "DesiredCapacity": len(instances),
            "DefaultCooldown": 300, "AvailabilityZones": ["us-east-2a", "us-east-2b"], "HealthCheckType": "EC2",
            "CreatedTime": "2025-06-01T12:00:00Z",
            "Instances": [{"InstanceId": instance_id, "AvailabilityZone": "us-east-2a", "LifecycleState": state,
                           "HealthStatus": "Healthy", "ProtectedFromScaleIn": False} for instance_id, state in instances],
        }]}, {"AutoScalingGroupNames": [GROUP]})

    def no_group(self):
        self.stubbers["autoscaling"].add_response("describe_auto_scaling_groups", {"AutoScalingGroups": []},
                                                  {"AutoScalingGroupNames": [GROUP]})

    def instances(self, asked, *described, next_token=None, token=None):
        """DescribeInstances, filtered to the {asked} ids, answers with {described} (one reservation each)."""
        expected = {"Filters": [{"Name": "instance-id", "Values": list(asked)}]}
        if token:
            expected["NextToken"] = token
        response = {"Reservations": [{"ReservationId": f"r-{n}", "Instances": [i]} for n, i in enumerate(described)]}
        if next_token:
            response["NextToken"] = next_token
        self.stubbers["ec2"].add_response("describe_instances", response, expected)

    def metrics(self, data):
        self.stubbers["cloudwatch"].add_response("put_metric_data", {}, {"Namespace": "Spotfleet", "MetricData": data})

    def metrics_fail(self):
        self.stubbers["cloudwatch"].add_client_error("put_metric_data", service_error_code="InternalServiceError",
                                                     http_status_code=500)

    def publish(self, subject):
        self.stubbers["sns"].add_response("publish", {"MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e"},
                                          {"TopicArn": ENVIRONMENT["TOPIC_ARN"], "Subject": subject, "Message": ANY})

    def publish_fails(self):
        self.stubbers["sns"].add_client_error("publish", service_error_code="KMSAccessDenied", http_status_code=400,
                                              service_message="The ciphertext refers to a customer master key that"
                                                              " does not exist, or you do not have access to it.")

    def made(self, service=None):
        return [(s, operation) for s, operation, _ in self.calls if service in (None, s)]

    def published_message(self):
        return next(params["Message"] for s, operation, params in self.calls if operation == "Publish")

    def assert_all_answered(self):
        for stubber in self.stubbers.values():
            stubber.assert_no_pending_responses()


def described(instance_id, group=GROUP, lifecycle=None, instance_type="t3.micro", zone="us-east-2a"):
    """An instance as DescribeInstances describes it (members of the ec2 model's Instance shape)."""
    instance = {"InstanceId": instance_id, "InstanceType": instance_type, "Placement": {"AvailabilityZone": zone},
                "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "capacity"}]}
    if group:
        instance["Tags"].append({"Key": "aws:autoscaling:groupName", "Value": group})
    if lifecycle:
        instance["InstanceLifecycle"] = lifecycle
    return instance


def in_service_data(on_demand, spot, other):
    return [{"MetricName": "InServiceInstances",
             "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}, {"Name": "PurchaseOption", "Value": option}],
             "Value": count, "Unit": "Count"}
            for option, count in (("OnDemand", on_demand), ("Spot", spot), ("Other", other))]


def event_data(metric):
    return [{"MetricName": metric, "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}], "Value": 1,
             "Unit": "Count"}]


def run(event, aws):
    return fleet_watch.handler(json.loads(event) if isinstance(event, str) else event, None,
                               clients=aws.clients, environ=ENVIRONMENT)


def scheduled():
    return SCHEDULED_EVENT


_connect = socket.socket.connect


def setUpModule():
    def refuse(*_):
        raise AssertionError("a fleet watch test tried to open a network connection")
    socket.socket.connect = refuse


def tearDownModule():
    socket.socket.connect = _connect


class CountingTheFleet(unittest.TestCase):

    def test_in_service_instances_are_counted_by_purchase_option(self):
        # given one on-demand and two Spot instances in service, and one still pending
        aws = Aws()
        aws.group(("i-od", "InService"), ("i-spot1", "InService"), ("i-spot2", "InService"), ("i-new", "Pending"))
        aws.instances(["i-od", "i-spot1", "i-spot2"],
                      described("i-od"), described("i-spot1", lifecycle="spot"), described("i-spot2", lifecycle="spot"))
        aws.metrics(in_service_data(1, 2, 0))
        # when
        counts = run(scheduled(), aws)
        # then
        self.assertEqual(counts, {"OnDemand": 1, "Spot": 2, "Other": 0})
        self.assertEqual(aws.made(), [("autoscaling", "DescribeAutoScalingGroups"), ("ec2", "DescribeInstances"),
                                      ("cloudwatch", "PutMetricData")])
        aws.assert_all_answered()

    def test_an_empty_group_publishes_zeros_without_describing_instances(self):
        # given a group with nothing in service
        aws = Aws()
        aws.group(("i-gone", "Terminating"))
        aws.metrics(in_service_data(0, 0, 0))
        # when
        counts = run(scheduled(), aws)
        # then
        self.assertEqual(counts, {"OnDemand": 0, "Spot": 0, "Other": 0})
        self.assertEqual(aws.made("ec2"), [])
        aws.assert_all_answered()

    def test_an_instance_ec2_no_longer_knows_is_not_counted(self):
        # given the group still lists an instance EC2 has already forgotten
        aws = Aws()
        aws.group(("i-od", "InService"), ("i-forgotten", "InService"))
        aws.instances(["i-od", "i-forgotten"], described("i-od"))
        aws.metrics(in_service_data(1, 0, 0))
        # when / then
        self.assertEqual(run(scheduled(), aws), {"OnDemand": 1, "Spot": 0, "Other": 0})
        aws.assert_all_answered()

    def test_instances_are_described_by_filter_in_batches_of_100_following_every_page(self):
        # given 250 instances in service; EC2 answers the first batch in two pages
        ids = [f"i-{n:017x}" for n in range(250)]
        aws = Aws()
        aws.group(*((i, "InService") for i in ids))
        aws.instances(ids[:100], *(described(i) for i in ids[:40]), next_token="page-2")
        aws.instances(ids[:100], *(described(i) for i in ids[40:100]), token="page-2")
        aws.instances(ids[100:200], *(described(i, lifecycle="spot") for i in ids[100:200]))
        aws.instances(ids[200:], *(described(i, lifecycle="spot") for i in ids[200:]))
        aws.metrics(in_service_data(100, 150, 0))
        # when
        counts = run(scheduled(), aws)
        # then
        self.assertEqual(counts, {"OnDemand": 100, "Spot": 150, "Other": 0})
        self.assertEqual(len(aws.made("ec2")), 4)
        aws.assert_all_answered()

    def test_a_group_that_is_gone_fails_naming_it_and_publishes_nothing(self):
        # given no group of that name
        aws = Aws()
        aws.no_group()
        # when / then: the run fails (the function's Errors alarm sees it), and no zeros hide the gap
        with self.assertRaisesRegex(LookupError, "Auto Scaling group capacity-asg-1234567 not found"):
            run(scheduled(), aws)
        self.assertEqual(aws.made("cloudwatch"), [])
        aws.assert_all_answered()


class PurchaseOptions(unittest.TestCase):
    """Absent InstanceLifecycle is on-demand, "spot" is Spot, anything else is counted apart and logged."""

    def test_each_lifecycle_ec2_knows_and_one_it_may_add_is_counted_where_it_belongs(self):
        expected = {None: "OnDemand", "spot": "Spot", "scheduled": "Other", "capacity-block": "Other",
                    "interruptible-capacity-reservation": "Other", A_FUTURE_LIFECYCLE: "Other"}
        self.assertTrue(set(SDK_LIFECYCLES) <= set(expected))
        for lifecycle, option in expected.items():
            with self.subTest(lifecycle=lifecycle):
                self.assertEqual(fleet_watch.purchase_option(described("i-1", lifecycle=lifecycle)), option)

    def test_every_lifecycle_in_the_installed_botocore_model_is_known_to_these_tests(self):
        # given the ec2 model's enum, as the botocore running these tests has it (1.29: spot, scheduled)
        enum = client("ec2").meta.service_model.shape_for("InstanceLifecycleType").enum
        # when / then: a value the model gains must be added to SDK_LIFECYCLES (and so to the test above)
        self.assertTrue(set(enum) <= set(SDK_LIFECYCLES), enum)
        self.assertIn("spot", enum)

    def test_instances_of_other_purchase_options_are_counted_apart_and_logged_never_as_on_demand(self):
        # given one instance of each lifecycle value, in service
        lifecycles = (None,) + SDK_LIFECYCLES + (A_FUTURE_LIFECYCLE,)
        ids = [f"i-{n}" for n in range(len(lifecycles))]
        aws = Aws()
        aws.group(*((i, "InService") for i in ids))
        aws.instances(ids, *(described(i, lifecycle=lifecycle) for i, lifecycle in zip(ids, lifecycles)))
        aws.metrics(in_service_data(1, 1, 4))
        # when
        with self.assertLogs(level="WARNING") as logs:
            counts = run(scheduled(), aws)
        # then
        self.assertEqual(counts, {"OnDemand": 1, "Spot": 1, "Other": 4})
        self.assertEqual(len(logs.records), 4)
        for instance_id, lifecycle in zip(ids[2:], lifecycles[2:]):
            self.assertTrue(any(instance_id in line and repr(lifecycle) in line for line in logs.output), (lifecycle, logs.output))
        aws.assert_all_answered()


class SpotEvents(unittest.TestCase):

    def test_awss_example_interruption_warning_for_this_groups_instance_is_alerted_then_counted(self):
        # given AWS's example event, for an instance of this group
        aws = Aws()
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, lifecycle="spot", instance_type="t3a.micro",
                                                       zone="us-east-2b"))
        aws.publish("spotfleet-dev: Spot interruption warning for i-1234567890abcdef0")
        aws.metrics(event_data("SpotInterruptionWarnings"))
        # when
        result = run(SPOT_INTERRUPTION_WARNING, aws)
        # then
        self.assertEqual(result, {"alerted": True, "instance": DOCUMENTED_INSTANCE})
        self.assertEqual(aws.made(), [("ec2", "DescribeInstances"), ("sns", "Publish"), ("cloudwatch", "PutMetricData")])
        message = aws.published_message()
        self.assertIn("EC2 will action Spot instance i-1234567890abcdef0 (t3a.micro in us-east-2b) of Auto Scaling group "
                      + GROUP, message)  # the example's instance-action is the placeholder "action"
        self.assertIn("at yyyy-mm-ddThh:mm:ssZ in us-east-2 (id 12345678-1234-1234-1234-123456789012)", message)
        aws.assert_all_answered()

    def test_awss_example_rebalance_recommendation_for_this_groups_instance_is_alerted_then_counted(self):
        # given
        aws = Aws()
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, lifecycle="spot"))
        aws.publish("spotfleet-dev: Spot rebalance recommendation for i-1234567890abcdef0")
        aws.metrics(event_data("RebalanceRecommendations"))
        # when
        run(REBALANCE_RECOMMENDATION, aws)
        # then
        self.assertEqual(aws.made(), [("ec2", "DescribeInstances"), ("sns", "Publish"), ("cloudwatch", "PutMetricData")])
        self.assertIn("at elevated risk of interruption", aws.published_message())
        aws.assert_all_answered()

    def test_events_for_other_instances_of_the_account_are_ignored(self):
        # given the example event for an instance of another group, one of no group, and one EC2 no longer knows
        aws = Aws()
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, group="someone-elses-asg", lifecycle="spot"))
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, group=None, lifecycle="spot"))
        aws.instances([DOCUMENTED_INSTANCE])
        # when
        results = [run(SPOT_INTERRUPTION_WARNING, aws) for _ in range(3)]
        # then
        self.assertEqual([r["alerted"] for r in results], [False, False, False])
        self.assertEqual(aws.made("sns") + aws.made("cloudwatch"), [])
        aws.assert_all_answered()


class CountingEachEventOnce(unittest.TestCase):
    """Lambda retries a failed asynchronous run twice (AWS Lambda Developer Guide, "How Lambda handles errors and
    retries with asynchronous invocation"); the count must not grow with the retries."""

    def test_when_the_alert_cannot_be_published_nothing_is_counted_and_the_retry_counts_once(self):
        # given the first run cannot publish (the topic's key refuses), its retry can
        aws = Aws()
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, lifecycle="spot"))
        aws.publish_fails()
        aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, lifecycle="spot"))
        aws.publish("spotfleet-dev: Spot interruption warning for i-1234567890abcdef0")
        aws.metrics(event_data("SpotInterruptionWarnings"))
        # when: the first run fails, so Lambda runs the event again
        with self.assertRaises(ClientError):
            run(SPOT_INTERRUPTION_WARNING, aws)
        counted_by_the_failed_run = aws.made("cloudwatch")
        run(SPOT_INTERRUPTION_WARNING, aws)
        # then
        self.assertEqual(counted_by_the_failed_run, [])
        self.assertEqual(aws.made("cloudwatch"), [("cloudwatch", "PutMetricData")])
        aws.assert_all_answered()

    def test_when_counting_fails_after_the_alert_the_retry_alerts_again_and_counts_once(self):
        # given the first run publishes but cannot count, its retry can do both
        aws = Aws()
        for _ in range(2):
            aws.instances([DOCUMENTED_INSTANCE], described(DOCUMENTED_INSTANCE, lifecycle="spot"))
            aws.publish("spotfleet-dev: Spot rebalance recommendation for i-1234567890abcdef0")
        aws.metrics_fail()
        aws.metrics(event_data("RebalanceRecommendations"))
        # when: the failed count fails the run (the Errors alarm sees it), so Lambda runs the event again
        with self.assertRaises(ClientError):
            run(REBALANCE_RECOMMENDATION, aws)
        run(REBALANCE_RECOMMENDATION, aws)
        # then: alerted twice (the same event id in both), counted once
        self.assertEqual(len(aws.made("sns")), 2)
        self.assertEqual(len([p for s, o, p in aws.calls if o == "PutMetricData"]), 2)  # the failed one and the retry's
        aws.assert_all_answered()


class SnsSubjects(unittest.TestCase):
    """Debian's python3-botocore 1.29.27, botocore/data/sns/2010-03-31/service-2.json, PublishInput.Subject:
    "Constraints: Subjects must be ASCII text that begins with a letter, number, or punctuation mark; must not
    include line breaks or control characters; and must be less than 100 characters long." (The model's subject
    shape itself states no limit, so the Stubber cannot check this: these tests do.)"""

    def assertAcceptedBySns(self, subject):
        self.assertLess(len(subject), 100, subject)
        self.assertTrue(subject.isascii(), subject)
        self.assertTrue(subject.isprintable(), subject)  # no line breaks, no control characters
        self.assertTrue(subject[0].isalnum() or subject[0] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", subject)

    def test_99_characters_pass_unchanged(self):
        text = "s" * 99
        self.assertEqual(fleet_watch.sns_subject(text), text)

    def test_100_characters_are_cut_to_99_and_marked(self):
        subject = fleet_watch.sns_subject("s" * 100)
        self.assertEqual(subject, "s" * 96 + "...")
        self.assertAcceptedBySns(subject)

    def test_101_characters_are_cut_to_99_and_marked(self):
        subject = fleet_watch.sns_subject("s" * 50 + " " + "t" * 50)
        self.assertEqual(subject, "s" * 50 + " " + "t" * 45 + "...")
        self.assertAcceptedBySns(subject)

    def test_a_cut_does_not_leave_a_space_before_the_mark(self):
        self.assertEqual(fleet_watch.sns_subject("s" * 95 + " " + "t" * 10), "s" * 95 + "...")

    def test_multibyte_characters_become_ascii_before_the_length_is_counted(self):
        # given 98 characters, three of them multibyte in UTF-8 (5 bytes more than characters, 2 of a kind each)
        text = "Zürich-prod: Spot interruption warning for i-0abc " + "x" * 45 + "é€🙂"
        self.assertEqual(len(text), 98)
        # when
        subject = fleet_watch.sns_subject(text)
        # then: accents dropped, the rest "?"
        self.assertEqual(subject, "Zurich-prod: Spot interruption warning for i-0abc " + "x" * 45 + "e??")
        self.assertAcceptedBySns(subject)

    def test_multibyte_characters_over_the_limit_are_cut_as_ascii(self):
        subject = fleet_watch.sns_subject("€" * 150)
        self.assertEqual(subject, "?" * 96 + "...")
        self.assertAcceptedBySns(subject)

    def test_line_breaks_tabs_and_control_characters_become_single_spaces(self):
        subject = fleet_watch.sns_subject(" \tspotfleet-dev:\r\nSpot\x00\x07 warning\u2028for\x7fi-0abc\n")
        self.assertEqual(subject, "spotfleet-dev: Spot warning for i-0abc")
        self.assertAcceptedBySns(subject)

    def test_a_subject_with_nothing_printable_left_gets_a_fixed_one(self):
        self.assertEqual(fleet_watch.sns_subject("\n\t\x00 "), "spotfleet alert")

    def test_the_alerts_subject_is_cut_when_the_stack_name_is_long(self):
        # given a stack name that makes the subject longer than SNS accepts
        config = fleet_watch.Config(GROUP, "arn", "Spotfleet", "s" * 90)
        # when
        subject, _ = fleet_watch.alert(json.loads(SPOT_INTERRUPTION_WARNING), described(DOCUMENTED_INSTANCE), config)
        # then
        self.assertEqual(subject, "s" * 90 + ": Spot...")
        self.assertAcceptedBySns(subject)


class UnexpectedInput(unittest.TestCase):

    def test_awss_example_failed_launch_is_not_the_functions_and_fails_naming_it(self):
        # given AWS's example of the event SpotAlerts routes to the topic, not to the function
        aws = Aws()
        # when / then
        with self.assertRaisesRegex(ValueError, "source 'aws.autoscaling', detail-type 'EC2 Instance Launch Unsuccessful'"):
            run(LAUNCH_UNSUCCESSFUL, aws)
        self.assertEqual(aws.calls, [])

    def test_an_event_it_was_not_subscribed_to_fails_naming_it(self):
        # given / when / then
        with self.assertRaisesRegex(ValueError, "detail-type 'EC2 Instance State-change Notification'"):
            run({"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification"}, Aws())


class InLambda(unittest.TestCase):
    """Outside the tests the clients are boto3's, which the Lambda Python runtime includes (not installed here)."""

    def setUp(self):
        self.made = []
        fake = types.ModuleType("boto3")
        fake.client = lambda service: self.made.append(service) or client(service)
        self.saved = sys.modules.get("boto3")
        sys.modules["boto3"] = fake

    def tearDown(self):
        if self.saved is None:
            del sys.modules["boto3"]
        else:
            sys.modules["boto3"] = self.saved
        fleet_watch._aws = None

    def test_the_clients_are_made_once_per_execution_environment_for_the_four_services(self):
        # given / when
        first, second = fleet_watch.aws(), fleet_watch.aws()
        # then
        self.assertIs(first, second)
        self.assertEqual(self.made, ["autoscaling", "ec2", "cloudwatch", "sns"])
        self.assertEqual([c.meta.service_model.service_name for c in vars(first).values()], self.made)


if __name__ == "__main__":
    unittest.main()
