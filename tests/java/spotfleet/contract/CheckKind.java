package spotfleet.contract;

/** The kinds of check, as the coverage report counts them and findings name them. */
public enum CheckKind {
    MAPPING("mapping"),
    MEMBER("member exists"),
    TYPE("type"),
    REQUIRED("required member"),
    ENUM("enum"),
    RANGE("numeric range"),
    LENGTH("length"),
    SIZE("list/map size"),
    PATTERN("pattern"),
    DOC_TEXT("documented constraint"),
    ALLOW_LIST("allow-list (newer than the models)"),
    IAM_POLICY("IAM policy"),
    EVENT_PATTERN("EventBridge event pattern"),
    DASHBOARD("dashboard body"),
    ECR_LIFECYCLE("ECR lifecycle policy"),
    JSON("JSON document"),
    COMPUTED("skipped: <computed>");

    private final String label;

    CheckKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
