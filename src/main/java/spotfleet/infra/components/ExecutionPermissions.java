package spotfleet.infra.components;

import spotfleet.infra.config.ContainerSecret;
import spotfleet.infra.config.ServiceSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the ECS agent may do with the service's task execution role, and nothing more: pull the image from the one
 * repository that holds it, write to the service's log group, and read exactly the secrets the container names.
 * This replaces AWS's AmazonECSTaskExecutionRolePolicy, which grants the same actions on every resource.
 *
 * <p>No {@code kms:Decrypt}: secrets encrypted with the AWS managed keys ({@code aws/ssm}, {@code aws/secretsmanager})
 * need none (ECS developer guide, "Required IAM permissions for Amazon ECS secrets": kms:Decrypt "only if your secret
 * uses a custom KMS key"). A secret under a customer managed key is decrypted when that key's policy grants this role
 * (under the path {@code /<project>/<stack>/}), which the key's owner decides.
 */
final class ExecutionPermissions {

    private ExecutionPermissions() {
    }

    /**
     * @param imageRepositoryArn the ECR repository holding the image; empty when the image is not in ECR
     * @param logGroupArn        the service's log group
     */
    static String document(String imageRepositoryArn, String logGroupArn, ServiceSettings settings) {
        var statements = new ArrayList<Map<String, Object>>();
        if (!imageRepositoryArn.isEmpty()) {
            statements.add(statement("PullTheImage", ContainerImage.PULL_ACTIONS, List.of(imageRepositoryArn)));
            // ECR scopes no resource for its token (the token opens every registry the role may pull from), so "*".
            statements.add(statement("AuthenticateToEcr", List.of("ecr:GetAuthorizationToken"), List.of("*")));
        }
        statements.add(statement("WriteTheServicesLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(logGroupArn + ":*")));
        for (var store : ContainerSecret.Store.values()) {
            var arns = List.copyOf(settings.secretResourceArns(store));
            if (!arns.isEmpty()) {
                statements.add(statement(store == ContainerSecret.Store.SSM_PARAMETER ? "ReadTheSsmParameters" : "ReadTheSecrets",
                        List.of(store.readAction()), arns));
            }
        }
        return Json.of(Json.object("Version", "2012-10-17", "Statement", statements));
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        return Json.object("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resources.size() == 1 ? resources.getFirst() : resources);
    }
}
