package spotfleet.infra.plan;

import spotfleet.infra.offline.OfflineEvaluationException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./plan <stack> [--format text|json|dot] [--cost [--usage <file>] [--live]] [--dir <project>]}: what the program would create for {@code Pulumi.<stack>.yaml},
 * evaluated offline under Pulumi's mock engine, with no AWS account, no credentials and no network. Exits 0 with
 * the plan, 1 when the stack's config is invalid (every problem listed) or the program fails, 2 on bad usage.
 */
public final class PlanCommand {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private static final String FORK_JOIN_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /**
     * The usage text, kept in one file that {@code ./plan --help} prints without starting a JVM (the script reads it
     * from the source tree) and this class prints for a usage error.
     */
    static final String USAGE_RESOURCE = "usage.txt";
    private static final String USAGE_TEXT = usageText();
    /** The line after the usage text that names the stacks there are, as {@code ./plan --help} writes it too. */
    static final String STACKS_LINE = "stacks it can plan (a Pulumi.<stack>.yaml in the project directory): ";

    private PlanCommand() {
    }

    public static void main(String[] args) {
        // pulumi-java#2270, as in spotfleet.infra.Main: the mock engine livelocks with one ForkJoin worker.
        if (System.getProperty(FORK_JOIN_PARALLELISM) == null) {
            System.setProperty(FORK_JOIN_PARALLELISM, "4");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the plan goes to {@code out}, problems to {@code err} (in JSON to {@code out} as well). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            err.println();
            err.println(STACKS_LINE + stacksIn(Path.of(".")));
            return USAGE;
        }
        if (arguments.help()) {
            out.println(USAGE_TEXT);
            out.println();
            out.println(STACKS_LINE + stacksIn(arguments.projectDir()));
            return OK;
        }
        StackFile stackFile;
        try {
            stackFile = StackFile.read(arguments.projectDir(), arguments.stack());
        } catch (StackFile.NotFoundException e) {
            err.println("plan: " + e.getMessage());
            return USAGE;
        } catch (StackFile.UnreadableException e) {
            // the file is there but is not a stack file (not YAML, not a map): an invalid stack file, as README says
            err.println("plan: " + e.getMessage());
            return INVALID;
        }
        Plan plan;
        try {
            plan = Planner.plan(stackFile);
        } catch (OfflineEvaluationException e) {
            err.println("plan: the program failed for stack %s under the mock engine:".formatted(stackFile.stack()));
            err.println(e.getMessage());
            return INVALID;
        }
        if (arguments.cost() && plan.valid()) {
            return cost(plan, arguments, out, err);
        }
        switch (arguments.format()) {
            case JSON -> out.print(PlanJson.render(plan));
            case DOT -> (plan.valid() ? out : err).print(plan.valid() ? PlanDot.render(plan) : PlanText.render(plan));
            case TEXT -> (plan.valid() ? out : err).print(PlanText.render(plan));
        }
        out.flush();
        return plan.valid() ? OK : INVALID;
    }

    /** The cost estimate in place of the plan; 1 when a price is missing or a type is not priced. */
    private static int cost(Plan plan, Arguments arguments, PrintStream out, PrintStream err) {
        UsageAssumptions usage;
        try {
            usage = arguments.usage() == null ? UsageAssumptions.defaultsOnly() : UsageAssumptions.read(arguments.usage());
        } catch (java.io.IOException e) {
            err.println("plan: cannot read the usage file %s: %s".formatted(arguments.usage(), e.getMessage()));
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("plan: " + e.getMessage());
            return INVALID;
        }
        var prices = PriceList.committed();
        try {
            var estimate = CostEstimate.of(plan, prices, usage);
            var notes = List.<String>of();
            if (arguments.live()) {
                try (var live = LivePrices.fromEnvironment()) {
                    var read = live.read(estimate, prices);
                    prices = prices.with(read.prices());
                    notes = read.notes();
                    estimate = CostEstimate.of(plan, prices, usage);
                } catch (LivePrices.NoCredentialsException e) {
                    err.println("plan: " + e.getMessage());
                    return INVALID;
                }
            }
            out.print(CostText.render(plan, estimate, prices, notes));
            out.flush();
            return estimate.unpriced().isEmpty() ? OK : INVALID;
        } catch (PriceList.MissingPriceException e) {
            err.println("plan: no cost estimate for stack %s: %s".formatted(plan.stack(), e.getMessage()));
            return INVALID;
        }
    }

    private static String stacksIn(Path projectDir) {
        try {
            var stacks = StackFile.stacks(projectDir);
            return stacks.isEmpty() ? "none" : String.join(", ", stacks);
        } catch (StackFile.UnreadableException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    private static String usageText() {
        try (var in = PlanCommand.class.getResourceAsStream(USAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(USAGE_RESOURCE + " is missing beside " + PlanCommand.class.getName());
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How the plan is printed. */
    enum Format {
        TEXT, JSON, DOT
    }

    /** The command line, checked. */
    record Arguments(String stack, Format format, Path projectDir, boolean help, boolean cost, Path usage, boolean live) {

        Arguments(String stack, Format format, Path projectDir, boolean help) {
            this(stack, format, projectDir, help, false, null, false);
        }

        static Arguments parse(String[] args) {
            var format = Format.TEXT;
            var projectDir = Path.of(".");
            var cost = false;
            var live = false;
            Path usage = null;
            var rest = new ArrayList<String>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        return new Arguments("", Format.TEXT, projectDir, true);
                    }
                    case "--json" -> format = Format.JSON;
                    case "--cost" -> cost = true;
                    case "--live" -> live = true;
                    case "--usage" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("plan: --usage needs a file of key: value lines");
                        }
                        usage = Path.of(args[++i]);
                    }
                    case "--format" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("plan: --format needs one of text, json, dot");
                        }
                        format = format(args[++i]);
                    }
                    case "--dir" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("plan: --dir needs a directory");
                        }
                        projectDir = Path.of(args[++i]);
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("plan: unknown option " + args[i]);
                        }
                        rest.add(args[i]);
                    }
                }
            }
            if (rest.size() != 1) {
                throw new IllegalArgumentException(rest.isEmpty()
                        ? "plan: which stack? Name one, e.g. dev"
                        : "plan: one stack at a time, not " + String.join(" ", rest));
            }
            var stack = rest.getFirst();
            if (!stack.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("plan: %s is not a stack name (letters, digits, _ . -)".formatted(stack));
            }
            if (usage != null && !cost) {
                throw new IllegalArgumentException("plan: --usage goes with --cost");
            }
            if (live && !cost) {
                throw new IllegalArgumentException("plan: --live goes with --cost");
            }
            return new Arguments(stack, format, projectDir, false, cost, usage, live);
        }

        private static Format format(String name) {
            return switch (name) {
                case "text" -> Format.TEXT;
                case "json" -> Format.JSON;
                case "dot" -> Format.DOT;
                default -> throw new IllegalArgumentException("plan: --format %s is not one of text, json, dot".formatted(name));
            };
        }
    }
}
