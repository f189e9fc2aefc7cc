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
    void theDefaultIsDebiansBotocoreAndItIsInstalled() {
        // given no override / when / then
        assertThat(System.getProperty(ServiceModels.PROPERTY, ServiceModels.DEFAULT_DIRECTORY))
                .isEqualTo("/usr/lib/python3/dist-packages/botocore/data");
        assertThat(ServiceModels.installed().service("ec2").source()).isEqualTo("botocore/data/ec2/2016-11-15/service-2.json");
    }
}
