using Offboarding.Bench;

// ./bench/run.sh [bench] [--count N ...]   the performance table (bench/results/benchmark.md + .png)
// ./bench/run.sh soak [--count N ...]      the fault soak's invariant table (bench/results/soak.md)
// ./bench/run.sh validation                what validating one request against the published schema costs
// ./bench/run.sh scaling [--instances 1,2,3] offboardings/s with 1, 2, 3 app instances (bench/results/scaling.md + .png)
// ./bench/run.sh planning [--leavers 9900 --leaving-managers 100 --runs 3]  a 10,000-row layoff planned: time and Zoho calls (bench/results/planning.md)
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
        _ => throw new ArgumentException($"Unknown verb '{verb}': use bench, soak, scaling, planning or validation."),
    };
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
