using System.Globalization;
using System.Text.Json;
using CircuitSim.Validation;

// circuitsim-validation: runs the validation targets over seeds (and the sensitivity analysis) from the command line.
//   targets [--seeds 11,12,13,14,15] [--only V1,V5] [--set key=value ...] [--json FILE] [--jobs N]
//   compare-windup --scenario A --scenario B [--metric windup] [--seeds 21] --out FILE.png
//   dose-response --scenario FILE --intervention NAME --doses "0.001 uM,0.01 uM" [--seeds 3,21] --out PREFIX
//   sensitivity --params FILE [--seeds ...] [--only ...] [--scale 0.2] [--out FILE.md] [--study DIR] [--shard i/N] [--jobs N]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: circuitsim-validation targets|sensitivity [--seeds a,b,c] [--only V1,V2] [--set key=value]... [--json FILE] [--jobs N]");
    Console.WriteLine("       sensitivity also takes --params FILE (one key path per line) [--scale 0.2] [--out FILE.md] [--study DIR: its journal; a rerun resumes] [--shard i/N]");
    return args.Length == 0 ? 2 : 0;
}
try
{
    var o = Options.Parse(args.Skip(1).ToArray());
    return args[0] switch
    {
        "targets" => Commands.Targets(o),
        "sensitivity" => Commands.Sensitivity(o),
        "dose-response" => DoseResponse.Run(o),
        "compare-windup" => CompareWindup.Run(o, o.Scenarios, o.Metric ?? "windup"),
        _ => throw new ArgumentException($"unknown command '{args[0]}' (targets, sensitivity or dose-response)"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}
