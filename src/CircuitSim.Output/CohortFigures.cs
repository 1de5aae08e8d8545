using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Figures of a stratified cohort: phenotypes coloured by cluster, and each intervention's effect per cluster.</summary>
public static class CohortFigures
{
    /// <summary>The first two phenotypes of every clustered patient (a strip against the first when there is one), coloured by cluster.</summary>
    public static void WritePhenotypes(string path, IReadOnlyList<string> names, IReadOnlyList<(int Cluster, double[] Phenotypes)> patients)
    {
        var plot = FigureWriter.NewPlot();
        foreach (var group in patients.GroupBy(p => p.Cluster).OrderBy(g => g.Key))
        {
            double[] xs = group.Select(p => p.Phenotypes[0]).ToArray();
            double[] ys = names.Count > 1 ? group.Select(p => p.Phenotypes[1]).ToArray() : group.Select((_, i) => (double)group.Key + 0.02 * (i % 10)).ToArray();
            var s = plot.Add.ScatterPoints(xs, ys, FigureWriter.LineColor(group.Key - 1));
            s.MarkerSize = 6;
            s.LegendText = $"cluster {group.Key} ({xs.Length})";
        }
        plot.Title($"Cohort phenotypes by cluster ({patients.Count} patients)");
        plot.XLabel(names[0]);
        plot.YLabel(names.Count > 1 ? names[1] : "cluster");
        // the legend outside the data, so that no patient hides behind it
        plot.ShowLegend(Edge.Right);
        FigureWriter.Save(path, plot, 900, 620);
    }

    /// <summary>Mean change of the outcome per arm (grouped bars, one group per cluster), responders' share in the legend.</summary>
    public static void WriteInterventions(string path, string outcome, IReadOnlyList<string> arms,
        IReadOnlyList<(int Cluster, int Patients, double[] MeanChange, double[] Responders)> clusters)
    {
        var plot = FigureWriter.NewPlot();
        double width = 0.8 / arms.Count;
        for (int a = 0; a < arms.Count; a++)
        {
            var bars = clusters.Select((c, i) => new Bar
            {
                Position = i + 1 - 0.4 + width * (a + 0.5), Value = double.IsFinite(c.MeanChange[a]) ? c.MeanChange[a] * 100 : 0,
                Size = width * 0.9, FillColor = FigureWriter.LineColor(a),
            }).ToList();
            var b = plot.Add.Bars(bars);
            b.LegendText = arms[a];
        }
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Axes.Bottom.SetTicks(clusters.Select((_, i) => (double)(i + 1)).ToArray(),
            clusters.Select(c => $"cluster {c.Cluster} (n={c.Patients})").ToArray());
        plot.Title("Change of the outcome per intervention, by cluster");
        plot.YLabel($"change of {outcome} (%)");
        plot.ShowLegend(Edge.Right);
        FigureWriter.Save(path, plot, 900, 560);
    }
}
