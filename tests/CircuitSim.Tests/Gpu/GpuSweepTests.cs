using CircuitSim.Tests.Cli;
using CircuitSim.Tests.Studies;

namespace CircuitSim.Tests.Gpu;

/// <summary>`circuitsim sweep --backend gpu`: the runs go to the device in batches, and the table is the CPU sweep's.</summary>
[Collection("console")]
public sealed class GpuSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-gpusweep-").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    [Fact]
    public void A_sweep_on_the_gpu_backend_in_batches_writes_the_table_of_the_simd_sweep()
    {
        string rel = Path.GetRelativePath(_dir, Path.Combine(StudyFiles.RepoRoot(), "scenarios", "coba.yaml")).Replace('\\', '/');
        string file = Path.Combine(_dir, "coba-sweep.yaml");
        File.WriteAllText(file, $"""
            name: coba-sweep
            extends: {rel}
            duration: 40 ms
            record:
              traces: null
              figures: false
            sweep:
              parameters:
                projections.E_E.receptors.exc: [5 nS, 6 nS, 7 nS]
              replicates: 2
            """);
        var (c1, _, e1) = CliProcess.Run("sweep", file, "--backend", "simd", "--out", Path.Combine(_dir, "simd"), "--quiet");
        Assert.True(c1 == 0, e1);
        // 6 runs, 4 copies per batch: a batch of 4 and one of 2 (the second closes when no run joins it)
        var (c2, _, e2) = CliProcess.Run("sweep", file, "--backend", "gpu", "--gpu-device", "cpu", "--jobs", "4", "--out", Path.Combine(_dir, "gpu"), "--quiet");
        Assert.True(c2 == 0, e2);
        var simd = StudyFiles.TableWithoutTimes(Path.Combine(_dir, "simd"));
        var gpu = StudyFiles.TableWithoutTimes(Path.Combine(_dir, "gpu"));
        Assert.Equal(7, simd.Count);
        Assert.Equal(simd, gpu);
        // the runs differ from one another (another weight, another seed)
        Assert.True(simd.Skip(1).Select(l => l.Split(',')[10]).Distinct().Count() >= 5, string.Join("\n", simd));
    }
}
