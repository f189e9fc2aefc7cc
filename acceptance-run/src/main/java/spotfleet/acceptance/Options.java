package spotfleet.acceptance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one {@code ./acceptance} run does, from its arguments and environment, validated: a bad value is refused with
 * the option and the value named. The AWS account the run may use must be named ({@code --account}, or
 * {@code SPOTFLEET_ACCEPTANCE_ACCOUNTS}, comma-separated): the run refuses credentials of any other account.
 *
 * @param region          the AWS region the stack is created in
 * @param allowedAccounts the 12-digit account ids the run may create resources in
 * @param requestsPerSecond the steady load's rate, held for the whole run
 * @param baseline        steady load before the interruption, to measure the undisturbed latency
 * @param healTimeout     how long the stack gets, after the notice, to be back to its desired tasks
 * @param rolloutTimeout  how long the rolling deploy gets to reach steady state
 * @param coolDown        steady load after the rollout, before the load stops
 * @param janitor         destroy leftover acceptance stacks older than {@code janitorMaxAge} instead of running
 * @param janitorMaxAge   how old a leftover stack must be before the janitor destroys it
 * @param janitorStack    with the janitor: one run's stack (its report dir's {@code stack} file) to destroy whatever its
 *                        age, e.g. after a cancelled CI run; null for none
 * @param reportDirectory where the report, its JSON and the request log are written
 * @param yes             start without asking (CI); otherwise the plan is printed and the run waits for "yes"
 */
public record Options(String region, Set<String> allowedAccounts, int requestsPerSecond, Duration baseline,
                      Duration healTimeout, Duration rolloutTimeout, Duration coolDown, boolean janitor, Duration janitorMaxAge,
                      String janitorStack, String reportDirectory, boolean yes, boolean help) {

    public static final String ACCOUNTS_VARIABLE = "SPOTFLEET_ACCEPTANCE_ACCOUNTS";
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    static final Pattern DURATION = Pattern.compile("(\\d{1,6})([sm])");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    /** A name {@link AcceptanceRun#uniqueName} makes. */
    static final Pattern STACK = Pattern.compile("acceptance-\\d{8}t\\d{6}z-[0-9a-f]{6}");
    /** The load balancer and one small service: more would measure the client, not the stack. */
    static final int MAX_REQUESTS_PER_SECOND = 200;

    public static final String USAGE = """
            usage: ./acceptance --region <aws region> --account <12-digit id>[,<id>...] [options]
                   ./acceptance --janitor --region <aws region> --account <id> [--janitor-max-age-hours 3]

            Creates a throwaway spotfleet stack (Pulumi.acceptance.yaml) in a real AWS account, holds a steady load on it,
            interrupts one of its Spot instances with AWS FIS, rolls out a new task definition, and destroys it again.
            Exit 0: no request failed. Exit 1: requests failed (the report says which). Exit 2: refused or bad arguments.
            Exit 3: the run could not finish (the stack is destroyed all the same). It costs money: read the plan it prints.
            Needs the Pulumi CLI (logged in), a running Docker engine, and AWS credentials the AWS SDK finds.

              --region R                 the AWS region (required)
              --account ID[,ID...]       the AWS accounts the run may use; the credentials' account must be one
                                         (or SPOTFLEET_ACCEPTANCE_ACCOUNTS)
              --rps N                    requests per second, held for the whole run (default 20, 1 to 200)
              --baseline D               steady load before the interruption (default 3m; D is 90s, 3m, ...)
              --heal-timeout D           time to heal after the notice (default 15m)
              --rollout-timeout D        time for the rolling deploy (default 20m)
              --cool-down D              steady load after the rollout (default 1m)
              --report-dir DIR           where the report goes (default target/acceptance)
              --yes                      start without asking
              --janitor                  destroy leftover acceptance stacks instead (tag spotfleet:acceptance, older
                                         than --janitor-max-age-hours, default 3)
              --stack NAME               with --janitor: also destroy this run's stack, whatever its age (a run writes
                                         its name to <report dir>/stack before it creates it)
            """;

    public static Options parse(List<String> args, Map<String, String> env) {
        var problems = new ArrayList<String>();
        String region = null;
        var accounts = new LinkedHashSet<String>();
        int rps = 20;
        Duration baseline = Duration.ofMinutes(3);
        Duration heal = Duration.ofMinutes(15);
        Duration rollout = Duration.ofMinutes(20);
        Duration coolDown = Duration.ofMinutes(1);
        int janitorHours = 3;
        var janitor = false;
        var yes = false;
        var help = false;
        var reportDir = "target/acceptance";
        String janitorStack = null;
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "--yes" -> yes = true;
                case "--janitor" -> janitor = true;
                case "--region" -> region = value(args, ++i, arg, problems);
                case "--account" -> {
                    var v = value(args, ++i, arg, problems);
                    if (v != null) {
                        accounts.addAll(List.of(v.split(",")));
                    }
                }
                case "--rps" -> rps = number(args, ++i, arg, problems, rps);
                case "--baseline" -> baseline = duration(args, ++i, arg, problems, baseline);
                case "--heal-timeout" -> heal = duration(args, ++i, arg, problems, heal);
                case "--rollout-timeout" -> rollout = duration(args, ++i, arg, problems, rollout);
                case "--cool-down" -> coolDown = duration(args, ++i, arg, problems, coolDown);
                case "--janitor-max-age-hours" -> janitorHours = number(args, ++i, arg, problems, janitorHours);
                case "--report-dir" -> reportDir = value(args, ++i, arg, problems);
                case "--stack" -> janitorStack = value(args, ++i, arg, problems);
                default -> problems.add("unknown argument %s (./acceptance --help lists them)".formatted(arg));
            }
        }
        if (help) {
            return new Options(region, Set.copyOf(accounts), rps, baseline, heal, rollout, coolDown, janitor,
                    Duration.ofHours(janitorHours), janitorStack, reportDir, yes, true);
        }
        if (accounts.isEmpty() && env.containsKey(ACCOUNTS_VARIABLE) && !env.get(ACCOUNTS_VARIABLE).isBlank()) {
            accounts.addAll(List.of(env.get(ACCOUNTS_VARIABLE).split(",")));
        }
        accounts.removeIf(String::isBlank);
        var trimmed = new LinkedHashSet<String>();
        accounts.forEach(a -> trimmed.add(a.strip()));
        if (region == null) {
            problems.add("--region is required: the AWS region the throwaway stack is created in, e.g. --region eu-west-1");
        } else if (!REGION.matcher(region).matches()) {
            problems.add("--region (%s) is not an AWS region name such as eu-west-1".formatted(region));
        }
        if (trimmed.isEmpty()) {
            problems.add(("no AWS account is allowed: name the account the run may create resources in with --account"
                    + " <12-digit id> (or %s); the run refuses credentials of any other account").formatted(ACCOUNTS_VARIABLE));
        }
        trimmed.stream().filter(a -> !ACCOUNT.matcher(a).matches()).forEach(a ->
                problems.add("--account (%s) is not a 12-digit AWS account id".formatted(a)));
        if (rps < 1 || rps > MAX_REQUESTS_PER_SECOND) {
            problems.add("--rps (%d) must be between 1 and %d".formatted(rps, MAX_REQUESTS_PER_SECOND));
        }
        positive("--janitor-max-age-hours", janitorHours, problems);
        if (janitorStack != null && !janitor) {
            problems.add("--stack (%s) goes with --janitor: it names a run's stack to destroy".formatted(janitorStack));
        } else if (janitorStack != null && !STACK.matcher(janitorStack).matches()) {
            problems.add("--stack (%s) is not a name ./acceptance gives its stacks (acceptance-<yyyymmdd>t<hhmmss>z-<6 hex>)"
                    .formatted(janitorStack));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Options(region, Set.copyOf(trimmed), rps, baseline, heal, rollout, coolDown, janitor,
                Duration.ofHours(janitorHours), janitorStack, reportDir, yes, false);
    }

    private static String value(List<String> args, int i, String option, List<String> problems) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            problems.add(option + " needs a value");
            return null;
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i, String option, List<String> problems, int fallback) {
        var v = value(args, i, option, problems);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add("%s (%s) is not a whole number".formatted(option, v));
            return fallback;
        }
    }

    /** {@code 90s} or {@code 3m}: at least a second. */
    private static Duration duration(List<String> args, int i, String option, List<String> problems, Duration fallback) {
        var v = value(args, i, option, problems);
        if (v == null) {
            return fallback;
        }
        var m = DURATION.matcher(v);
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            problems.add("%s (%s) is not a duration such as 90s or 3m".formatted(option, v));
            return fallback;
        }
        var n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }

    private static void positive(String option, int value, List<String> problems) {
        if (value < 1) {
            problems.add("%s (%d) must be at least 1".formatted(option, value));
        }
    }

    /** Every problem with the arguments, one per line. */
    public static final class Invalid extends RuntimeException {
        Invalid(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
        }
    }
}
