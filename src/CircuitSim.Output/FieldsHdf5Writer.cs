using CircuitSim.Tissue;
using PureHDF;

namespace CircuitSim.Output;

/// <summary>
/// fields.h5: per field a group <c>/fields/NAME</c> with <c>values</c> (snapshots × depth cells × mediolateral
/// cells, µM, float32), <c>times_ms</c>, and attributes <c>dx_um</c>, <c>units</c>. Readable by h5py.
/// </summary>
public static class FieldsHdf5Writer
{
    public const string FileName = "fields.h5";

    public static void Write(string path, IReadOnlyList<FieldSnapshots> fields)
    {
        OutputNames.CheckUnique(fields.Select(f => f.Name), "Field");
        var group = new H5Group();
        foreach (var f in fields)
        {
            OutputNames.Check(f.Name, "Field");
            var values = new float[f.Values.Count, f.Ny, f.Nx];
            for (int t = 0; t < f.Values.Count; t++)
                for (int j = 0; j < f.Ny; j++)
                    for (int i = 0; i < f.Nx; i++) values[t, j, i] = f.Values[t][j * f.Nx + i];
            group[f.Name] = new H5Group
            {
                ["values"] = new H5Dataset(values) { Attributes = new() { ["units"] = "uM" } },
                ["times_ms"] = f.TimesMs.ToArray(),
                Attributes = new() { ["dx_um"] = f.DxUm, ["axes"] = "time, depth (y, from the dorsal surface), mediolateral (x)" },
            };
        }
        var file = new H5File { ["fields"] = group };
        AtomicFile.Write(path, stream => file.Write(stream));
    }
}
