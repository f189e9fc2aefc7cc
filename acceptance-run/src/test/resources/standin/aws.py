#!/usr/bin/env python3
"""Stand-in AWS endpoints on 127.0.0.1 for the acceptance run's tests, and a stand-in for the stack's service.

Every answer is checked against botocore's own service model before it is sent (the newest botocore the python3 on
the PATH imports): JSON answers member by member against the operation's output shape (names, types, enums), the
query-protocol (STS) answer by parsing it with botocore's own response parser. An answer that does not fit the model
is not sent: the server answers 599 and logs why, so the test fails. Each request's operation is checked to exist in
its service's model. Calls are appended to $STANDIN_STATE/aws.log as "<service> <operation>".

Requests without an AWS signature (GET /) are the stack's service: 200, or 503 when $STANDIN_APP_FAIL_EVERY=n makes
every n-th request fail. $STANDIN_AWS_FAIL=<Operation> answers that operation with a 500 error."""
import datetime, json, os, re, sys, threading, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session
from botocore import parsers

SESSION = botocore.session.get_session()
MODELS = {name: SESSION.get_service_model(name) for name in ("sts", "ecs", "cloudwatch", "fis")}
STATE = os.environ["STANDIN_STATE"]
ACCOUNT = os.environ.get("STANDIN_ACCOUNT", "111122223333")
FAIL = os.environ.get("STANDIN_AWS_FAIL", "")
APP_FAIL_EVERY = int(os.environ.get("STANDIN_APP_FAIL_EVERY", "0"))
lock = threading.Lock()
counters = {"experiment_polls": 0, "app": 0}


def log(line):
    with lock, open(os.path.join(STATE, "aws.log"), "a") as f:
        f.write(line + "\n")


def check(shape, value, path, problems):
    """Whether a JSON value fits a botocore shape; problems get the path and what is wrong."""
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            problems.append("%s: expected an object for %s" % (path, shape.name)); return
        for key, v in value.items():
            if key not in shape.members:
                problems.append("%s.%s: %s has no member %s" % (path, key, shape.name, key)); continue
            check(shape.members[key], v, path + "." + key, problems)
    elif t == "list":
        if not isinstance(value, list):
            problems.append("%s: expected a list" % path); return
        for i, v in enumerate(value):
            check(shape.member, v, "%s[%d]" % (path, i), problems)
    elif t == "map":
        if not isinstance(value, dict):
            problems.append("%s: expected a map" % path); return
        for k, v in value.items():
            check(shape.value, v, "%s.%s" % (path, k), problems)
    elif t == "string":
        if not isinstance(value, str):
            problems.append("%s: expected a string" % path)
        elif shape.enum and value not in shape.enum:
            problems.append("%s: %r is not one of %s's values %s" % (path, value, shape.name, shape.enum))
    elif t in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append("%s: expected an integer" % path)
    elif t in ("double", "float", "timestamp"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append("%s: expected a number" % path)
    elif t == "boolean":
        if not isinstance(value, bool):
            problems.append("%s: expected a boolean" % path)


def now():
    return datetime.datetime.now(datetime.timezone.utc).timestamp()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, body, content_type):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def json_answer(self, service, operation, answer, content_type):
        op = MODELS[service].operation_model(operation)
        problems = []
        check(op.output_shape, answer, operation + "Output", problems)
        if problems:
            log("INVALID %s %s: %s" % (service, operation, "; ".join(problems)))
            return self.reply(599, json.dumps({"message": "; ".join(problems)}), "application/json")
        self.reply(200, json.dumps(answer), content_type)

    def aws(self, service, operation):
        if operation not in MODELS[service].operation_names:
            log("UNKNOWN %s %s" % (service, operation))
            return self.reply(599, "no such operation", "text/plain")
        log("%s %s" % (service, operation))
        if operation == FAIL:
            body = {"__type": "ServiceUnavailableException", "message": "stand-in failure injected"}
            return self.reply(500, json.dumps(body), "application/x-amz-json-1.1")
        return True

    def do_GET(self):
        if "Authorization" not in self.headers:
            counters["app"] += 1
            failing = APP_FAIL_EVERY and counters["app"] % APP_FAIL_EVERY == 0
            return self.reply(503 if failing else 200, "Hello World!" if not failing else "draining", "text/plain")
        m = re.fullmatch(r"/experiments/([^/?]+)", urllib.parse.urlparse(self.path).path)
        if m and self.aws("fis", "GetExperiment") is True:
            with lock:
                counters["experiment_polls"] += 1
                polls = counters["experiment_polls"]
            status = "running" if polls < 2 else "completed"
            started = now() - 2
            answer = {"experiment": {"id": m.group(1), "experimentTemplateId": "EXT123", "state": {"status": status},
                                     "actions": {"interrupt": {"actionId": "aws:ec2:send-spot-instance-interruptions",
                                                               "state": {"status": status}, "startTime": started,
                                                               **({"endTime": now()} if status == "completed" else {})}}}}
            return self.json_answer("fis", "GetExperiment", answer, "application/json")
        if m is None:
            self.reply(404, "not found", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        target = self.headers.get("X-Amz-Target", "")
        path = urllib.parse.urlparse(self.path).path
        if path == "/experiments":
            if self.aws("fis", "StartExperiment") is not True:
                return
            request = json.loads(body)
            problems = []
            check(MODELS["fis"].operation_model("StartExperiment").input_shape, request, "StartExperimentInput", problems)
            for required in MODELS["fis"].operation_model("StartExperiment").input_shape.required_members:
                if required not in request:
                    problems.append("StartExperimentInput.%s is required" % required)
            if problems:
                log("INVALID request fis StartExperiment: " + "; ".join(problems))
                return self.reply(400, json.dumps({"message": "; ".join(problems)}), "application/json")
            answer = {"experiment": {"id": "EXP1a2b3c", "experimentTemplateId": request["experimentTemplateId"],
                                     "state": {"status": "initiating"}, "tags": request.get("tags", {})}}
            return self.json_answer("fis", "StartExperiment", answer, "application/json")
        if target.startswith("AmazonEC2ContainerServiceV20141113."):
            operation = target.split(".", 1)[1]
            if self.aws("ecs", operation) is not True:
                return
            request = json.loads(body)
            answer = {"services": [{"serviceName": request["services"][0], "desiredCount": 3, "runningCount": 3,
                                    "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "desiredCount": 3,
                                                     "runningCount": 3, "rolloutState": "COMPLETED"}]}], "failures": []}
            return self.json_answer("ecs", operation, answer, "application/x-amz-json-1.1")
        if target.startswith("GraniteServiceVersion20100801."):
            operation = target.split(".", 1)[1]
            if self.aws("cloudwatch", operation) is not True:
                return
            request = json.loads(body)
            results = [{"Id": q["Id"], "Label": q["Id"], "Timestamps": [now()], "Values": [0.0 if "5" in q["Id"] else 42.0],
                        "StatusCode": "Complete"} for q in request["MetricDataQueries"]]
            return self.json_answer("cloudwatch", operation, {"MetricDataResults": results}, "application/x-amz-json-1.0")
        form = urllib.parse.parse_qs(body)
        if form.get("Action") == ["GetCallerIdentity"]:
            if self.aws("sts", "GetCallerIdentity") is not True:
                return
            xml = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                   "<Arn>arn:aws:iam::%s:user/standin</Arn><UserId>AIDASTANDIN</UserId><Account>%s</Account>"
                   "</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                   "</GetCallerIdentityResponse>") % (ACCOUNT, ACCOUNT)
            op = MODELS["sts"].operation_model("GetCallerIdentity")
            parsed = parsers.create_parser("query").parse({"body": xml.encode(), "headers": {}, "status_code": 200}, op.output_shape)
            if parsed.get("Account") != ACCOUNT or "Arn" not in parsed:
                log("INVALID sts GetCallerIdentity: botocore read %s" % parsed)
                return self.reply(599, "invalid", "text/plain")
            return self.reply(200, xml, "text/xml")
        log("UNHANDLED %s %s %s %s" % (self.path, target, self.headers.get("Content-Type"), body[:200]))
        self.reply(599, "unhandled", "text/plain")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
