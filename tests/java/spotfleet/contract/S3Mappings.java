package spotfleet.contract;

/**
 * The access log bucket and its settings, as hashicorp/terraform-provider-aws's {@code internal/service/s3} creates
 * them: the bucket (CreateBucket, then its tags), and one put call per settings resource, each naming the bucket.
 */
final class S3Mappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/s3/";

    private S3Mappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:s3/bucketV2:BucketV2", DIR + "bucket.go (resourceBucketCreate, bucketCreateTags)", r -> {
            r.request("s3", "CreateBucket").name("bucket", "Bucket")
                    .set("CreateBucketConfiguration.LocationConstraint", PlanResource.COMPUTED,
                            "provider: its own region, outside us-east-1");
            r.request("s3", "PutBucketTagging").name("bucket", "Bucket").tags(Tags.list("Tagging.TagSet", "Key", "Value"));
            r.notSent("forceDestroy", "the provider's own: on delete it empties the bucket first; nothing is sent on create");
        });
        mappings.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", DIR + "bucket_public_access_block.go", r ->
                r.request("s3", "PutPublicAccessBlock").copy("bucket", "Bucket")
                        .into("PublicAccessBlockConfiguration", Conversion.byName(),
                                "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"));
        mappings.add("aws:s3/bucketOwnershipControls:BucketOwnershipControls", DIR + "bucket_ownership_controls.go", r ->
                r.request("s3", "PutBucketOwnershipControls").copy("bucket", "Bucket")
                        .copy("rule", "OwnershipControls.Rules[0]"));
        mappings.add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                DIR + "bucket_server_side_encryption_configuration.go", r ->
                        r.request("s3", "PutBucketEncryption").copy("bucket", "Bucket")
                                .copy("rules", "ServerSideEncryptionConfiguration.Rules"));
        mappings.add("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                DIR + "bucket_lifecycle_configuration.go", r ->
                        r.request("s3", "PutBucketLifecycleConfiguration").copy("bucket", "Bucket")
                                .copy("rules", "LifecycleConfiguration.Rules"));
        mappings.add("aws:s3/bucketPolicy:BucketPolicy", DIR + "bucket_policy.go", r ->
                r.request("s3", "PutBucketPolicy").copy("bucket", "Bucket")
                        .document("policy", "Policy", IamPolicies.resource()));
    }
}
