package spotfleet.contract;

import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One AWS service's API model as Debian's python3-botocore ships it: {@code botocore/data/<service>/<date>/service-2.json}.
 *
 * @param service the botocore name of the service, e.g. {@code ec2}, {@code elbv2}
 * @param file    the model file read (the latest API version the package has)
 * @param json    the whole model
 */
public record ServiceModel(String service, Path file, JsonObject json) {

    /** {@code botocore/data/ec2/2016-11-15/service-2.json}: how code and messages name the file. */
    public String source() {
        var version = file.getParent().getFileName();
        return "botocore/data/%s/%s/%s".formatted(service, version, file.getFileName());
    }

    /** The input shape of {@code operation}; empty when the model has no such operation (one AWS added later). */
    public Optional<Shape> input(String operation) {
        var operations = json.getAsJsonObject("operations");
        if (!operations.has(operation)) {
            return Optional.empty();
        }
        var input = operations.getAsJsonObject(operation).getAsJsonObject("input");
        return Optional.of(shape(input.get("shape").getAsString()));
    }

    public Shape shape(String name) {
        var shapes = json.getAsJsonObject("shapes");
        if (!shapes.has(name)) {
            throw new IllegalArgumentException("%s has no shape %s".formatted(source(), name));
        }
        return new Shape(service, name, shapes.getAsJsonObject(name));
    }
}
