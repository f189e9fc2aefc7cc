package spotfleet.infra.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.plan.Workflows.jobs;
import static spotfleet.infra.plan.Workflows.map;

/**
 * The trust policies docs/deploy-credentials.md states, against the environments the workflows bind to: every
 * environment has exactly one AWS role trust policy and one Pulumi Cloud authorization policy, each accepting that
 * environment's OIDC subject and nothing else, and a preview environment's Pulumi team can only read its stack.
 * <p>
 * The subject of a job that references an environment is {@code repo:ORG-NAME/REPO-NAME:environment:ENVIRONMENT-NAME}
 * (github/docs content/actions/reference/security/oidc.md, "Filtering for a specific environment"). The Pulumi policy
 * fields are those of {@code PATCH /api/orgs/{organization}/auth/policies/{policyId}} (pulumi/docs
 * content/docs/reference/cloud-rest-api/oidc-issuers/_index.md); Read and Write are Pulumi Cloud's stack permissions
 * (pulumi/docs content/docs/pulumi-cloud/access-management/stack-permissions.md: Read previews, Write updates).
 */
class DeployCredentialsTest {

    static final Path DOC = Path.of("docs/deploy-credentials.md");
    static final String SUBJECT = "repo:OWNER/REPO:environment:";
    static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    private static final Pattern JSON_BLOCK = Pattern.compile("^```json\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern ENVIRONMENT_ROW =
            Pattern.compile("^\\| `([\\w-]+)` \\|[^|]*\\| `([\\w-]+)` \\| `([\\w-]+)` \\| (Read|Write|Admin|None) \\|.*$", Pattern.MULTILINE);

    /** An environment a workflow job binds to, the stack it touches and the Pulumi command it runs. */
    record Binding(String environment, String stack, String command) {
    }

    @Test
    void theWorkflowsBindToTheFourEnvironmentsOfTheDoc() {
        // given / when
        var bindings = bindings();
        // then
        assertThat(bindings).containsExactlyInAnyOrder(new Binding("dev-preview", "dev", "preview"),
                new Binding("prod-preview", "prod", "preview"), new Binding("dev", "dev", "up"), new Binding("prod", "prod", "up"));
    }

    @Test
    void everyBoundEnvironmentIsTrustedExactlyOnceByAwsAndByPulumiCloudAndNothingElseIs() throws IOException {
        // given / when
        var problems = problems(Files.readString(DOC), bindings());
        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void theStackJobTakesItsRoleAndTeamFromTheBoundEnvironment() {
        // given
        var pulumi = map(jobs("pulumi-stack.yml").get("pulumi"));
        var withs = new TreeMap<String, Object>();
        Workflows.collectSteps(pulumi.get("steps"), step -> withs.putAll(map(step.getOrDefault("with", Map.of()))));
        // when / then
        assertThat(pulumi.get("environment")).isEqualTo("${{ inputs.environment }}");
        assertThat(withs).containsEntry("role-to-assume", "${{ vars.AWS_ROLE_ARN }}")
                .containsEntry("scope", "team:${{ vars.PULUMI_TEAM }}");
    }

    @Test
    void theForkSettingsThatWouldOpenThePreviewEnvironmentsStayOff() throws IOException {
        // given the preview environments, which every pull request's run binds to (no branch rule can tell a fork)
        var previews = Workflows.stackCalls().stream().filter(call -> call.command().equals("preview")).map(Workflows.StackCall::environment)
                .distinct().toList();
        assertThat(previews).containsExactlyInAnyOrder("dev-preview", "prod-preview");
        // when the settings table is read
        var settings = Files.readString(DOC).lines().filter(line -> line.startsWith("| Actions → General |")).findFirst().orElseThrow();
        // then both fork settings that would hand a fork an OIDC token or the environments' variables are off
        assertThat(settings).contains("*Send write tokens to workflows from fork pull requests* and "
                + "*Send secrets and variables to workflows from fork pull requests* **off**");
    }

    @Test
    void renamedRepositoriesAreSaidToMoveToImmutableSubjects() throws IOException {
        // given / when / then: a rename changes the subject every trust policy names
        assertThat(Files.readString(DOC).replaceAll("\\s+", " ")).contains("and repositories renamed or transferred after that date",
                "Renaming or transferring an older repository therefore changes its subjects");
    }

    @Test
    void aWildcardSubjectIsAProblem() throws IOException {
        // given the doc with prod's subject widened
        var doc = Files.readString(DOC).replace(SUBJECT + "prod\"", SUBJECT + "*\"");
        // when / then
        assertThat(problems(doc, bindings())).anyMatch(problem -> problem.contains("repo:OWNER/REPO:environment:*"))
                .anyMatch(problem -> problem.contains("no AWS trust policy for prod"));
    }

    @Test
    void aLooserConditionOperatorIsAProblem() throws IOException {
        // given
        var doc = Files.readString(DOC).replaceFirst("\"StringEquals\"", "\"StringLike\"");
        // when / then
        assertThat(problems(doc, bindings())).anyMatch(problem -> problem.contains("StringLike"));
    }

    @Test
    void aPolicyForAnEnvironmentNoJobBindsToIsAProblem() throws IOException {
        // given a policy for an extra environment
        var doc = Files.readString(DOC).replaceFirst(SUBJECT + "dev-preview\"", SUBJECT + "staging\"");
        // when / then
        assertThat(problems(doc, bindings())).anyMatch(problem -> problem.contains("staging"))
                .anyMatch(problem -> problem.contains("dev-preview"));
    }

    @Test
    void aPreviewTeamThatCanWriteIsAProblem() throws IOException {
        // given
        var doc = Files.readString(DOC).replaceFirst("(\\| `spotfleet-prod-preview` \\|) Read \\|", "$1 Write |");
        // when / then
        assertThat(problems(doc, bindings())).anyMatch(problem -> problem.contains("prod-preview") && problem.contains("Write"));
    }

    @Test
    void anOrganizationTokenIsAProblem() throws IOException {
        // given
        var doc = Files.readString(DOC).replaceFirst("\"tokenType\": \"team\"", "\"tokenType\": \"organization\"");
        // when / then
        assertThat(problems(doc, bindings())).anyMatch(problem -> problem.contains("organization"));
    }

    @Test
    void eachTeamReadsExactlyTheOtherStacksItsStacksPromotionNeeds() throws IOException {
        // given / when
        var stated = otherReads(Files.readString(DOC));
        // then: prod-preview and prod read dev (the StackReference), dev's deploy reads prod (keep-promoted-images)
        assertThat(stated).isEqualTo(otherReadsNeeded(bindings()));
        assertThat(stated).containsEntry("prod", Set.of("dev")).containsEntry("dev", Set.of("prod"))
                .containsEntry("dev-preview", Set.of());
    }

    @Test
    void aTeamThatMissesTheStackItPromotesFromIsAProblem() throws IOException {
        // given prod's deploy team without Read on dev
        var doc = Files.readString(DOC).replaceFirst("(\\| `spotfleet-prod-deploy` \\| Write \\|) `dev` \\|", "$1 none |");
        // when / then
        assertThat(otherReads(doc)).isNotEqualTo(otherReadsNeeded(bindings())).containsEntry("prod", Set.of());
    }

    /**
     * What each environment's job reads of other stacks, from the committed stack files: a promoting stack reads its
     * source (the program's StackReference, in a preview as in an update; the summary line too), and a stack with
     * promotion targets reads each target's imageRef after its own update (.github/scripts/keep-promoted-images).
     */
    static Map<String, Set<String>> otherReadsNeeded(List<Binding> bindings) {
        var needed = new TreeMap<String, Set<String>>();
        for (var binding : bindings) {
            StackSettings settings;
            try {
                settings = StackConfig.parse(StackFile.read(Path.of("."), binding.stack()).config());
            } catch (StackFile.UnreadableException e) {
                throw new AssertionError(e);
            }
            var reads = new TreeSet<String>();
            if (settings.image().source() instanceof ImageSource.Promoted promoted) {
                reads.add(promoted.stack());
            }
            if ("up".equals(binding.command())) {
                settings.image().promotionTargets().forEach(target -> reads.add(target.stack()));
            }
            needed.put(binding.environment(), reads);
        }
        return needed;
    }

    /** The table's "Read on other stacks" column: environment to the stacks it names ({@code none} for none). */
    static Map<String, Set<String>> otherReads(String doc) {
        var reads = new TreeMap<String, Set<String>>();
        var rows = ENVIRONMENT_ROW.matcher(doc);
        while (rows.find()) {
            var cells = rows.group().split("\\|");
            var stacks = new TreeSet<String>();
            var names = Pattern.compile("`([\\w-]+)`").matcher(cells[6]);
            while (names.find()) {
                stacks.add(names.group(1));
            }
            assertThat(!stacks.isEmpty() || cells[6].strip().equals("none")).as("%s: %s", rows.group(1), cells[6]).isTrue();
            reads.put(rows.group(1), stacks);
        }
        return reads;
    }

    static List<Binding> bindings() {
        return Workflows.stackCalls().stream().map(call -> new Binding(call.environment(), call.stack(), call.command())).distinct().toList();
    }

    /** Everything wrong with the policies {@code doc} states, for jobs bound as {@code bindings} say. */
    static List<String> problems(String doc, List<Binding> bindings) {
        var problems = new ArrayList<String>();
        var teams = teamsTable(doc, bindings, problems);
        var awsSubjects = new ArrayList<String>();
        var pulumiSubjects = new ArrayList<String>();
        var blocks = JSON_BLOCK.matcher(doc);
        while (blocks.find()) {
            var json = JsonParser.parseString(blocks.group(1)).getAsJsonObject();
            if (json.has("policies")) {
                json.getAsJsonArray("policies").forEach(policy -> pulumiSubjects.add(pulumiPolicy(policy.getAsJsonObject(), teams, problems)));
            } else if (json.toString().contains("sts:AssumeRoleWithWebIdentity")) {
                awsSubjects.add(awsTrustPolicy(json, problems));
            }
        }
        for (var binding : bindings) {
            var subject = SUBJECT + binding.environment();
            if (!awsSubjects.remove(subject)) {
                problems.add("no AWS trust policy for " + binding.environment());
            }
            if (!pulumiSubjects.remove(subject)) {
                problems.add("no Pulumi Cloud policy for " + binding.environment());
            }
        }
        awsSubjects.forEach(subject -> problems.add("an AWS trust policy for no bound environment, or a second one: " + subject));
        pulumiSubjects.forEach(subject -> problems.add("a Pulumi Cloud policy for no bound environment, or a second one: " + subject));
        return problems;
    }

    /** The doc's table: environment to its Pulumi team, checked against what each binding may do. */
    private static Map<String, String> teamsTable(String doc, List<Binding> bindings, List<String> problems) {
        var teams = new TreeMap<String, String>();
        var rows = ENVIRONMENT_ROW.matcher(doc);
        var seenTeams = new HashSet<String>();
        while (rows.find()) {
            var environment = rows.group(1);
            var binding = bindings.stream().filter(b -> b.environment().equals(environment)).findFirst();
            if (binding.isEmpty()) {
                problems.add("the table lists " + environment + ", which no job binds to");
                continue;
            }
            var permission = "preview".equals(binding.get().command()) ? "Read" : "Write";
            if (!permission.equals(rows.group(4))) {
                problems.add(environment + " runs " + binding.get().command() + ", so its team needs " + permission + ", not " + rows.group(4));
            }
            if (!binding.get().stack().equals(rows.group(2))) {
                problems.add(environment + " touches stack " + binding.get().stack() + ", not " + rows.group(2));
            }
            if (!seenTeams.add(rows.group(3))) {
                problems.add("team " + rows.group(3) + " serves two environments");
            }
            teams.put(environment, rows.group(3));
        }
        bindings.stream().filter(binding -> !teams.containsKey(binding.environment()))
                .forEach(binding -> problems.add("the table has no row for " + binding.environment()));
        return teams;
    }

    static String awsTrustPolicy(JsonObject policy, List<String> problems) {
        var statements = policy.getAsJsonArray("Statement");
        var statement = statements.get(0).getAsJsonObject();
        var condition = statement.getAsJsonObject("Condition");
        var subject = condition.has("StringEquals") ? stringOr(condition.getAsJsonObject("StringEquals"), GITHUB_ISSUER + ":sub")
                : condition.toString();
        expect(problems, subject, "a trust policy's Version", policy.get("Version"), "2012-10-17");
        expect(problems, subject, "one statement", statements.size(), 1);
        expect(problems, subject, "Effect", statement.get("Effect"), "Allow");
        expect(problems, subject, "Action", statement.get("Action"), "sts:AssumeRoleWithWebIdentity");
        var federated = stringOr(statement.getAsJsonObject("Principal"), "Federated");
        if (!federated.matches("arn:aws:iam::\\d{12}:oidc-provider/" + Pattern.quote(GITHUB_ISSUER))) {
            problems.add(subject + ": the principal is not GitHub's OIDC provider: " + federated);
        }
        expect(problems, subject, "condition operators", condition.keySet(), Set.of("StringEquals"));
        var equals = condition.has("StringEquals") ? condition.getAsJsonObject("StringEquals") : new JsonObject();
        expect(problems, subject, "conditions", new TreeSet<>(equals.keySet()), new TreeSet<>(Set.of(GITHUB_ISSUER + ":aud", GITHUB_ISSUER + ":sub")));
        expect(problems, subject, "audience", equals.get(GITHUB_ISSUER + ":aud"), "sts.amazonaws.com");
        exactSubject(subject, problems);
        return subject;
    }

    static String pulumiPolicy(JsonObject policy, Map<String, String> teams, List<String> problems) {
        var rules = policy.getAsJsonObject("rules");
        var subject = stringOr(rules, "sub");
        expect(problems, subject, "fields", new TreeSet<>(policy.keySet()), new TreeSet<>(Set.of("decision", "tokenType", "teamName", "rules")));
        expect(problems, subject, "decision", policy.get("decision"), "allow");
        expect(problems, subject, "tokenType", policy.get("tokenType"), "team");
        expect(problems, subject, "rules", new TreeSet<>(rules.keySet()), new TreeSet<>(Set.of("aud", "sub")));
        expect(problems, subject, "aud", rules.get("aud"), "urn:pulumi:org:ORG");
        if (subject.startsWith(SUBJECT)) {
            expect(problems, subject, "teamName", policy.get("teamName"), teams.get(subject.substring(SUBJECT.length())));
        }
        exactSubject(subject, problems);
        return subject;
    }

    /** Pulumi Cloud's rule values are patterns (`*`, `?`); AWS's StringEquals is not, but a wildcard there is a mistake too. */
    private static void exactSubject(String subject, List<String> problems) {
        if (!subject.matches(Pattern.quote(SUBJECT) + "[\\w-]+")) {
            problems.add("a subject that is not one environment's: " + subject);
        }
    }

    private static void expect(List<String> problems, String subject, String what, Object actual, Object expected) {
        var value = actual instanceof JsonElement json && json.isJsonPrimitive() ? json.getAsString() : actual;
        if (!Objects.equals(expected, value)) {
            problems.add(subject + ": " + what + " is " + value + ", not " + expected);
        }
    }

    private static String stringOr(JsonObject object, String key) {
        return object != null && object.has(key) ? object.get(key).getAsString() : "<no " + key + ">";
    }
}
