package spotfleet.contract;

import java.util.List;
import java.util.Map;

import static spotfleet.contract.DocumentedConstraints.allOf;
import static spotfleet.contract.DocumentedConstraints.between;
import static spotfleet.contract.DocumentedConstraints.characters;
import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.member;
import static spotfleet.contract.DocumentedConstraints.oneOf;

/**
 * EC2's documented-only constraints, quoted from botocore/data/ec2/2016-11-15/service-2.json: Debian's 1.29 wording,
 * then botocore 1.43's where AWS reworded or widened the rule (the rules take the newer, wider values).
 */
final class Ec2Constraints {

    /** Security group names and descriptions, and rule descriptions of IPv4 ranges ("&" included). */
    static final String GROUP_CHARACTERS = "a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*";
    /** Rule descriptions of security group pairs: the model's list for UserIdGroupPair has no "&". */
    static final String PAIR_CHARACTERS = "a-zA-Z0-9. _-:/()#,@[]+=;{}!$*";

    private Ec2Constraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("ec2", "CreateSecurityGroupRequest", "Description",
                        List.of("Constraints: Up to 255 characters in length Constraints for EC2-Classic: ASCII characters "
                                        + "Constraints for EC2-VPC: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
                                "Constraints: Up to 255 characters in length Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*"),
                        characters("EC2", GROUP_CHARACTERS, 255)),
                constraint("ec2", "CreateSecurityGroupRequest", "GroupName",
                        List.of("Constraints: Up to 255 characters in length. Cannot start with sg-.",
                                "Constraints: Up to 255 characters in length. Can't start with sg- . Valid characters: a-z, A-Z, 0-9, "
                                        + "spaces, and ._-:/()#,@[]+=&;{}!$*"),
                        allOf(characters("EC2", GROUP_CHARACTERS, 255),
                                value -> String.valueOf(value).startsWith("sg-") ? Violation.of("a group name cannot start with sg-") : List.of())),
                constraint("ec2", "IpRange", "Description",
                        "Constraints: Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
                        characters("EC2", GROUP_CHARACTERS, 255)),
                constraint("ec2", "UserIdGroupPair", "Description",
                        "Constraints: Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=;{}!$*",
                        characters("EC2", PAIR_CHARACTERS, 255)),
                constraint("ec2", "LaunchTemplateEbsBlockDeviceRequest", "",
                        List.of("gp2 and gp3: 1-16,384 io1 and io2: 4-16,384 st1 and sc1: 125-16,384 standard: 1-1,024",
                                "gp2 : 1 - 16,384 GiB gp3 : 1 - 65,536 GiB io1 : 4 - 16,384 GiB io2 : 4 - 65,536 GiB st1 and sc1 : "
                                        + "125 - 16,384 GiB standard : 1 - 1024 GiB"),
                        Ec2Constraints::volumeSize),
                constraint("ec2", "LaunchTemplateInstanceMetadataOptionsRequest", "HttpPutResponseHopLimit",
                        "Possible values: Integers from 1 to 64", between(1, 64)),
                constraint("ec2", "CreateFlowLogsRequest", "MaxAggregationInterval",
                        "The possible values are 60 seconds (1 minute) or 600 seconds (10 minutes).", oneOf(List.of(60L, 600L))));
    }

    /** The volume size range of the volume's type (the LaunchTemplateEbsBlockDeviceRequest.VolumeSize doc). */
    private static List<Violation> volumeSize(Object ebs) {
        var size = member(ebs, "VolumeSize");
        if (size.isEmpty() || PlanResource.isComputed(size.get())) {
            return List.of();
        }
        var type = String.valueOf(member(ebs, "VolumeType").orElse("gp2")); // EC2's default type
        // botocore 1.43's sizes: gp3 and io2 grew to 65,536 GiB since 1.29's 16,384.
        var range = Map.of("gp2", new long[] {1, 16384}, "gp3", new long[] {1, 65536}, "io1", new long[] {4, 16384},
                "io2", new long[] {4, 65536}, "st1", new long[] {125, 16384}, "sc1", new long[] {125, 16384},
                "standard", new long[] {1, 1024}).get(type);
        if (range == null) {
            return List.of();
        }
        return between(range[0], range[1]).apply(size.get()).stream()
                .map(v -> new Violation("VolumeSize", v.message() + " GiB, the " + type + " range", v.allowable()))
                .toList();
    }
}
