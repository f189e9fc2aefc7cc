package spotfleet.contract;

/** Lambda functions and permissions, as hashicorp/terraform-provider-aws's {@code internal/service/lambda} creates them. */
final class LambdaMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/lambda/";

    private LambdaMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:lambda/function:Function", DIR + "function.go (resourceFunctionCreate)", r -> {
            r.request("lambda", "CreateFunction").name("FunctionName")
                    .copy("architectures", "Architectures")
                    .copy("description", "Description")
                    .copy("environment", "Environment")
                    .copy("handler", "Handler")
                    .copy("loggingConfig", "LoggingConfig")
                    .copy("memorySize", "MemorySize")
                    .copy("role", "Role")
                    .copy("runtime", "Runtime")
                    .copy("timeout", "Timeout")
                    .copy("packageType", "PackageType")
                    .copy("layers", "Layers")
                    .copy("reservedConcurrentExecutions", "ReservedConcurrentExecutions")
                    .set("Code.ZipFile", PlanResource.COMPUTED, "provider: the code archive, zipped")
                    .tags(Tags.map("Tags"));
            r.notSent("code", "a Pulumi archive: the provider zips it into CreateFunction's Code.ZipFile; the plan has only "
                    + "its files' sizes and digests, so the 50 MB zipped limit is not checked here");
        });
        mappings.add("aws:lambda/permission:Permission", DIR + "permission.go", r -> {
            var request = r.request("lambda", "AddPermission").copy("function", "FunctionName").copy("action", "Action")
                    .copy("principal", "Principal").copy("sourceArn", "SourceArn").copy("sourceAccount", "SourceAccount")
                    .copy("qualifier", "Qualifier");
            if (r.input("statementId").isPresent()) {
                request.copy("statementId", "StatementId");
            } else {
                request.set("StatementId", Values.GENERATED_ID, "provider: a generated statement id");
            }
        });
    }
}
