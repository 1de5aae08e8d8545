using CircuitSim.Scenarios;
using CircuitSim.Tests.Validation;
using CircuitSim.Viz;

namespace CircuitSim.Tests.Viz;

/// <summary>The <c>viz:</c> section: read apart from the run, checked against the scenario, errors with file, line and key.</summary>
[Collection("console")]
public sealed class VizScenarioTests : IDisposable
{
    private readonly VizFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static string Errors(string file)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadWithOrigins(file));
        return e.Message;
    }

    [Theory]
    [InlineData("  colours: dark", "viz.colours: unknown key 'colours'")]
    [InlineData("  panels: [raster, heatmap]", "viz.panels[1]: unknown panel 'heatmap'")]
    [InlineData("  drugs: { ketamin: 0.6 }", "viz.drugs.ketamin: unknown drug 'ketamin'")]
    [InlineData("  drugs: { morphine: 2 }", "viz.drugs.morphine: expected the fraction of the drug's targets occupied")]
    [InlineData("  stimulus: nothing", "viz.stimulus: 'nothing' is not a pulse_train stimulus")]
    [InlineData("  window: 2", "viz.window: expected a Time")]
    [InlineData("  actions: { injury: { key: R, set: { populations.C_pep.ectopic_rate: 2 Hz } } }", "viz.actions.injury.key: 'R' is one of the view's own keys")]
    [InlineData("  captions: [ { at: 5 s, text: b }, { at: 1 s, text: a } ]", "viz.captions[1].at: captions go in time order")]
    [InlineData("  traces: [ { population: C_pep } ]", "viz.traces[0].population: 'C_pep' is not a neuron population")]
    [InlineData("  traces: [ { population: WDR, variable: w_adapt } ]", "viz.traces[0].variable: WDR has no variable 'w_adapt'")]
    [InlineData("  actions: { cut: { key: N, set: { populations.C_pep.ectopic_rate: 2 ms } } }", "viz.actions.cut.set.populations.C_pep.ectopic_rate: expected a Frequency")]
    [InlineData("  actions: { cut: { key: N, set: { populations.Nope.rate: 2 Hz } } }", "viz.actions.cut.set.populations.Nope.rate: cannot set 'populations.Nope.rate': population 'Nope' is unknown")]
    public void A_bad_viz_key_is_an_error_naming_file_line_and_key(string line, string expected)
    {
        string file = _files.Windup(line);
        string message = Errors(file);
        Assert.Contains(expected, message);
        Assert.Matches(@"windup\.yaml:\d+:\d+: viz\.", message);
    }

    [Fact]
    public void The_viz_section_is_not_part_of_a_run()
    {
        var with = ScenarioLoader.LoadWithOrigins(_files.Windup("  speed: 4"));
        Assert.NotNull(with.Viz);
        Assert.Equal(4, with.Viz!.Speed);
        Assert.Equal("WDR", with.Viz.WindupPopulation);
        Assert.Equal(["fast"], with.Viz.WindupStimuli);
        // a run's fingerprint (what a study checks before resuming) does not change with the view
        Assert.Equal(with.Fingerprint(), ScenarioLoader.LoadWithOrigins(_files.Windup("  speed: 2\n  panels: [raster]")).Fingerprint());
        // and --set reaches it like any key
        var set = ScenarioLoader.LoadWithOrigins(_files.Windup(), ["viz.speed=0.5", "viz.window=1s"]);
        Assert.Equal(0.5, set.Viz!.Speed);
        Assert.Equal(1000, set.Viz.WindowMs);
    }

    [Fact]
    public void An_action_key_applies_its_set_through_the_command_queue()
    {
        string file = _files.Windup("  actions: { nerve_injury: { key: N, label: nerve injury, set: { populations.C_pep.ectopic_rate: 3 Hz } } }");
        using var s = VizFiles.Session(file, new VizOptions(640, 480, ScreenshotPath: Path.Combine(_files.Dir, "n.png"), AtMs: 500,
            Presses: [(200, 'N')]));
        s.RunHeadless();
        var cpep = s.Simulation.Network.SourcePopulations.First(p => p.Name == "C_pep");
        Assert.Equal(3, cpep.EctopicRateHz);
        Assert.Contains(s.Simulation.Commands.Applied, c => c.Description == "viz: nerve injury" && c.Step == 2000);
        Assert.Contains("nerve injury", s.Controls.Conditions);
    }

    [Fact]
    public void Arrow_keys_retime_and_rescale_the_controlled_pulse_train()
    {
        // ↑ at 1.5 s: 16 pulses at 2 Hz from the next period after the last pulse (1 s) → pulses at 1.5, 2.0, ... s
        // ← twice: C- → Aδ- → Aβ-strength; no C fibre is recruited any more
        using var s = VizFiles.Session(_files.Windup(), new VizOptions(640, 480, ScreenshotPath: Path.Combine(_files.Dir, "a.png"), AtMs: 3200,
            Presses: [(1500, CircuitSim.Viz.Controls.Keys.Up), (2600, CircuitSim.Viz.Controls.Keys.Left), (2600, CircuitSim.Viz.Controls.Keys.Left)]));
        s.RunHeadless();
        var drives = s.Simulation.Network.Drives.OfType<CircuitSim.Stimuli.PulseTrainDrive>().Where(d => d.Name == "fast").ToList();
        var c = drives.First(d => d.Target.Name == "C_pep");
        var ab = drives.First(d => d.Target.Name == "Abeta_SA");
        Assert.Equal(5000, c.PeriodSteps);
        Assert.Equal(30_000, c.LastPulseStep); // pulses at 1.5, 2.0, 2.5, 3.0 s after the retime
        Assert.Equal(3, c.IntensityT);
        Assert.DoesNotContain(true, c.Recruited);
        Assert.Contains(true, ab.Recruited);
        Assert.Equal(2, s.Controls.FrequencyHz);
        Assert.Equal("Aβ-strength", s.Controls.IntensityName);
    }

    public static TheoryData<string> TeachingFiles()
    {
        var d = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(ScenarioRuns.Path("x"))!, "teaching"), "*.yaml").OrderBy(f => f))
            d.Add(Path.GetFileName(f));
        return d;
    }

    [Theory]
    [MemberData(nameof(TeachingFiles))]
    public void Every_teaching_demo_draws_its_panels_and_first_caption_headless(string file)
    {
        var loaded = ScenarioLoader.LoadWithOrigins(ScenarioRuns.Path(Path.Combine("teaching", file)));
        Assert.NotNull(loaded.Viz);
        Assert.NotEmpty(loaded.Viz!.Captions);
        Assert.NotEmpty(loaded.Viz.Panels);
        string shot = Path.Combine(_files.Dir, file + ".png");
        using var s = new VizSession(loaded, new VizOptions(1280, 720, ScreenshotPath: shot, AtMs: 500));
        s.RunHeadless();
        Assert.True(new FileInfo(shot).Length > 10_000);
        foreach (var p in loaded.Viz.Panels) Assert.True(s.Composer.Boxes.ContainsKey(p), $"{file}: panel {p} drawn");
        // the caption bar: light text on the panel colour at the bottom of the frame
        var px = s.ReadFrame();
        int bright = 0;
        for (int y = 720 - 50; y < 720 - 10; y++)
            for (int x = 20; x < 1260; x++)
                if (px[(y * 1280 + x) * 4] > 200 && px[(y * 1280 + x) * 4 + 1] > 200) bright++;
        Assert.True(bright > 300, $"{file}: caption text pixels {bright}");
    }

    [Fact]
    public void Record_writes_a_frame_every_interval_up_to_the_time_given()
    {
        string dir = Path.Combine(_files.Dir, "frames");
        var (code, output, error) = CircuitSim.Tests.Cli.CliProcess.Run("viz", _files.Windup(), "--record", dir, "--every", "250ms", "--at", "1s", "--size", "640x360");
        Assert.True(code == 0, error);
        var frames = Directory.GetFiles(dir, "frame-*.png").Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["frame-00000.png", "frame-00001.png", "frame-00002.png", "frame-00003.png", "frame-00004.png"], frames);
        // a PNG of the asked size: the IHDR chunk's width and height, big-endian
        var head = File.ReadAllBytes(Path.Combine(dir, frames[4])).AsSpan(16, 8).ToArray();
        Assert.Equal(640, (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]);
        Assert.Equal(360, (head[4] << 24) | (head[5] << 16) | (head[6] << 8) | head[7]);
        // with ffmpeg installed the frames are also joined into video.mp4; without it they stay PNG files, said on stderr
        bool ffmpeg = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, "ffmpeg")));
        Assert.Contains(ffmpeg ? "6 file(s) written" : "5 file(s) written", output);
        Assert.Equal(ffmpeg, File.Exists(Path.Combine(dir, "video.mp4")));
        if (!ffmpeg) Assert.Contains("ffmpeg is not installed", error);
    }

    [Fact]
    public void Bad_viz_options_are_refused_naming_the_option()
    {
        var (code, _, error) = CircuitSim.Tests.Cli.CliProcess.Run("viz", _files.Windup(), "--screenshot", "x.png", "--at", "5", "--press", "2s:banana", "--size", "10x10");
        Assert.Equal(2, code);
        Assert.Contains("--at: expected a Time", error);
        Assert.Contains("--press: unknown key 'banana'", error);
        Assert.Contains("--size: expected WIDTHxHEIGHT", error);
    }

    [Fact]
    public void An_action_the_engine_cannot_apply_during_a_run_is_refused_before_the_view_starts()
    {
        // conduction_distance is settable before a run, not during one: the action is compiled at the start, not at the key press
        string file = _files.Windup("  actions: { slow: { key: N, set: { populations.C_pep.conduction_distance: 200 mm } } }");
        var e = Assert.Throws<VizException>(() => VizFiles.Session(file, new VizOptions(640, 480, ScreenshotPath: Path.Combine(_files.Dir, "s.png"))));
        Assert.Contains("viz.actions.slow: intervention slow: set of 'populations.C_pep.conduction_distance' during a run is not supported", e.Message);
    }

    [Fact]
    public void The_view_refuses_the_gpu_backend_with_a_reason()
    {
        var (code, _, error) = CircuitSim.Tests.Cli.CliProcess.Run("viz", _files.Windup(), "--screenshot", Path.Combine(_files.Dir, "g.png"), "--backend", "gpu");
        Assert.Equal(1, code);
        Assert.Contains("the live view runs on the CPU engine", error);
    }
}
