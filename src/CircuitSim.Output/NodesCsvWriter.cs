using System.Globalization;
using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>nodes.csv: population, node_id, lamina, x_um, y_um — one row per neuron.</summary>
public static class NodesCsvWriter
{
    public static void Write(string path, IReadOnlyList<NodePositions> nodes) => AtomicFile.WriteText(path, w =>
    {
        w.Write("population,node_id,lamina,x_um,y_um\n");
        foreach (var p in nodes)
            for (int i = 0; i < p.XUm.Length; i++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{p.Population},{i},{p.Lamina ?? ""},{p.XUm[i]:0.###},{p.YUm[i]:0.###}\n"));
    });
}
