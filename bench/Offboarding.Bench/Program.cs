using Offboarding.Bench;

// ./bench/run.sh [bench] [--count N ...]   the performance table (bench/results/benchmark.md + .png)
// ./bench/run.sh soak [--count N ...]      the fault soak's invariant table (bench/results/soak.md)
// ./bench/run.sh validation                what validating one request against the published schema costs
// ./bench/run.sh scaling [--instances 1,2,3] offboardings/s with 1, 2, 3 app instances (bench/results/scaling.md + .png)
// ./bench/run.sh layoff [--count 10000]    a layoff batch run to the end on the local stack (bench/results/layoff.md)
// ./bench/run.sh budget [--count 1000 --credit-budget 1500 --credit-window 10m]  a layoff over the credit budget (bench/results/budget.md)
// ./bench/run.sh planning [--leavers 9900 --leaving-managers 100 --runs 3]  a 10,000-row layoff planned: time and Zoho calls (bench/results/planning.md)
if (args is ["--help" or "-h" or "help", ..])
{
    Console.WriteLine("""
        ./bench/run.sh [bench] [--count 1000 --paced-count 200 --job-limit 10 --job-duration 2 --zoho-concurrency 4 --zoho-latency-ms 100 --runs 1 --output DIR ...]
            the performance table: bench/results/benchmark.md + .png (credits per offboarding judged against 2.3 at --job-limit 10 --job-duration 5)
        ./bench/run.sh soak [--count 1000 --instances 1 --app-restarts 2 --azurite-restarts 1 --job-limit 10 --job-duration 1]
            the fault soak's invariants: bench/results/soak.md
        ./bench/run.sh scaling [--instances 1,2,3 --count 1000 --job-limit 100 --job-duration 1]
            offboardings/s per instance count: bench/results/scaling.md + .png
        ./bench/run.sh budget [--count 1000 --credit-budget 1500 --credit-reserve 150 --credit-window 10m --job-limit 10 --job-duration 2]
            a layoff over the app's credit budget, the busiest rolling window by the sandbox's call log: bench/results/budget.md
        ./bench/run.sh layoff [--count 10000 --warm-up 40 --instances 1 --job-limit 100 --job-duration 1 --zoho-concurrency 8]
            a layoff batch uploaded (after --warm-up people offboarded one by one), approved and run to the end on the local stack: bench/results/layoff.md
        ./bench/run.sh planning [--leavers 9900 --leaving-managers 100 --runs 3]
            a 10,000-row layoff planned through POST /api/batches: time and Zoho calls: bench/results/planning.md
        ./bench/run.sh validation
            what validating one request against the published schema costs
        An unknown option names the verb's options.
        """);
    return 0;
}

var verb = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "bench";
var options = args.Length > 0 && verb == args[0] ? args[1..] : args;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return verb switch
    {
        "bench" => await BenchCommand.RunAsync(BenchOptions.Parse(options), "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        "soak" => await SoakCommand.RunAsync(options, "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        "validation" => ValidationCommand.Run(),
        "planning" => await Offboarding.Bench.Planning.PlanningCommand.RunAsync(options, "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        "scaling" => await Offboarding.Bench.Scaling.ScalingCommand.RunAsync(options, "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        "layoff" => await Offboarding.Bench.Layoff.LayoffCommand.RunAsync(options, "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        "budget" => await Offboarding.Bench.Budget.BudgetCommand.RunAsync(options, "./bench/run.sh " + string.Join(' ', args), cancel.Token),
        _ => throw new ArgumentException($"Unknown verb '{verb}': use bench, soak, scaling, layoff, budget, planning or validation."),
    };
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
