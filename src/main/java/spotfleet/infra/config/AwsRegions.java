package spotfleet.infra.config;

import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The AWS regions a stack may name in {@code aws:region}: AWS's own list, as the AWS SDK for Java v2's {@code regions}
 * module generates it from AWS's endpoint data ({@link Region#regions()}), less its global pseudo-regions
 * ({@code aws-global}, {@code aws-cn-global}, ...: endpoints for global services, not places to run a VPC).
 * Only {@link Region#regions()} and {@link Region#isGlobalRegion()} are read: they need no SDK client or metadata.
 */
public final class AwsRegions {

    /** Every region's code, e.g. {@code eu-west-1}, sorted. */
    public static final SortedSet<String> NAMES = Region.regions().stream()
            .filter(region -> !region.isGlobalRegion())
            .map(Region::id)
            .collect(Collectors.toCollection(TreeSet::new));

    /** Where the list comes from, for messages: the SDK module and its version. */
    public static final String SOURCE = "the AWS SDK for Java v2's regions module " + sdkVersion();

    private AwsRegions() {
    }

    /** The module's version, from the pom.properties Maven puts in its jar; empty if that is missing. */
    private static String sdkVersion() {
        try (var in = Region.class.getResourceAsStream("/META-INF/maven/software.amazon.awssdk/regions/pom.properties")) {
            var properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "");
        } catch (IOException e) {
            return "";
        }
    }
}
