package spotfleet.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the models come from: Debian's python3-botocore by default, another botocore data directory on request. */
class ServiceModelsTest {

    @Test
    void withoutTheModelsTheMessageNamesThePackageAndTheOverride(@TempDir Path empty) {
        // given a directory without models
        var models = ServiceModels.at(empty.resolve("missing"));
        // when / then
        assertThatThrownBy(() -> models.service("ec2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install python3-botocore")
                .hasMessageContaining("-Daws.contract.models");
    }

    @Test
    void theLatestApiVersionIsRead(@TempDir Path data) throws Exception {
        // given two API versions of a service
        for (var version : new String[] {"2014-01-01", "2016-11-15"}) {
            Files.createDirectories(data.resolve("svc").resolve(version));
            Files.writeString(data.resolve("svc").resolve(version).resolve("service-2.json"),
                    "{\"operations\":{},\"shapes\":{},\"metadata\":{\"apiVersion\":\"%s\"}}".formatted(version));
        }
        // when
        var model = ServiceModels.at(data).service("svc");
        // then
        assertThat(model.source()).isEqualTo("botocore/data/svc/2016-11-15/service-2.json");
        assertThat(model.input("Nothing")).isEmpty();
    }

    @Test
    void theNewestBotocoreOnTheMachineIsUsedAndDebiansIsTheFloor() {
        // given no override / when the models are chosen
        var installed = ServiceModels.installed();
        var floor = ServiceModels.floor().orElseThrow(() -> new AssertionError("Debian's python3-botocore is the floor: apt-get install python3-botocore"));
        // then: a version is known, no older than Debian's, and both are checked
        System.out.println("AWS API contract check: models " + installed.describe() + "; floor " + floor.describe());
        if (System.getProperty(ServiceModels.PROPERTY) == null) {
            assertThat(ServiceModels.compareVersions(installed.version().orElseThrow(), floor.version().orElseThrow())).isGreaterThanOrEqualTo(0);
            assertThat(ServiceModels.checked()).contains(installed, floor);
        }
        assertThat(floor.directory()).isEqualTo(Path.of(ServiceModels.DEBIAN_DIRECTORY));
        assertThat(floor.version()).hasValueSatisfying(v -> assertThat(v).startsWith("1."));
        assertThat(installed.service("ec2").source()).startsWith("botocore/data/ec2/2016-11-15/service-2.json");
    }

    @Test
    void versionsCompareByTheirNumbers() {
        // given / when / then
        assertThat(ServiceModels.compareVersions("1.43.11", "1.29.27")).isPositive();
        assertThat(ServiceModels.compareVersions("1.9.0", "1.10.0")).isNegative();
        assertThat(ServiceModels.compareVersions("1.29", "1.29.0")).isZero();
    }

    @Test
    void aGzippedModelIsRead(@TempDir Path root) throws Exception {
        // given botocore's newer layout: data/<service>/<version>/service-2.json.gz, and __init__.py beside data
        var data = root.resolve("botocore/data");
        Files.createDirectories(data.resolve("svc/2020-01-01"));
        Files.writeString(root.resolve("botocore/__init__.py"), "__version__ = '1.43.11'\n");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(data.resolve("svc/2020-01-01/service-2.json.gz")))) {
            out.write("{\"operations\":{},\"shapes\":{},\"metadata\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // when
        var models = ServiceModels.at(data);
        // then
        assertThat(models.service("svc").source()).isEqualTo("botocore/data/svc/2020-01-01/service-2.json.gz");
        assertThat(models.version()).contains("1.43.11");
        assertThat(models.describe()).startsWith("botocore 1.43.11 (");
    }
}
