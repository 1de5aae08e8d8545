using CircuitSim.Studies;

namespace CircuitSim.Cli;

/// <summary>`circuitsim merge DIR [DIR...]`: joins the journals of a study's shards into DIR's results.csv and results.parquet.</summary>
public static class MergeCommandHandler
{
    public static int Execute(string[] folders, bool quiet)
    {
        try
        {
            var (table, missing) = Study.Merge(folders);
            if (!quiet) Console.WriteLine($"{table.RowCount} runs merged into {Path.Combine(folders[0], Study.CsvFile)} and {Study.ParquetFile}");
            if (missing.Count > 0)
            {
                Console.Error.WriteLine($"error: {missing.Count} runs have no result yet (runs {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", ..." : "")}); " +
                                        "rerun their shards (the same command skips what is finished), then merge again");
                return ExitCodes.Failure;
            }
            if (StudyManifest.Read(folders[0]) is { } manifest)
            {
                foreach (var fig in Study.Figures(manifest, folders[0], table))
                    if (!quiet) Console.WriteLine($"figure: {fig}");
                if (Study.Stratify(manifest, folders[0], table) is { } strata && !quiet) Console.WriteLine(strata.Markdown());
            }
            return ExitCodes.Ok;
        }
        catch (StudyException e) { return ScenarioInput.BadInput(e.Message); }
    }
}
