package spotfleet.contract;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The AWS API contract check: for every resource of every planned stack, the AWS requests the provider sends
 * ({@link Mappings}), checked against the botocore models ({@link ShapeValidator}), the documented constraints and
 * the embedded JSON documents; and every plan property either mapped or listed as not sent, with the reason.
 */
public final class ContractCheck {

    private final ServiceModels models;
    private final Mappings mappings;
    private final DocumentedConstraints documented;
    private final AllowList allowList;

    public ContractCheck(ServiceModels models, Mappings mappings, DocumentedConstraints documented, AllowList allowList) {
        this.models = models;
        this.mappings = mappings;
        this.documented = documented;
        this.allowList = allowList;
    }

    /** The check as the build runs it: the installed models, every mapping, the committed allow-list. */
    public static ContractCheck standard() {
        return standard(ServiceModels.installed());
    }

    /** The check against {@code models}: every mapping, the constraints as those models let them apply, the allow-list. */
    public static ContractCheck standard(ServiceModels models) {
        return new ContractCheck(models, Mappings.all(), DocumentedConstraints.all(models), AllowList.load());
    }

    public ServiceModels models() {
        return models;
    }

    public AllowList allowList() {
        return allowList;
    }

    /** What the check found, and what it covered. */
    public record Result(List<Finding> findings, Coverage coverage) {
    }

    public Result run(List<PlannedStack> stacks) {
        var findings = Collections.synchronizedList(new ArrayList<Finding>());
        var coverage = new Coverage();
        var validator = new ShapeValidator(models, documented, allowList, coverage, findings);
        for (var stack : stacks) {
            coverage.stack(stack.stack() + " (" + stack.source() + ")");
            var defaultTags = stack.defaultTags();
            for (var resource : stack.resources()) {
                check(resource, defaultTags, validator, coverage, findings);
            }
        }
        return new Result(List.copyOf(findings), coverage);
    }

    private void check(PlanResource resource, java.util.Map<String, Object> defaultTags, ShapeValidator validator,
                       Coverage coverage, List<Finding> findings) {
        if (resource.kind().equals("component")) {
            coverage.component(resource.type());
            return;
        }
        var notAws = mappings.notAwsReason(resource.type());
        if (notAws.isPresent()) {
            coverage.notAws(resource.type(), notAws.get());
            return;
        }
        coverage.count(resource.type(), CheckKind.MAPPING);
        var mapping = mappings.forType(resource.type());
        if (mapping.isEmpty()) {
            findings.add(new Finding(resource.stack(), resource.type(), resource.name(), "(resource type)", "", "", "",
                    CheckKind.MAPPING, "no mapping to AWS requests for this resource type: add one (docs/aws-contract-check.md)"));
            return;
        }
        var requests = new ResourceRequests(resource, models, defaultTags);
        mapping.get().requests().accept(requests);
        for (var request : requests.requests()) {
            coverage.request(resource.type(), mapping.get().source(), request.label());
            validator.validate(request);
            request.documents().forEach(document -> document(request, document, coverage, findings));
        }
        requests.notSentReasons().forEach((path, reason) -> coverage.notSent(resource.type(), path, reason));
        unmapped(resource, requests, coverage, findings);
    }

    /** Every input leaf that went into no request and is not listed as not sent fails: the mapping must grow with the program. */
    private static void unmapped(PlanResource resource, ResourceRequests requests, Coverage coverage, List<Finding> findings) {
        PlanPaths.leaves("", resource.inputs())
                .filter(leaf -> !leaf.isEmpty())
                .filter(leaf -> requests.consumed().stream().noneMatch(consumed -> PlanPaths.within(leaf, consumed)))
                .map(PlanPaths::generic)
                .distinct()
                .forEach(leaf -> {
                    coverage.count(resource.type(), CheckKind.MAPPING);
                    findings.add(new Finding(resource.stack(), resource.type(), resource.name(), leaf, "", "", "",
                            CheckKind.MAPPING, "neither mapped to an AWS request nor listed as not sent (with its reason) "
                            + "in the type's mapping: extend it (docs/aws-contract-check.md)"));
                });
    }

    private static void document(ApiRequest request, ApiRequest.EmbeddedDocument document, Coverage coverage, List<Finding> findings) {
        var resource = request.resource();
        var type = resource.type();
        var kindLabel = document.check().kind();
        Object parsed;
        coverage.count(type, CheckKind.JSON);
        try {
            parsed = new Gson().fromJson(document.text(), Object.class);
        } catch (JsonParseException e) {
            findings.add(new Finding(resource.stack(), type, resource.name(), document.planPath(), request.label(), document.member(),
                    kindLabel, CheckKind.JSON, "the %s is not JSON: %s".formatted(kindLabel, e.getMessage())));
            return;
        }
        document.check().check(parsed, new DocumentCheck.Sink() {
            @Override
            public void checked(CheckKind kind) {
                coverage.count(type, kind);
            }

            @Override
            public void fail(String path, CheckKind kind, String message) {
                findings.add(new Finding(resource.stack(), type, resource.name(), document.planPath(), request.label(),
                        document.member() + " (" + kindLabel + ")" + (path.isEmpty() ? "" : " " + path), kindLabel, kind, message));
            }
        });
    }
}
