package spotfleet.acceptance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./acceptance}: checks what it needs (the Pulumi CLI, a Docker engine, AWS credentials of an allowed account),
 * prints its plan, and runs ({@link AcceptanceRun}) or cleans up ({@link Janitor}). {@code ./acceptance verdict
 * <requests.csv> <timeline.json> <report dir>} judges a recorded load (the local drill's) with the same verdict and
 * report code, without AWS; {@code ./acceptance load ...} ({@link DrillLoad}) loads a local drill's server and judges it.
 */
public final class Acceptance {

    private Acceptance() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.getenv(), Path.of(System.getProperty("spotfleet.project", "."))));
    }

    static int run(List<String> args, PrintStream out, Map<String, String> env, Path project) {
        if (!args.isEmpty() && args.getFirst().equals("verdict")) {
            return verdict(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("load")) {
            return DrillLoad.run(args.subList(1, args.size()), System.in, out);
        }
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (Options.Invalid e) {
            out.println("./acceptance: " + e.getMessage().replace("\n", "\n./acceptance: "));
            out.println("(./acceptance --help says how to use it)");
            return 2;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        var missing = missingTools(options.janitor(), env);
        if (!missing.isEmpty()) {
            missing.forEach(m -> out.println("./acceptance: " + m));
            return 2;
        }
        try (var aws = new AwsCalls(options.region(), env)) {
            String account;
            try {
                account = aws.callerAccount();
            } catch (RuntimeException e) {
                out.println("./acceptance: no usable AWS credentials (STS GetCallerIdentity failed: %s). Configure credentials the"
                        .formatted(e.getMessage()) + " AWS SDK finds (AWS_PROFILE, AWS_ACCESS_KEY_ID..., SSO, or the runner's OIDC role).");
                return 2;
            }
            if (!options.allowedAccounts().contains(account)) {
                out.println(("./acceptance: refused: the AWS credentials are for account %s, which is not an allowed account %s."
                        + " Name the account the run may create resources in with --account (or %s).")
                        .formatted(account, options.allowedAccounts().stream().sorted().toList(), Options.ACCOUNTS_VARIABLE));
                return 2;
            }
            var stacks = new Stacks(project, out::println);
            var clock = Clock.systemUTC();
            if (options.janitor()) {
                out.println("janitor: acceptance stacks in account %s older than %s".formatted(account, options.janitorMaxAge()));
                return Janitor.run(stacks, clock.instant(), options.janitorMaxAge(), options.janitorStack(), out);
            }
            out.print(RunPlan.text(options, account));
            if (!options.yes() && !confirmed(out)) {
                out.println("not started: nothing was created");
                return 2;
            }
            var poll = Duration.ofMillis(Long.parseLong(env.getOrDefault("SPOTFLEET_ACCEPTANCE_POLL_MILLIS",
                    String.valueOf(AcceptanceRun.POLL.toMillis()))));
            return new AcceptanceRun(options, project, stacks, aws, clock, out, poll).execute();
        } catch (Exception e) {
            out.println("./acceptance: " + e.getMessage());
            return 3;
        }
    }

    private static boolean confirmed(PrintStream out) {
        out.print("Type yes to start: ");
        out.flush();
        try {
            var line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line != null && line.strip().equals("yes");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** What the run needs on this machine, each missing one said with what to do. */
    static List<String> missingTools(boolean janitor, Map<String, String> env) {
        var missing = new java.util.ArrayList<String>();
        if (!works(env, "pulumi", "version")) {
            missing.add("the Pulumi CLI is not on the PATH (or does not run): install it (https://www.pulumi.com/docs/install/)"
                    + " and log in to a backend (pulumi login)");
        }
        if (!janitor && !works(env, "docker", "info", "--format", "{{.ServerVersion}}")) {
            missing.add("no running Docker engine (docker info failed): the stack builds its image from app/ with it");
        }
        return missing;
    }

    private static boolean works(Map<String, String> env, String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code verdict <requests.csv> <timeline.json> <report dir> [source]}: exit 0 if the promise held, 1 if not. */
    private static int verdict(List<String> args, PrintStream out) {
        if (args.size() < 3) {
            out.println("usage: ./acceptance verdict <requests.csv> <timeline.json> <report dir> [source]");
            return 2;
        }
        try {
            var requests = Report.readCsv(Path.of(args.get(0)));
            var timeline = Report.readTimeline(Path.of(args.get(1)));
            var source = args.size() > 3 ? String.join(" ", args.subList(3, args.size())) : "a recorded load, not AWS";
            var verdict = Verdict.of(requests, timeline.phases());
            var run = new LinkedHashMap<String, String>();
            run.put("requests file", args.get(0));
            run.put("timeline file", args.get(1));
            Report.write(Path.of(args.get(2)), new Report.Contents("spotfleet acceptance verdict", source, run, timeline, verdict,
                    requests, Map.of(), Map.of("all", "not measured: not an AWS run"), ""));
            out.println((verdict.holds() ? "PROMISE HELD: " : "PROMISE NOT SHOWN: ") + verdict.why());
            return verdict.holds() ? 0 : 1;
        } catch (Exception e) {
            out.println("./acceptance verdict: " + e.getMessage());
            return 2;
        }
    }
}
