package spotfleet.infra.plan;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cost estimate against the repository's own stack files and its committed price list: every billable type they
 * declare is priced from a sourced, dated entry, a missing price or an unpriced type fails, and dev's cheaper shapes
 * lower its estimate for the same service capacity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostEstimateTest {

    private final PriceList prices = PriceList.committed();
    private final Map<String, Plan> plans = new LinkedHashMap<>();

    @BeforeAll
    void planEveryStackFile() throws Exception {
        for (var stack : StackFile.stacks(PlanSnapshotTest.PROJECT)) {
            plans.put(stack, Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, stack)));
        }
    }

    @Test
    void everyBillableTypeOfEveryStackFileHasASourcedDatedPrice() {
        // given the stack files (dev, fargate, prod)
        assertThat(plans).containsKeys("dev", "prod", "fargate");
        for (var entry : plans.entrySet()) {
            // when
            var estimate = CostEstimate.of(entry.getValue(), prices, UsageAssumptions.defaultsOnly());
            // then: nothing unpriced, and every line worked out from a price
            assertThat(estimate.unpriced()).as("types of %s without a price rule", entry.getKey()).isEmpty();
            assertThat(estimate.lines()).as(entry.getKey()).isNotEmpty().allSatisfy(line -> assertThat(line.basis()).contains("$"));
            assertThat(estimate.total()).as(entry.getKey()).isPositive();
        }
        assertThat(prices.prices().values()).allSatisfy(price -> {
            assertThat(price.source()).startsWith("https://aws.amazon.com/");
            assertThat(price.date()).matches("\\d{4}-\\d{2}(-\\d{2})?");
        });
        // every region the stack files use, and us-east-1
        assertThat(prices.regions()).contains("eu-west-1", "us-east-1");
    }

    @Test
    void aMissingPriceFailsNamingItAndTheRegion() {
        // given the list without the load balancer's hourly price in dev's region
        var incomplete = prices.without("applicationLoadBalancer", "eu-west-1");
        // when / then
        assertThatThrownBy(() -> CostEstimate.of(plans.get("dev"), incomplete, UsageAssumptions.defaultsOnly()))
                .isInstanceOf(PriceList.MissingPriceException.class)
                .hasMessageContaining("applicationLoadBalancer").hasMessageContaining("eu-west-1");
        // and every instance type a stack file names has its price
        assertThatThrownBy(() -> CostEstimate.of(plans.get("prod"), prices.without("instance:m7g.medium", "eu-west-1"),
                UsageAssumptions.defaultsOnly())).hasMessageContaining("instance:m7g.medium");
    }

    @Test
    void aTypeWithoutAPriceRuleIsReportedAsUnpriced() {
        // given dev's plan with a database added
        var dev = plans.get("dev");
        var resources = new ArrayList<>(dev.resources());
        resources.add(new Plan.PlannedResource("aws:rds/instance:Instance", "db", Optional.empty(), true, Map.of(), List.of(),
                List.of(), List.of(), false, Map.of()));
        var withDatabase = new Plan(dev.project(), dev.runtime(), dev.stack(), dev.stackFile(), dev.config(), dev.image(),
                dev.problems(), resources, dev.outputs());
        // when
        var estimate = CostEstimate.of(withDatabase, prices, UsageAssumptions.defaultsOnly());
        // then
        assertThat(estimate.unpriced()).containsExactly("aws:rds/instance:Instance");
        assertThat(CostText.render(withDatabase, estimate, prices)).contains("NOT PRICED", "aws:rds/instance:Instance");
    }

    @Test
    void aPriceWithoutItsSourceOrDateIsRefused() {
        // given
        var json = JsonParser.parseString("""
                {"hoursPerMonth": 730,
                 "prices": [{"id": "natGateway", "region": "eu-west-1", "unit": "hour", "usd": 0.048, "date": "2025-06", "status": "unverified"},
                            {"id": "kmsKey", "region": "eu-west-1", "unit": "key-month", "usd": 1, "source": "https://aws.amazon.com/kms/pricing/",
                             "status": "unverified"},
                            {"id": "dashboard", "region": "eu-west-1", "unit": "dashboard-month", "usd": 3,
                             "source": "https://aws.amazon.com/cloudwatch/pricing/", "date": "2025-06"}],
                 "spotDiscounts": [],
                 "fargateSpotDiscount": {"discount": 0.65, "source": "https://aws.amazon.com/fargate/pricing/", "date": "2025-06",
                                         "status": "unverified"}}
                """).getAsJsonObject();
        // when / then
        assertThatThrownBy(() -> PriceList.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prices[0] (natGateway) has no source").hasMessageContaining("prices[1] (kmsKey) has no date")
                .hasMessageContaining("prices[2] (dashboard) has no status");
    }

    @Test
    void aCheckedPriceNeedsItsWholeEvidenceAndAnUnverifiedOneHasNone() {
        // given a verified entry without its quote, a corroborated one without evidence, an unverified one with some
        var json = JsonParser.parseString("""
                {"hoursPerMonth": 730,
                 "prices": [{"id": "kmsKey", "region": "eu-west-1", "unit": "key-month", "usd": 1, "source": "https://aws.amazon.com/kms/pricing/",
                             "date": "2026-12-07", "status": "verified",
                             "evidence": {"url": "https://aws.amazon.com/kms/pricing/", "date": "2026-12-07"}},
                            {"id": "natGateway", "region": "us-east-1", "unit": "hour", "usd": 0.045, "source": "https://aws.amazon.com/vpc/pricing/",
                             "date": "2026-12-07", "status": "corroborated"},
                            {"id": "dashboard", "region": "eu-west-1", "unit": "dashboard-month", "usd": 3,
                             "source": "https://aws.amazon.com/cloudwatch/pricing/", "date": "2025-06", "status": "unverified",
                             "evidence": {"url": "https://example.com/", "date": "2026-01-01", "quote": "$3"}},
                            {"id": "metric", "region": "eu-west-1", "unit": "metric-month", "usd": 0.3,
                             "source": "https://aws.amazon.com/cloudwatch/pricing/", "date": "2025-06", "status": "recalled"}],
                 "spotDiscounts": [],
                 "fargateSpotDiscount": {"discount": 0.65, "source": "https://aws.amazon.com/fargate/pricing/", "date": "2025-06",
                                         "status": "unverified"}}
                """).getAsJsonObject();
        // when / then
        assertThatThrownBy(() -> PriceList.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prices[0] (kmsKey) is verified but its evidence has no quote")
                .hasMessageContaining("prices[1] (natGateway) is corroborated but its evidence has no url, date, quote")
                .hasMessageContaining("prices[2] (dashboard) is unverified but has evidence")
                .hasMessageContaining("prices[3] (metric): status recalled is none of verified, corroborated, unverified");
    }

    @Test
    void theCommittedListSaysHowFarEachFigureIsCheckedAndTheEstimateMarksEveryLineOnAnUnverifiedOne() {
        // given the committed list: each checked entry quotes its evidence, AWS's own for a verified one
        assertThat(prices.prices().values()).allSatisfy(price -> {
            assertThat(price.status()).isNotEqualTo(PriceList.Status.LIVE);
            if (price.status() == PriceList.Status.UNVERIFIED) {
                assertThat(price.evidence()).as(price.id()).isNull();
            } else {
                assertThat(price.evidence().url()).as(price.id()).startsWith("https://");
                if (price.usd() == 0) {
                    assertThat(price.evidence().quote()).as(price.id()).containsIgnoringCase("no additional charge");
                } else {
                    assertThat(price.evidence().quote()).as(price.id()).contains("$" + CostEstimate.number(price.usd()));
                }
            }
            if (price.status() == PriceList.Status.VERIFIED) {
                assertThat(java.net.URI.create(price.evidence().url()).getHost()).as(price.id()).matches("(.+\\.)?(aws\\.amazon\\.com|amazonaws\\.com)");
            }
        });
        // when
        var dev = plans.get("dev");
        var estimate = CostEstimate.of(dev, prices, UsageAssumptions.defaultsOnly());
        var text = CostText.render(dev, estimate, prices);
        // then: the KMS key (verified on AWS's page) is plain file, a line on the recalled ALB price is file*, and the
        // note counts the unverified entries of the region
        var kms = estimate.lines().stream().filter(line -> line.what().equals("KMS key")).findFirst().orElseThrow();
        assertThat(kms.unverified()).isFalse();
        assertThat(kms.origin()).isEqualTo("file");
        assertThat(CostText.lines(text)).anySatisfy(line -> assertThat(line).contains("alerts-key").contains(" file  ").doesNotContain("file*"))
                .anySatisfy(line -> assertThat(line).contains("loadbalancer-alb").contains("file*").contains("Application Load Balancer"));
        var unverified = prices.prices().values().stream().filter(price -> price.region().equals("eu-west-1"))
                .filter(price -> !price.status().fromAws()).count();
        assertThat(text).contains("* rests on a figure of prices.json that no AWS source was seen to state (%d of its".formatted(unverified));
        assertThat(CostText.summaryLine(dev)).contains("lines on figures not yet verified against AWS");
    }

    @Test
    void devCostsLessThanBeforeForTheSameServiceCapacity() throws Exception {
        // given dev as it was: one NAT gateway, Container Insights, flow logs in CloudWatch Logs
        var file = StackFile.read(PlanSnapshotTest.PROJECT, "dev");
        var config = new LinkedHashMap<>(file.config());
        config.put("spotfleet:natGateways", "single");
        config.put("spotfleet:containerInsights", "enabled");
        config.put("spotfleet:flowLogs", "cloudWatchLogs");
        var before = CostEstimate.of(Planner.plan(new StackFile(file.project(), file.runtime(), file.stack(), file.file(), config,
                file.problems(), file.directory())), prices, UsageAssumptions.defaultsOnly());
        // when
        var after = CostEstimate.of(plans.get("dev"), prices, UsageAssumptions.defaultsOnly());
        // then: less, with the same instances (at least one Spot and one on-demand)
        assertThat(after.total()).isLessThan(before.total() - 20);
        assertThat(instances(after)).isEqualTo(instances(before)).containsExactly("2 Spot t4g.micro", "1 on-demand t4g.micro");
        assertThat(before.byResource()).containsKey("network-nat-0").containsEntry("network-s3", 0.0);
        assertThat(after.byResource()).doesNotContainKey("network-nat-0");
    }

    @Test
    void theSpotGroupKeepsItsSpareTheOnDemandGroupItsBaseAndAllOnDemandSaysWhatSpotSaves() {
        // given prod: 3 tasks to start, 2 on on-demand capacity, the Spot provider at 75%
        var estimate = CostEstimate.of(plans.get("prod"), prices, UsageAssumptions.defaultsOnly());
        // then: m7g.medium holds 2 tasks of 256 MiB; the 1 Spot task needs 1 instance, and 75% makes it 2
        assertThat(instances(estimate)).containsExactly("2 Spot m7g.medium", "1 on-demand m7g.medium");
        var od = prices.price("instance:m7g.medium", "eu-west-1").usd();
        var discount = prices.spotDiscount("m7g").discount();
        assertThat(estimate.spotSavings()).isCloseTo(2 * 730 * od * discount, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(estimate.allOnDemand()).isGreaterThan(estimate.total());
        // three NAT gateways, each with its address, and the free S3 endpoint
        assertThat(estimate.lines()).filteredOn(line -> line.what().equals("NAT gateway")).hasSize(3);
        assertThat(estimate.of("network-s3")).isZero();
    }

    @Test
    void aUsageFileOverridesItsKeysAndRefusesUnknownOnes(@TempDir Path dir) throws Exception {
        // given
        var good = Files.writeString(dir.resolve("usage.txt"), "# a busier month\nloadBalancerCapacityUnits: 2\n");
        var bad = Files.writeString(dir.resolve("bad.txt"), "lcus: 2\nserviceLogGb: lots\n");
        // when
        var usage = UsageAssumptions.read(good);
        var estimate = CostEstimate.of(plans.get("dev"), prices, usage);
        // then
        assertThat(estimate.lines()).filteredOn(line -> line.what().equals("load balancer capacity units"))
                .singleElement().satisfies(line -> assertThat(line.monthly()).isCloseTo(2 * 730 * 0.008,
                        org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(CostText.render(plans.get("dev"), estimate, prices)).contains("loadBalancerCapacityUnits = 2 (", "; usage file)");
        assertThatThrownBy(() -> UsageAssumptions.read(bad)).hasMessageContaining("lcus is not a usage key")
                .hasMessageContaining("serviceLogGb needs a number");
    }

    private static List<String> instances(CostEstimate estimate) {
        return estimate.lines().stream().map(CostEstimate.Line::what).filter(what -> what.matches("\\d+ (Spot|on-demand) .*")).toList();
    }
}
