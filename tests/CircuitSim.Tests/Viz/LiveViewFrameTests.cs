using CircuitSim.Recording;
using CircuitSim.Viz;
using CircuitSim.Viz.Controls;
using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Tests.Viz;

/// <summary>
/// Frames drawn headless (EGL, Mesa llvmpipe) and read back: the raster lights where and when the recorded
/// spikes were, the wind-up bars grow over a 1 Hz train, and a key sent through the input layer (ketamine)
/// lowers the bars that follow.
/// </summary>
public sealed class LiveViewFrameTests : IDisposable
{
    private readonly VizFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static (byte R, byte G, byte B) Pixel(byte[] rgba, int width, int x, int y)
    {
        int k = (y * width + x) * 4;
        return (rgba[k], rgba[k + 1], rgba[k + 2]);
    }

    private static bool Near((byte R, byte G, byte B) p, Rgba c, int tol = 40) =>
        Math.Abs(p.R - c.R * 255) <= tol && Math.Abs(p.G - c.G * 255) <= tol && Math.Abs(p.B - c.B * 255) <= tol;

    [Fact]
    public void Raster_lights_where_and_when_the_recorded_spikes_were_and_is_dark_elsewhere()
    {
        const int W = 1280, H = 720;
        using var s = VizFiles.Session(_files.Windup(), new VizOptions(W, H, ScreenshotPath: Path.Combine(_files.Dir, "shot.png"), AtMs: 3000));
        var recorder = new SpikeRecorder(s.Simulation.Network, null);
        s.Simulation.Observers.Add(recorder);
        var files = s.RunHeadless();
        Assert.True(File.Exists(files[0]));
        var px = s.ReadFrame();
        var plot = s.Composer.Plots["raster"];
        var rows = s.Feed.Rows;
        float rowH = plot.H / rows.Rows;
        double now = (s.Feed.Step + 1) * s.Feed.DtMs, window = s.Viz.WindowMs;
        var lit = new bool[rows.Rows, (int)plot.W + 1];
        int checkedSpikes = 0, litSpikes = 0, neighbour = 0;
        foreach (var ps in recorder.Result(s.Simulation.Network.DtMs))
        {
            var pop = s.Simulation.Network.Population(ps.Population);
            for (int k = 0; k < ps.TimesMs.Length; k++)
            {
                double age = now - ps.TimesMs[k];
                if (age > window || age < 0) continue;
                int row = rows.FirstRowOf[pop.Index] + ps.NodeIds[k];
                float x = plot.Right - (float)(age / window) * plot.W;
                int col = (int)Math.Round(x - plot.X);
                for (int dx = -3; dx <= 3; dx++) if (col + dx >= 0 && col + dx <= plot.W) lit[row, col + dx] = true;
                if (x < plot.X + 2 || x > plot.Right - 2) continue;
                // the pixel whose centre the tick covers (ticks are 1.5 px wide and max(1, row height) high)
                int py = (int)Math.Ceiling(plot.Y + row * rowH - 0.5f), pxX = (int)Math.Floor(x);
                checkedSpikes++;
                var p = Pixel(px, W, pxX, py);
                if (Near(p, rows.RowColour[row])) litSpikes++;
                else if (!Near(p, Palette.Background, 30)) neighbour++; // a tick of the next row drawn over it (rows are under a pixel high)
            }
        }
        Assert.True(checkedSpikes > 300, $"spikes in the window: {checkedSpikes}");
        // every recorded spike in the window is drawn in its row's colour where it should be
        Assert.True(litSpikes + neighbour == checkedSpikes && litSpikes >= checkedSpikes * 0.9,
            $"{litSpikes} of {checkedSpikes} spikes lit in their row's colour at their place, {neighbour} in another's");
        // and nowhere else: rows and times without a spike within 3 px are background (grid lines aside)
        int dark = 0, looked = 0;
        var rng = new System.Random(5);
        var background = Palette.Background;
        for (int n = 0; n < 4000; n++)
        {
            int row = rng.Next(rows.Rows), col = rng.Next(2, (int)plot.W - 2);
            if (lit[row, col]) continue;
            int x = (int)plot.X + col, y = (int)Math.Ceiling(plot.Y + row * rowH - 0.5f);
            if (row > 0 && lit[row - 1, col] || row + 1 < rows.Rows && lit[row + 1, col]) continue; // rows share pixels
            var p = Pixel(px, W, x, y);
            if (Near(p, Palette.Grid, 8)) continue;
            looked++;
            if (Near(p, background, 6)) dark++;
        }
        Assert.True(looked > 2000 && dark == looked, $"{dark} of {looked} places without spikes are dark");
    }

    /// <summary>Bar heights in pixels, read from the frame: the run of bar-coloured pixels up from the plot's bottom at each bar's centre.</summary>
    private static List<int> BarHeights(VizSession s, int W, int count)
    {
        var px = s.ReadFrame();
        var plot = s.Composer.Plots["windup"];
        float slot = plot.W / CircuitSim.Viz.Panels.WindupPanel.Visible;
        var heights = new List<int>();
        for (int j = 0; j < count; j++)
        {
            int x = (int)(plot.X + j * slot + slot * 0.5f);
            int h = 0;
            for (int y = (int)plot.Bottom - 1; y > plot.Y; y--)
            {
                var p = Pixel(px, W, x, y);
                if (Near(p, Palette.Accent) || Near(p, Palette.C)) h++;
                else if (h > 0) break;
            }
            heights.Add(h);
        }
        return heights;
    }

    [Fact]
    public void Windup_bars_grow_over_a_1_Hz_train_in_the_frame_as_in_the_feed()
    {
        const int W = 1280, H = 720;
        using var s = VizFiles.Session(_files.Windup(), new VizOptions(W, H, ScreenshotPath: Path.Combine(_files.Dir, "windup.png"), AtMs: 17_500));
        s.RunHeadless();
        var w = s.Feed.Windup!;
        Assert.Equal(16, w.Count);
        var bars = w.Bars.Take(16).ToArray();
        var heights = BarHeights(s, W, 16);
        double first = (bars[0] + bars[1]) / 2, last = bars.Skip(12).Average();
        Assert.True(last > 1.5 * first, $"bars grow: first two {first:0.00}, last four {last:0.00} spikes per neuron");
        // each bar's drawn height is its value on the axis (the axis top is a round number above the highest bar)
        double pxPerSpike = heights.Max() / bars.Max();
        for (int k = 0; k < 16; k++)
            Assert.True(Math.Abs(heights[k] - bars[k] * pxPerSpike) <= 2.5, $"bar {k + 1}: {heights[k]} px for {bars[k]:0.00} spikes");
        Assert.True(heights.Skip(12).Average() > 1.5 * heights.Take(2).Average(), string.Join(",", heights));
    }

    [Fact]
    public void Ketamine_key_through_the_input_layer_lowers_the_bars_that_follow()
    {
        const int W = 1280, H = 720;
        var options = new VizOptions(W, H, ScreenshotPath: Path.Combine(_files.Dir, "control.png"), AtMs: 17_500);
        string file = _files.Windup();
        using var control = VizFiles.Session(file, options);
        control.RunHeadless();
        // key 1 (GLFW code '1') between pulses 8 and 9: the drug acts from the next step boundary
        using var drug = VizFiles.Session(file, options with { ScreenshotPath = Path.Combine(_files.Dir, "ketamine.png"), Presses = [(8_500, Keys.Digit1)] });
        drug.RunHeadless();
        Assert.Contains(drug.Simulation.Commands.Applied, c => c.Description.Contains("ketamine") && !c.Scheduled && c.Step == 85_000);
        Assert.Contains("ketamine 60 %", drug.Controls.Conditions);
        var a = control.Feed.Windup!.Bars.Take(16).ToArray();
        var b = drug.Feed.Windup!.Bars.Take(16).ToArray();
        // the same run up to the key
        for (int k = 0; k < 8; k++) Assert.Equal(a[k], b[k]);
        double before = a.Skip(9).Average(), after = b.Skip(9).Average();
        Assert.True(after < 0.8 * before, $"bars 10–16: {before:0.00} without, {after:0.00} with ketamine");
        // and the frame shows it: the later bars against the first ones, each frame on its own axis
        var hc = BarHeights(control, W, 16);
        var hd = BarHeights(drug, W, 16);
        double rc = hc.Skip(9).Average() / hc.Take(2).Average(), rd = hd.Skip(9).Average() / hd.Take(2).Average();
        Assert.True(rd < 0.8 * rc, $"drawn heights {string.Join(",", hc)} vs {string.Join(",", hd)}");
    }

    [Fact]
    public void Drawing_a_frame_allocates_nothing_once_warm()
    {
        using var s = VizFiles.Session(_files.Windup("  panels: [raster, traces, windup, substances, chloride, weights, tissue]"),
            new VizOptions(1280, 720, ScreenshotPath: Path.Combine(_files.Dir, "x.png")));
        s.StartHeadless();
        s.AdvanceTo(3000);
        s.DrawFrame();
        s.DrawFrame();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 20; k++) s.DrawFrame();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Bars_with_a_baseline_are_the_window_less_as_long_before_the_pulse_counted_from_the_recorded_spikes()
    {
        string file = _files.Windup("  windup: { population: WDR, stimulus: fast, baseline: true }");
        using var s = VizFiles.Session(file, new VizOptions(640, 480, ScreenshotPath: Path.Combine(_files.Dir, "b.png"), AtMs: 6_500));
        var recorder = new SpikeRecorder(s.Simulation.Network, ["WDR"]);
        s.Simulation.Observers.Add(recorder);
        s.RunHeadless();
        var w = s.Feed.Windup!;
        Assert.True(w.Baseline);
        Assert.Equal(6, w.Count); // pulses at 1, 2, ... 6 s
        var wdr = recorder.Result(s.Simulation.Network.DtMs)[0];
        double dt = s.Simulation.Network.DtMs;
        for (int k = 0; k < 5; k++)
        {
            long pulse = (long)Math.Round((1000 + 1000 * k) / dt);
            long from = pulse + (long)Math.Round(w.WindowStartMs / dt), to = pulse + (long)Math.Round(w.WindowEndMs / dt);
            long len = to - from;
            int inWindow = wdr.TimesMs.Count(t => Math.Round(t / dt) >= from && Math.Round(t / dt) < to);
            int before = wdr.TimesMs.Count(t => Math.Round(t / dt) >= pulse - len && Math.Round(t / dt) < pulse);
            Assert.Equal((inWindow - before) / (double)wdr.Size, w.Bars[k], 5);
        }
    }
}
