package spotfleet.contract;

import java.util.function.Consumer;

/**
 * How the provider turns one Pulumi resource type into AWS API requests.
 *
 * @param type     the Pulumi type token
 * @param source   where the provider does it: a file of hashicorp/terraform-provider-aws (pulumi-aws 6.x bridges it)
 * @param requests fills the requests for one planned resource, and lists what it does not send
 */
public record Mapping(String type, String source, Consumer<ResourceRequests> requests) {
}
