using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// <c>substances.png</c>: the level of each substance over time (one panel each, µM; peptides and monoamines differ
/// by orders of magnitude), then the activation of the receptor types that are ever active, on one panel (0–1).
/// </summary>
internal static class SubstancesFigure
{
    public const string FileName = "substances.png";

    public static void Write(string path, SubstanceTrace t)
    {
        var plots = new List<Plot>();
        double[] time = Enumerable.Range(1, t.Samples).Select(k => k * t.EveryMs / 1000.0).ToArray();
        for (int s = 0; s < t.Substances.Length; s++)
        {
            var p = FigureWriter.NewPlot();
            var ys = new double[t.Samples];
            for (int k = 0; k < t.Samples; k++) ys[k] = t.Levels[k, s];
            var line = p.Add.ScatterLine(time, ys, FigureWriter.LineColor(s));
            line.LineWidth = 1.5f;
            p.YLabel($"{t.Substances[s]} (µM)");
            plots.Add(p);
        }
        var active = Enumerable.Range(0, t.Receptors.Length).Where(r => Enumerable.Range(0, t.Samples).Any(k => t.Activation[k, r] > 1e-3)).ToList();
        if (active.Count > 0)
        {
            var p = FigureWriter.NewPlot();
            for (int j = 0; j < active.Count; j++)
            {
                var ys = new double[t.Samples];
                for (int k = 0; k < t.Samples; k++) ys[k] = t.Activation[k, active[j]];
                var line = p.Add.ScatterLine(time, ys, FigureWriter.LineColor(j));
                line.LineWidth = 1.5f;
                line.LegendText = t.Receptors[active[j]];
            }
            // room above the lines (activation ≤ 1) for the legend, laid out in rows, so that it hides no line
            p.Axes.SetLimitsY(0, 1.6);
            p.YLabel("receptor activation");
            p.Legend.Orientation = Orientation.Horizontal;
            p.ShowLegend(Alignment.UpperCenter);
            plots.Add(p);
        }
        if (t.ChlorideColumns.Length > 0)
        {
            // the anion reversal of each population with chloride dynamics (every other column is its KCC2)
            var p = FigureWriter.NewPlot();
            for (int q = 0; q < t.ChlorideColumns.Length / 2; q++)
            {
                var ys = new double[t.Samples];
                for (int k = 0; k < t.Samples; k++) ys[k] = t.Chloride[k, 2 * q];
                var line = p.Add.ScatterLine(time, ys, FigureWriter.LineColor(q));
                line.LineWidth = 1.5f;
                line.LegendText = t.ChlorideColumns[2 * q].Replace("_E_anion_mV", "");
            }
            p.YLabel("E_anion (mV)");
            p.ShowLegend(Alignment.UpperLeft);
            plots.Add(p);
        }
        if (plots.Count == 0) return;
        double tMax = time.Length > 0 ? time[^1] : 1;
        foreach (var p in plots) p.Axes.SetLimitsX(0, tMax);
        plots[0].Title("Substances and receptors");
        plots[^1].XLabel("time (s)");
        var multiplot = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1)) multiplot.AddPlot(p);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        FigureWriter.SaveMultiplot(path, multiplot, FigureWriter.TracesWidth, Math.Clamp(plots.Count * 200 + 60, 400, 3000));
    }
}
