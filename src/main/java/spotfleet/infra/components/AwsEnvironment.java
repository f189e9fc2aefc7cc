package spotfleet.infra.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.Resource;

/**
 * Where the stack deploys: account, partition and region, asked of the AWS provider that {@code parent} uses
 * (never of the environment), so ARNs and policies name the account and region the resources are really in.
 */
final class AwsEnvironment {

    private AwsEnvironment() {
    }

    static Output<String> accountId(Resource parent) {
        return AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), through(parent))
                .applyValue(identity -> identity.accountId());
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}: the first part of every ARN. */
    static Output<String> partition(Resource parent) {
        return AwsFunctions.getPartition(GetPartitionArgs.builder().build(), through(parent)).applyValue(p -> p.partition());
    }

    static Output<String> region(Resource parent) {
        return AwsFunctions.getRegion(GetRegionArgs.builder().build(), through(parent)).applyValue(r -> r.name());
    }

    private static InvokeOptions through(Resource parent) {
        return InvokeOptions.builder().parent(parent).build();
    }
}
