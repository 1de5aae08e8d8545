using CircuitSim.Model;
using CircuitSim.Tissue;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>fields.png: each field at its recorded peak (the snapshot with the largest total) as a heat map of the slab (depth down), with the laminae.</summary>
public static class FieldsFigure
{
    public const string FileName = "fields.png";

    /// <param name="microglia">Drawn on every panel at the same snapshot, coloured from grey (surveillant) to red (reactive).</param>
    /// <param name="astrocytes">Drawn as squares, grey (quiescent) to blue (reactive).</param>
    public static void Write(string path, IReadOnlyList<FieldSnapshots> fields, AgentSnapshots? microglia = null, AgentSnapshots? astrocytes = null)
    {
        var plots = new List<Plot>();
        foreach (var f in fields)
        {
            var plot = FigureWriter.NewPlot();
            int peak = 0;
            for (int k = 1; k < f.Values.Count; k++) if (f.Values[k].Sum() > f.Values[peak].Sum()) peak = k;
            var last = f.Values[peak];
            var data = new double[f.Ny, f.Nx];
            for (int j = 0; j < f.Ny; j++)
                for (int i = 0; i < f.Nx; i++) data[j, i] = last[j * f.Nx + i];
            var hm = plot.Add.Heatmap(data);
            hm.Colormap = new ScottPlot.Colormaps.Viridis();
            // row 0 (the dorsal surface) at the top: y runs from 0 down to the slab's depth
            hm.Extent = new CoordinateRect(0, f.Nx * f.DxUm, -f.Ny * f.DxUm, 0);
            var bar = plot.Add.ColorBar(hm);
            bar.Label = $"{f.Name} (µM)";
            foreach (var (lamina, top) in new[] { ("I", 0.0), ("IIo", 30.0), ("IIi", 80.0), ("III", 130.0), ("IV", 250.0), ("V", 400.0) })
            {
                if (top > 0)
                {
                    var h = plot.Add.HorizontalLine(-top, 1, Colors.White.WithAlpha(0.6), LinePattern.Dashed);
                    h.LegendText = "";
                }
                var t = plot.Add.Text(lamina, 4, -top - 3);
                t.LabelFontColor = Colors.White;
                t.LabelFontSize = 11;
                t.LabelAlignment = Alignment.UpperLeft;
            }
            if (microglia is { } m && peak < m.X.Count)
                for (int i = 0; i < m.X[peak].Length; i++)
                {
                    double a = m.Activation[peak][i];
                    if (double.IsNaN(a)) continue; // not born yet (proliferation)
                    var colour = Color.InterpolateRgb(new Color(200, 200, 200), new Color(230, 30, 30), Math.Clamp(a, 0, 1));
                    var mk = plot.Add.Marker(m.X[peak][i], -m.Y[peak][i], MarkerShape.FilledCircle, 7, colour);
                    mk.MarkerLineColor = Colors.Black;
                    mk.MarkerLineWidth = 0.5f;
                }
            if (astrocytes is { } ac && peak < ac.X.Count)
                for (int i = 0; i < ac.X[peak].Length; i++)
                {
                    if (float.IsNaN(ac.Activation[peak][i])) continue;
                    var colour = Color.InterpolateRgb(new Color(200, 200, 200), new Color(30, 90, 230), Math.Clamp(ac.Activation[peak][i], 0, 1));
                    var mk = plot.Add.Marker(ac.X[peak][i], -ac.Y[peak][i], MarkerShape.FilledSquare, 7, colour);
                    mk.MarkerLineColor = Colors.Black;
                    mk.MarkerLineWidth = 0.5f;
                }
            plot.Axes.SetLimits(0, f.Nx * f.DxUm, -f.Ny * f.DxUm, 0);
            plot.Title($"{f.Name} at {f.TimesMs[peak] / 1000:0.###} s (peak){(microglia is null ? "" : ", microglia grey→red")}{(astrocytes is null ? "" : ", astrocytes grey→blue")}");
            plot.XLabel("mediolateral (µm)");
            plot.YLabel("depth below the dorsal surface (µm, negative down)");
            plots.Add(plot);
        }
        var multiplot = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1)) multiplot.AddPlot(p);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        FigureWriter.SaveMultiplot(path, multiplot, 600 * Math.Max(1, fields.Count), 660);
    }
}
